package io.restsdk.core;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Before a request that is not safe to repeat goes out on a pooled HTTP/1.1 connection that has
 * been idle for {@link #DEFAULT_IDLE} or longer, checks that the server has not closed it.
 *
 * <p>Why: servers close idle keep-alive connections on their own schedule (Node after 5 s, many
 * proxies sooner), and OkHttp checks a pooled connection thoroughly only after 10 s of idleness.
 * Without this check a POST is written into a socket the server already closed, the read then
 * meets the end of the stream, and since the write had started the POST cannot be sent again
 * safely. With it, the dead connection is found before a byte is written: the check closes it
 * (so the pool drops it) and throws {@link StaleConnectionException}, which {@link SendTracker}
 * answers by sending the request once more on another connection.
 *
 * <p>How: a read of one byte with a 1 ms socket timeout, the same probe OkHttp's own thorough
 * health check makes. An idle HTTP/1.1 connection has nothing to read, so a timeout means alive,
 * and the end of the stream, an error or any byte at all (e.g. a 408 the server sent before
 * closing) means dead. The probe costs up to 1 ms, so it runs only after {@link #DEFAULT_IDLE}
 * of idleness: back-to-back writes pay nothing. Idempotent requests (or those with an
 * {@code Idempotency-Key}) are not probed: the retry rules send them again after any I/O
 * failure, so they need no proof that nothing was sent.
 *
 * <p>Idle time is measured from the last {@code connectionReleased} event that
 * {@link SendTracker} saw for the connection, kept in a weak identity map; a connection that has
 * no entry is fresh (or was only ever used by calls of another client) and is not probed.
 * HTTP/2 connections are never probed: their reader thread owns the socket, and OkHttp checks
 * them with pings and GOAWAY. Thread-safe; one per OkHttp client.
 *
 * <p>It is also the client's network interceptor of {@link ResponseShields}: the response it
 * passes up has what OkHttp's follow-ups must not act on hidden ({@link ResponseShields#hide}),
 * one interceptor hop instead of two.
 */
final class StaleConnectionCheck implements Interceptor {
  /** How long a connection must have been idle before a write is preceded by the probe. */
  static final Duration DEFAULT_IDLE = Duration.ofSeconds(1);

  /** When each pooled connection was last released; keys are weak and compared by identity. */
  private static final WeakIdentityMap<Connection, IdleSince> RELEASED = new WeakIdentityMap<>();

  private final long idleNanos;
  private final AtomicLong probes = new AtomicLong();

  StaleConnectionCheck(Duration idle) {
    this.idleNanos = idle.toNanos();
  }

  /**
   * Installs a check with the default idle time, unless the client already has one (a derived
   * client's, or one a test installed with its own idle time).
   */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    for (Interceptor i : ok.networkInterceptors()) {
      if (i instanceof StaleConnectionCheck) return ok;
    }
    return ok.addNetworkInterceptor(new StaleConnectionCheck(DEFAULT_IDLE));
  }

  /** Records that {@code connection} went back to the pool now (from {@link SendTracker}). */
  static void released(Connection connection) {
    if (!http1(connection)) return;
    long now = System.nanoTime();
    IdleSince since = RELEASED.get(connection);
    if (since == null) {
      if (connection.socket().isClosed()) return;
      since = RELEASED.computeIfAbsent(connection, c -> new IdleSince());
    }
    since.nanos = now;
  }

  /** How many probes this check has made (for tests: a probe costs up to 1 ms). */
  long probes() {
    return probes.get();
  }

  @Override
  public Response intercept(Chain chain) throws IOException {
    Connection connection = chain.connection();
    if (connection != null && !RetryRules.safeToRepeat(chain.request()) && http1(connection)) {
      IdleSince since = RELEASED.get(connection);
      if (since != null && System.nanoTime() - since.nanos >= idleNanos) probe(connection);
    }
    return ResponseShields.hide(chain.proceed(chain.request()), chain);
  }

  /** Throws {@link StaleConnectionException}, with the socket closed, when it is dead. */
  private void probe(Connection connection) throws IOException {
    probes.incrementAndGet();
    Socket socket = connection.socket();
    IOException dead = null;
    String why;
    try {
      int timeout = socket.getSoTimeout();
      try {
        socket.setSoTimeout(1);
        InputStream in = socket.getInputStream();
        why = in.read() == -1 ? "the server closed it" : "the server sent bytes nobody asked for";
      } finally {
        socket.setSoTimeout(timeout);
      }
    } catch (SocketTimeoutException alive) {
      return; // nothing to read, and the server has not closed it
    } catch (IOException e) {
      why = "it is broken";
      dead = e;
    }
    try {
      socket.close();
    } catch (IOException ignored) {
      // it is dead either way; closing only makes sure the pool drops it
    }
    throw new StaleConnectionException(
        "a pooled connection was found dead before the request was written: " + why, dead);
  }

  private static boolean http1(Connection connection) {
    Protocol p = connection.protocol();
    return p == Protocol.HTTP_1_1 || p == Protocol.HTTP_1_0;
  }

  /** A mutable time, so that recording a release does not write to the map. */
  private static final class IdleSince {
    volatile long nanos;
  }

  /**
   * A pooled connection was found closed before any byte of the request was written to it: the
   * request did not reach the server, whatever its method.
   */
  static final class StaleConnectionException extends IOException {
    private static final long serialVersionUID = 1L;

    StaleConnectionException(String message, @Nullable Throwable cause) {
      super(message, cause);
    }
  }
}
