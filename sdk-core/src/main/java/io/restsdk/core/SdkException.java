package io.restsdk.core;

/**
 * The unchecked root of every failure restsdk raises.
 *
 * <p>Messages and {@code toString()} carry the method, the redacted URL, the status and the
 * server's message; never a token, cookie or request body.
 *
 * <pre>{@code
 * try {
 *   books.get("42");
 * } catch (SdkException e) {
 *   log.warn(e.getMessage() + " after " + e.attempts() + " attempt(s)");
 * }
 * }</pre>
 */
public abstract sealed class SdkException extends RuntimeException
    permits ApiException, TransportException, DecodeException, LocationNotFollowedException,
        CircuitOpenException, RedirectException, WeakEtagException, PagingException {
  private static final long serialVersionUID = 1L;

  private volatile int attempts = 1;

  SdkException(String message, Throwable cause) {
    super(message, cause);
  }

  SdkException(String message) {
    super(message);
  }

  /**
   * How many attempts the call made before this failure: 1 when it was not retried, 0 when it
   * failed before any request was sent (an open circuit breaker).
   */
  public int attempts() {
    return attempts;
  }

  void attempts(int attempts) {
    this.attempts = attempts;
  }
}
