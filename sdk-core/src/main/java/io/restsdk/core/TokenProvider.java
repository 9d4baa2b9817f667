package io.restsdk.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Supplies the bearer token sent with each request, and optionally a fresh one after a 401.
 *
 * <p>Implementations must be thread-safe: the client calls them from any thread. They are
 * never called on OkHttp's dispatcher threads: on the async path the client asks for a refresh
 * through {@link #refreshAsync}, and handles responses on its own threads when a provider other
 * than {@link #of} may be asked for a token (to follow a {@code Location}, to scrub an error).
 * {@link #token()} should return quickly (a cached token); the refresh may do I/O.
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

  /**
   * {@link #refresh} without blocking the caller; the async path of the client uses only this.
   * The default runs {@link #refresh} on a thread of the client's own (daemon threads, not
   * OkHttp's dispatcher); a provider with a non-blocking way to get a token overrides it. The
   * future must not be null; it may fail, and the failure is what the call then fails with.
   *
   * <pre>{@code
   * public CompletableFuture<Optional<String>> refreshAsync(String rejected) {
   *   return authServer.renewAsync().thenApply(Optional::of);
   * }
   * }</pre>
   */
  default CompletableFuture<Optional<String>> refreshAsync(String rejectedToken) {
    return CompletableFuture.supplyAsync(() -> refresh(rejectedToken), TokenRefresh.THREADS);
  }

  /** A provider that always returns {@code token} and never refreshes. */
  static TokenProvider of(String token) {
    java.util.Objects.requireNonNull(token, "token == null");
    if (token.isBlank()) throw new IllegalArgumentException("token is blank");
    return new FixedToken(token);
  }
}
