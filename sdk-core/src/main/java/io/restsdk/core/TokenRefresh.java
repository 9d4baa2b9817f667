package io.restsdk.core;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The token refresh after a 401: once per request, when the request carried a bearer token and
 * the client's {@link TokenProvider} can refresh it; the request is then replayed once with the
 * fresh token. The sync path asks {@link TokenProvider#refresh}, the async path
 * {@link TokenProvider#refreshAsync}, never on one of OkHttp's threads.
 */
final class TokenRefresh {
  private static final String BEARER = "Bearer ";

  /**
   * Where blocking token work of the async path runs: {@link TokenProvider#refreshAsync}'s
   * default, and the handling of responses for clients whose provider may block (see
   * {@link #mayBlock}). Daemon threads, created on demand, idle ones ended after 60 s.
   */
  static final ExecutorService THREADS = Executors.newCachedThreadPool(new java.util.concurrent.ThreadFactory() {
    private final AtomicInteger n = new AtomicInteger();

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, "restsdk-tokens-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  });

  private final @Nullable TokenProvider tokens;

  TokenRefresh(@Nullable TokenProvider tokens) {
    this.tokens = tokens;
  }

  /**
   * Whether {@code tokens} may block when asked for a token: any provider but a fixed token.
   * The async path handles responses off OkHttp's threads for those, since that may need a
   * token (a {@code Location} to follow, an error body to scrub).
   */
  static boolean mayBlock(@Nullable TokenProvider tokens) {
    return tokens != null && !(tokens instanceof FixedToken);
  }

  /**
   * The token {@code request} was rejected with, when a refresh is worth asking for: a 401 to a
   * request sent with a bearer token, not refreshed before, with a provider that may refresh.
   */
  @Nullable String rejected(SdkException failure, Request request, boolean refreshedBefore) {
    if (!(failure instanceof ApiException.Unauthorized) || tokens == null || refreshedBefore) {
      return null;
    }
    String auth = request.header("Authorization");
    return auth == null || !auth.startsWith(BEARER) ? null : auth.substring(BEARER.length());
  }

  /** Asks the provider, blocking. */
  Optional<String> refresh(String rejected) {
    return java.util.Objects.requireNonNull(tokens).refresh(rejected);
  }

  /** Asks the provider without blocking the caller. */
  CompletableFuture<Optional<String>> refreshAsync(String rejected) {
    try {
      CompletableFuture<Optional<String>> f = java.util.Objects.requireNonNull(tokens)
          .refreshAsync(rejected);
      return f != null ? f : CompletableFuture.failedFuture(
          new IllegalStateException("TokenProvider.refreshAsync returned null"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** {@code request} with the fresh token, or null when the provider had none. */
  static @Nullable Request replay(Request request, @Nullable Optional<String> fresh) {
    if (fresh == null || fresh.isEmpty() || fresh.get().isBlank()) return null;
    return request.newBuilder().header("Authorization", BEARER + fresh.get()).build();
  }
}
