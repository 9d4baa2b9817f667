package io.restsdk.core;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RestClient} gets its {@link OkHttpClient}: the caller's (derived, so theirs is
 * left as it was), the one of the client it was derived from (sharing its pool and dispatcher),
 * or its own; and what the client changes on each of them, whoever made it.
 */
final class OkHttpSetup {
  private OkHttpSetup() {}

  /** The OkHttp client to use, and who releases what. */
  record Wired(OkHttpClient okHttp, SharedResources shared) {}

  static Wired wire(RestClient.Builder b) {
    if (b.okHttp != null) {
      return new Wired(
          configure(b.okHttp.newBuilder(), b, false, b.okHttp.eventListenerFactory()).build(),
          b.shared != null ? b.shared.retain() : new SharedResources(null));
    }
    if (b.shared != null && b.shared.owned != null) {
      if (b.maxConcurrentRequests > 0
          && b.maxConcurrentRequests != b.shared.owned.dispatcher().getMaxRequestsPerHost()) {
        throw new IllegalStateException("a client derived with newBuilder() shares the OkHttp"
            + " dispatcher of the client it came from; maxConcurrentRequests cannot differ");
      }
      return new Wired(configure(b.shared.owned.newBuilder(), b, true,
          b.shared.owned.eventListenerFactory()).build(), b.shared.retain());
    }
    OkHttpClient own =
        configure(new OkHttpClient.Builder().dispatcher(dispatcher(b)), b, true, null)
        .build();
    return new Wired(own, new SharedResources(own));
  }

  /**
   * What every OkHttp client the SDK uses gets; the timeouts only where the builder set them,
   * or, with {@code always}, on a client the SDK made itself. {@code listeners} is the event
   * listener factory the client had (null for a new one): a {@link SendTracker} joins it.
   */
  private static OkHttpClient.Builder configure(OkHttpClient.Builder ok, RestClient.Builder b,
      boolean always, EventListener.@Nullable Factory listeners) {
    // OkHttp would silently send a request again after some connection failures, a POST
    // included; every repeat is left to the retry policies, which know when it is safe.
    ok.retryOnConnectionFailure(false);
    // Redirects are followed by LocationFollower, which knows which credentials may go where;
    // OkHttp's own following would send credential headers and bodies to other origins.
    ok.followRedirects(false).followSslRedirects(false);
    ok.eventListenerFactory(SendTracker.Factory.wrap(listeners));
    ResponseShields.install(ok);
    if (always || b.connectTimeout != null) {
      ok.connectTimeout(orDefault(b.connectTimeout, RestClient.Builder.DEFAULT_CONNECT));
    }
    if (always || b.readTimeout != null) {
      Duration read = orDefault(b.readTimeout, RestClient.Builder.DEFAULT_READ);
      ok.readTimeout(read).writeTimeout(read);
    }
    if (always || b.callTimeout != null) {
      ok.callTimeout(orDefault(b.callTimeout, Duration.ZERO));
    }
    return ok;
  }

  private static Duration orDefault(@Nullable Duration d, Duration dflt) {
    return d != null ? d : dflt;
  }

  /** The client's own dispatcher: OkHttp's allows 5 calls per host, too few for one API. */
  private static Dispatcher dispatcher(RestClient.Builder b) {
    int max = b.maxConcurrentRequests > 0
        ? b.maxConcurrentRequests : RestClient.Builder.DEFAULT_MAX_CONCURRENT_REQUESTS;
    Dispatcher d = new Dispatcher();
    d.setMaxRequests(max);
    d.setMaxRequestsPerHost(max);
    return d;
  }

  /** The OkHttp client a RestClient created, released when its last user closes. */
  static final class SharedResources {
    final @Nullable OkHttpClient owned;
    private final AtomicInteger users = new AtomicInteger(1);

    SharedResources(@Nullable OkHttpClient owned) {
      this.owned = owned;
    }

    SharedResources retain() {
      users.incrementAndGet();
      return this;
    }

    void release() {
      if (users.decrementAndGet() == 0 && owned != null) {
        owned.dispatcher().executorService().shutdown();
        owned.connectionPool().evictAll();
      }
    }
  }
}
