package io.restsdk.core;

import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * Records, per OkHttp call, whether OkHttp started to write the request: its
 * {@code requestHeadersStart} event. A call that failed before that event sent nothing (DNS,
 * connect, TLS, a connect timeout), so even a POST may be sent again; a call that failed after it
 * may have reached the server.
 *
 * <p>An application interceptor adds one tracker to each call with
 * {@link Call#addEventListener}, which OkHttp composes with the client's own listeners (those of
 * a caller's {@code OkHttpClient} included), so nothing the caller installed is replaced. The
 * tracker is the call's tag, where {@link Transport#failure} finds it.
 */
final class SendTracker extends EventListener {
  private volatile boolean requestStarted;

  static final Interceptor INSTALL = chain -> {
    Call call = chain.call();
    if (call.tag(SendTracker.class) == null) {
      SendTracker tracker = new SendTracker();
      call.tag(SendTracker.class, () -> tracker);
      call.addEventListener(tracker);
    }
    return chain.proceed(chain.request());
  };

  private SendTracker() {}

  /** Installs the interceptor once (a derived client already has it). */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    if (!ok.interceptors().contains(INSTALL)) ok.addInterceptor(INSTALL);
    return ok;
  }

  /**
   * True only when the call carries a tracker and OkHttp never started to write its request:
   * the failure provably happened before anything was sent.
   */
  static boolean provablyNotSent(@Nullable Call call) {
    if (call == null) return false;
    SendTracker tracker = call.tag(SendTracker.class);
    return tracker != null && !tracker.requestStarted;
  }

  @Override
  public void requestHeadersStart(Call call) {
    requestStarted = true;
  }
}
