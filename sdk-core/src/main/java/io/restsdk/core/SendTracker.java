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
 * <p>Every OkHttp client the SDK uses makes one tracker per call with its {@link Factory}, the
 * client's event listener factory, which wraps the one the client had: a caller's own listener
 * still sees every event, composed with the tracker, and without one the tracker is the call's
 * only listener. {@link Transport}, which makes every call, takes the call's tracker with
 * {@link #of} right after {@code newCall} and hands it to {@link Transport#failure}. The tracker
 * also tells {@link StaleConnectionCheck} when a connection went back to the pool, and
 * {@link #proceed}, in the application interceptor of {@link ResponseShields}, sends the request
 * again, at once and whatever its method, when that check found its pooled connection dead before
 * anything was written: OkHttp itself would have, but its recovery is off (see
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

  /** The tracker the factory made last on this thread, until {@link #of} takes it. */
  private static final ThreadLocal<SendTracker> MADE = new ThreadLocal<>();

  /** The call this tracker was made for, so that {@link #of} never takes another's. */
  private final Call call;
  private volatile boolean requestStarted;

  private SendTracker(Call call) {
    this.call = call;
  }

  /**
   * The tracker the client's {@link Factory} made for {@code call}, which the caller has just
   * made with {@code newCall} on this thread; null if the client has no factory of ours.
   */
  static @Nullable SendTracker of(Call call) {
    SendTracker t = MADE.get();
    if (t == null) return null;
    MADE.set(null);
    return t.call == call ? t : null;
  }

  /**
   * Proceeds with the call; a request that meets a pooled connection found dead before it was
   * written is sent again (runs in the application interceptor of {@link ResponseShields}).
   */
  static Response proceed(Interceptor.Chain chain) throws IOException {
    for (int stale = 1; ; stale++) {
      try {
        return chain.proceed(chain.request());
      } catch (StaleConnectionException e) {
        // nothing was written and the dead connection is closed: the next try takes another
        if (stale >= MAX_STALE_CONNECTIONS) throw e;
      }
    }
  }

  /**
   * True only when {@code e}, the failure of a call, provably happened before anything of the
   * request was sent: OkHttp never started to write it (the call's tracker saw no
   * {@code requestHeadersStart}), or the failure's type says so (a pooled connection found
   * dead by {@link StaleConnectionCheck}, or an HTTP/2 GOAWAY before the stream was created).
   *
   * @param tracker the call's tracker ({@link #of}), or null when it has none: then only the
   *     failure's type can prove it
   */
  static boolean provablyNotSent(@Nullable SendTracker tracker, IOException e) {
    if (e instanceof StaleConnectionException
        || e.getClass().getName().equals(GOAWAY_BEFORE_STREAM)) {
      return true;
    }
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

  /**
   * The event listener factory of every OkHttp client the SDK uses: a tracker for each call,
   * composed with the listener of the factory the client had, if that makes one.
   */
  static final class Factory implements EventListener.Factory {
    private final EventListener.@Nullable Factory theirs;

    private Factory(EventListener.@Nullable Factory theirs) {
      this.theirs = theirs;
    }

    /**
     * {@code current}, the factory the client had, wrapped, unless it is already ours (a derived
     * client's). {@code current} is null for a client of the SDK's own, which has no other
     * listener.
     */
    static EventListener.Factory wrap(EventListener.@Nullable Factory current) {
      return current instanceof Factory ? current : new Factory(current);
    }

    @Override
    public EventListener create(Call call) {
      SendTracker tracker = new SendTracker(call);
      EventListener other = theirs == null ? EventListener.NONE : theirs.create(call);
      MADE.set(tracker);
      return other == EventListener.NONE ? tracker : other.plus(tracker);
    }
  }
}
