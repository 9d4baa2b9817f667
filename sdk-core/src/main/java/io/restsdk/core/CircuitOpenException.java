package io.restsdk.core;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The client's circuit breaker is open: recent attempts failed in a row, so this request was not
 * sent at all. The breaker lets a trial request through after {@link #retryIn()}.
 *
 * <pre>{@code
 * try {
 *   books.get("42");
 * } catch (CircuitOpenException e) {
 *   return cachedOrDegraded(); // the server is known to be failing; try again after e.retryIn()
 * }
 * }</pre>
 *
 * @see RestClient.Builder#circuitBreaker(int, Duration)
 */
public final class CircuitOpenException extends SdkException {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String url;
  private final transient Duration retryIn;

  CircuitOpenException(String method, String url, Duration retryIn, @Nullable Throwable cause) {
    super(method + " " + url + ": circuit breaker open, request not sent; half-opens in "
        + Math.max(0, retryIn.toMillis()) + " ms", cause);
    this.method = method;
    this.url = url;
    this.retryIn = retryIn.isNegative() ? Duration.ZERO : retryIn;
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The request URL, with secrets redacted. */
  public String url() {
    return url;
  }

  /** How long until the breaker lets a trial request through. */
  public Duration retryIn() {
    return retryIn;
  }
}
