package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/**
 * Hears about retries, for logging and metrics. Called on the thread that ran the failed attempt
 * (an OkHttp thread, or the client's timer or token thread, on the async path), so implementations must be thread-safe and
 * quick. An exception thrown by a listener is logged and otherwise ignored.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .retryListener(new RetryListener() {
 *       public void onRetry(RetryListener.RetryEvent e) {
 *         log.info(e.method() + " " + e.url() + ": attempt " + e.attempt() + " failed ("
 *             + e.failure().getMessage() + "), retrying in " + e.delay().toMillis() + " ms");
 *       }
 *       public void onGiveUp(RetryListener.GiveUpEvent e) {
 *         metrics.counter("gave_up", e.reason().name()).increment();
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface RetryListener {
  /** A listener that does nothing. */
  RetryListener NONE = new RetryListener() {};

  /** An attempt failed and another one is scheduled after {@link RetryEvent#delay()}. */
  default void onRetry(RetryEvent event) {}

  /**
   * A request failed for good although its failure is of a retryable kind, or was interrupted
   * (see {@link GiveUpReason}). Failures that are never retried (a 404, a 409) are not reported
   * here.
   */
  default void onGiveUp(GiveUpEvent event) {}

  /** Why the client stopped trying. */
  enum GiveUpReason {
    /** {@link RetryOptions#maxAttempts()} or {@link RetryOptions#maxDuration()} was reached. */
    RETRIES_EXHAUSTED,
    /**
     * The failure is retryable in kind, but the request is not idempotent and carries no
     * {@code Idempotency-Key}, and it may have reached the server: sending it again could
     * duplicate a write.
     */
    NOT_SAFE_TO_RETRY,
    /** The call's deadline passed, or the next retry would have started after it. */
    DEADLINE_EXCEEDED,
    /** The client's circuit breaker is open: the request was not sent. */
    CIRCUIT_OPEN,
    /**
     * A 429 or 503 asked, by {@code Retry-After}, for a longer wait than the call can afford:
     * more than {@link RetryOptions#maxDelay()}, than what is left of
     * {@link RetryOptions#maxDuration()}, or than what is left before the call's deadline. The
     * failure ({@link ApiException.TooManyRequests} or {@link ApiException.ServiceUnavailable})
     * says when the server takes calls again.
     */
    RETRY_AFTER_BEYOND_BUDGET,
    /**
     * The calling thread was interrupted, while an attempt was in flight or while waiting to
     * retry ({@link TransportException.Kind#INTERRUPTED}).
     */
    INTERRUPTED
  }

  /**
   * One failed attempt that will be retried.
   *
   * @param method the request method
   * @param url the request URL, secrets redacted
   * @param attempt the number of the attempt that failed, from 1
   * @param failure how it failed
   * @param delay how long the client waits before the next attempt: the backoff, or the
   *     server's {@code Retry-After} (never more than {@link RetryOptions#maxDelay()})
   */
  record RetryEvent(String method, String url, int attempt, SdkException failure, Duration delay) {
    public RetryEvent {
      requireNonNull(method, "method == null");
      requireNonNull(url, "url == null");
      requireNonNull(failure, "failure == null");
      requireNonNull(delay, "delay == null");
    }
  }

  /**
   * The end of a request that failed after {@code attempts} attempts.
   *
   * @param method the request method
   * @param url the request URL, secrets redacted
   * @param attempts how many attempts were made
   * @param failure the exception the caller receives
   * @param reason why no further attempt was made
   */
  record GiveUpEvent(
      String method, String url, int attempts, SdkException failure, GiveUpReason reason) {
    public GiveUpEvent {
      requireNonNull(method, "method == null");
      requireNonNull(url, "url == null");
      requireNonNull(failure, "failure == null");
      requireNonNull(reason, "reason == null");
    }
  }
}
