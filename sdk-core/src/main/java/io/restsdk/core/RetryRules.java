package io.restsdk.core;

import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.internal.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Headers;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The retry decisions, in one place: which failures are retried for which requests, how long
 * to wait before the next attempt ({@code Retry-After} or the backoff), and when to give up
 * instead. {@link RetryOptions} documents these rules for users; this class is what runs them.
 * Immutable; one per client.
 */
final class RetryRules {
  /** Methods that mean the same when sent twice (RFC 9110 §9.2.2), minus PATCH. */
  static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");

  private final RetryOptions options;
  private final Clock clock;

  RetryRules(RetryOptions options, Clock clock) {
    this.options = options;
    this.clock = clock;
  }

  /**
   * 429, 500, 502, 503, 504, and the I/O failures CONNECT, TIMEOUT and IO (never a
   * cancellation, an interruption, the deadline, or a refusal by the caller's own policies).
   */
  static boolean retryableKind(Throwable e) {
    if (e instanceof TransportException t) {
      return t.kind() == TransportException.Kind.CONNECT
          || t.kind() == TransportException.Kind.TIMEOUT
          || t.kind() == TransportException.Kind.IO;
    }
    return e instanceof ApiException a && a.isRetryable();
  }

  /** Whether sending {@code request} twice cannot do harm: an idempotent method, or a key. */
  static boolean safeToRepeat(Request request) {
    return IDEMPOTENT.contains(request.method()) || request.header("Idempotency-Key") != null;
  }

  /**
   * Whether the failure says the server did not process the request, so any request may be
   * sent again: an I/O failure before anything was sent, a 429 (RFC 6585 §4), or a 503 with a
   * valid {@code Retry-After} (the server scheduled the client's return).
   */
  static boolean notProcessed(Throwable e) {
    if (e instanceof TransportException t) return !t.mayHaveReachedServer();
    if (e instanceof ApiException.TooManyRequests) return true;
    return e instanceof ApiException.ServiceUnavailable s && s.retryAfter().isPresent();
  }

  /** Whether {@code e}, a failure of {@code request}, may be retried at all. */
  static boolean shouldRetry(Throwable e, Request request) {
    return retryableKind(e) && (safeToRepeat(request) || notProcessed(e));
  }

  /**
   * What follows failed attempt number {@code attempt} (counted by the retry loop, from 1) of a
   * call that started at {@code startNanos}: a retry after a delay, or the reason to give up
   * ({@code null} reason and no delay: the failure is not retryable and ends the call quietly).
   */
  Decision next(SdkException e, Request request, int attempt, long startNanos,
      Policies.@Nullable Deadline deadline) {
    if (!retryableKind(e)) return Decision.FINAL;
    if (!shouldRetry(e, request)) return Decision.giveUp(GiveUpReason.NOT_SAFE_TO_RETRY);
    if (attempt >= options.maxAttempts()) return Decision.giveUp(GiveUpReason.RETRIES_EXHAUSTED);
    Duration left = null; // of maxDuration
    if (options.maxDuration() != null) {
      left = options.maxDuration().minusNanos(System.nanoTime() - startNanos);
      if (left.isNegative() || left.isZero()) {
        return Decision.giveUp(GiveUpReason.RETRIES_EXHAUSTED);
      }
    }
    Duration delay;
    Optional<Duration> asked = retryAfter(e);
    if (asked.isPresent()) {
      Duration budget = options.maxDelay();
      if (left != null && left.compareTo(budget) < 0) budget = left;
      if (deadline != null && deadline.remainingNanos() < budget.toNanos()) {
        budget = Duration.ofNanos(Math.max(0, deadline.remainingNanos()));
      }
      if (asked.get().compareTo(budget) > 0) {
        return Decision.giveUp(GiveUpReason.RETRY_AFTER_BEYOND_BUDGET);
      }
      delay = asked.get();
    } else {
      delay = options.backoff(attempt, ThreadLocalRandom.current().nextDouble());
      if (left != null && left.compareTo(delay) < 0) delay = left;
    }
    if (deadline != null && deadline.remainingNanos() <= delay.toNanos()) {
      return new Decision(delay, GiveUpReason.DEADLINE_EXCEEDED);
    }
    return new Decision(delay, null);
  }

  /** The {@code Retry-After} of a 429 or 503, measured with the client's clock. */
  private Optional<Duration> retryAfter(SdkException e) {
    if (!(e instanceof ApiException.TooManyRequests || e instanceof ApiException.ServiceUnavailable)) {
      return Optional.empty();
    }
    Headers h = ((ApiException) e).headers();
    if (h == null) return Optional.empty();
    try {
      return RetryAfter.parse(h.get("Retry-After"), h.get("Date"), clock);
    } catch (RuntimeException ignored) {
      return Optional.empty(); // a server's header never breaks the call: fall back to backoff
    }
  }

  /**
   * A retry after {@code delay} when {@code reason} is null; else the call ends, reported to
   * {@link RetryListener#onGiveUp} with {@code reason} unless that is null too ({@link #FINAL}).
   */
  record Decision(@Nullable Duration delay, @Nullable GiveUpReason reason) {
    static final Decision FINAL = new Decision(null, null);

    static Decision giveUp(GiveUpReason reason) {
      return new Decision(null, reason);
    }

    boolean retry() {
      return delay != null && reason == null;
    }
  }
}
