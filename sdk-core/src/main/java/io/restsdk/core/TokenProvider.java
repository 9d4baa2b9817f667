package io.restsdk.core;

import java.util.Optional;

/**
 * Supplies the bearer token sent with each request, and optionally a fresh one after a 401.
 *
 * <p>Implementations must be thread-safe: the client calls them from any thread.
 *
 * <pre>{@code
 * TokenProvider tokens = new TokenProvider() {
 *   public String token() { return store.current(); }
 *   public Optional<String> refresh(String rejected) { return Optional.of(store.renew()); }
 * };
 * RestClient client = RestClient.builder().baseUrl(url).tokenProvider(tokens).build();
 * }</pre>
 */
public interface TokenProvider {
  /** The token for the next request; never null or blank. */
  String token();

  /**
   * Called once after a 401 for a request sent with {@code rejectedToken}. Return a new token to
   * replay the request once with it, or empty (the default) to surface
   * {@link ApiException.Unauthorized}.
   */
  default Optional<String> refresh(String rejectedToken) {
    return Optional.empty();
  }

  /** A provider that always returns {@code token} and never refreshes. */
  static TokenProvider of(String token) {
    java.util.Objects.requireNonNull(token, "token == null");
    if (token.isBlank()) throw new IllegalArgumentException("token is blank");
    return new TokenProvider() {
      @Override
      public String token() {
        return token;
      }

      @Override
      public String toString() {
        return "TokenProvider(static, redacted)";
      }
    };
  }
}
