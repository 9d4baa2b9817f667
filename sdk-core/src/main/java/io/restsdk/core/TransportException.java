package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * An I/O failure: the connection was refused, reset or timed out, or the call's deadline passed.
 * {@link #mayHaveReachedServer()} says whether a write could have taken effect.
 *
 * <pre>{@code
 * try {
 *   orders.create(order);
 * } catch (TransportException e) {
 *   if (e.mayHaveReachedServer()) reconcile(); else retryLater();
 * }
 * }</pre>
 */
public final class TransportException extends SdkException {
  private static final long serialVersionUID = 1L;

  /** What kind of I/O failure it was. */
  public enum Kind {
    /** The connection could not be made (refused, unknown host, TLS handshake); nothing was sent. */
    CONNECT,
    /** A connect, read or write timeout, or the call timeout, expired. */
    TIMEOUT,
    /** The connection broke while sending the request or reading the response. */
    IO,
    /** The call's deadline (covering every attempt and backoff) passed. */
    DEADLINE_EXCEEDED,
    /** The call was canceled. */
    CANCELED,
    /**
     * The calling thread was interrupted while the call was in flight or waiting to retry; the
     * thread's interrupt flag is set again and the call is never retried.
     */
    INTERRUPTED,
    /**
     * The caller's own Failsafe policies ({@link RestClient.Builder#failsafePolicies}) refused
     * or failed the call, e.g. a full bulkhead or an exceeded rate limit.
     */
    REJECTED
  }

  private final Kind kind;
  private final String method;
  private final String url;
  private final boolean mayHaveReachedServer;

  TransportException(
      Kind kind, String method, String url, boolean mayHaveReachedServer, String detail,
      @Nullable Throwable cause) {
    super(message(kind, method, url, mayHaveReachedServer, detail), cause);
    this.kind = requireNonNull(kind);
    this.method = method;
    this.url = url;
    this.mayHaveReachedServer = mayHaveReachedServer;
  }

  private static String message(
      Kind kind, String method, String url, boolean reached, String detail) {
    String what = switch (kind) {
      case CONNECT -> "connection failed";
      case TIMEOUT -> "timed out";
      case IO -> "connection broken";
      case DEADLINE_EXCEEDED -> "deadline exceeded";
      case CANCELED -> "canceled";
      case INTERRUPTED -> "interrupted";
      case REJECTED -> "rejected by the client's policies";
    };
    return method + " " + url + ": " + what
        + (reached ? " (the request may have reached the server)" : " (the request was not sent)")
        + (detail.isEmpty() ? "" : ": " + detail);
  }

  /** The kind of failure. */
  public Kind kind() {
    return kind;
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The request URL, with secrets redacted. */
  public String url() {
    return url;
  }

  /**
   * False only when the request certainly did not reach the server, so even a non-idempotent
   * request can be sent again safely: the connection was refused or its TLS handshake failed,
   * the call failed before OkHttp started to write the request (e.g. a connect timeout), or the
   * failure's type proves nothing was sent (an HTTP/2 connection that received GOAWAY before the
   * request's stream was created). Any other failure after the write started is true: nothing on
   * the wire tells a server that closed the connection first apart from one that read the request
   * and then failed.
   *
   * <p>That is why, before a request that is not safe to repeat (see {@link RetryOptions}) is
   * written to a pooled HTTP/1.1 connection idle for a second or more, the client checks whether
   * the server has closed it (a 1 ms read, as OkHttp's own health check does), and if so sends
   * the request on another connection without it counting as an attempt. A connection the
   * server closes within that second, or while the request is being written, still fails the
   * call with this flag true.
   */
  public boolean mayHaveReachedServer() {
    return mayHaveReachedServer;
  }
}
