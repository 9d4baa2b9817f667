package io.restsdk.core;

import io.restsdk.core.StaleConnectionCheck.StaleConnectionException;
import java.io.IOException;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Interceptor;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Records, per OkHttp call, whether OkHttp started to write the request: its
 * {@code requestHeadersStart} event. A call that failed before that event sent nothing (DNS,
 * connect, TLS, a connect timeout), so even a POST may be sent again; a call that failed after it
 * may have reached the server, unless the failure's type proves otherwise (see
 * {@link #provablyNotSent}).
 *
 * <p>{@link #proceed}, in the application interceptor of {@link ResponseShields}, adds one tracker to each call with
 * {@link Call#addEventListener}, which OkHttp composes with the client's own listeners (those of
 * a caller's {@code OkHttpClient} included), so nothing the caller installed is replaced. The
 * tracker is the call's tag, where {@link Transport#failure} finds it. The tracker also tells
 * {@link StaleConnectionCheck} when a connection went back to the pool, and the interceptor sends
 * the request again, at once and whatever its method, when that check found its pooled connection
 * dead before anything was written: OkHttp itself would have, but its recovery is off (see
 * {@code RestClient.Builder.okHttpClient}).
 */
final class SendTracker extends EventListener {
  /**
   * How many dead pooled connections one call may meet before the failure is reported (each is
   * closed when found, so the pool runs out of them; this only bounds a pathological pool).
   */
  static final int MAX_STALE_CONNECTIONS = 8;

  /**
   * OkHttp's {@code okhttp3.internal.http2.ConnectionShutdownException} (a package its module
   * does not export, hence the name): an HTTP/2 connection received GOAWAY after the call took it
   * and before the call's stream was created, so nothing of the request was sent. OkHttp 5.5.1
   * throws it only there on a client's request path (and in {@code Http2Connection.setSettings},
   * which a client's call never calls).
   */
  private static final String GOAWAY_BEFORE_STREAM =
      "okhttp3.internal.http2.ConnectionShutdownException";

  private volatile boolean requestStarted;

  /**
   * Proceeds with the call, tracked: the first time, a tracker joins the call's listeners; a
   * request that meets a pooled connection found dead before it was written is sent again (runs
   * in the application interceptor of {@link ResponseShields}).
   */
  static Response proceed(Interceptor.Chain chain) throws IOException {
    Call call = chain.call();
    SendTracker fresh = new SendTracker();
    if (call.tag(SendTracker.class, () -> fresh) == fresh) call.addEventListener(fresh);
    for (int stale = 1; ; stale++) {
      try {
        return chain.proceed(chain.request());
      } catch (StaleConnectionException e) {
        // nothing was written and the dead connection is closed: the next try takes another
        if (stale >= MAX_STALE_CONNECTIONS) throw e;
      }
    }
  }

  private SendTracker() {}

  /**
   * True only when {@code e}, the failure of {@code call}, provably happened before anything of
   * the request was sent: OkHttp never started to write it (the call carries a tracker that saw
   * no {@code requestHeadersStart}), or the failure's type says so (a pooled connection found
   * dead by {@link StaleConnectionCheck}, or an HTTP/2 GOAWAY before the stream was created).
   */
  static boolean provablyNotSent(@Nullable Call call, IOException e) {
    if (e instanceof StaleConnectionException
        || e.getClass().getName().equals(GOAWAY_BEFORE_STREAM)) {
      return true;
    }
    if (call == null) return false;
    SendTracker tracker = call.tag(SendTracker.class);
    return tracker != null && !tracker.requestStarted;
  }

  @Override
  public void requestHeadersStart(Call call) {
    requestStarted = true;
  }

  @Override
  public void connectionReleased(Call call, Connection connection) {
    StaleConnectionCheck.released(connection);
  }
}
