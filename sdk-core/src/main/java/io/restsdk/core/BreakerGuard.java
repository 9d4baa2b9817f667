package io.restsdk.core;

import dev.failsafe.CircuitBreaker;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * The client's circuit breaker around each attempt: a permit before it is sent, its outcome
 * recorded after. The breaker is Failsafe's; it is driven through its permit API rather than
 * through a {@code FailsafeExecutor} so that an attempt that succeeds costs two method calls.
 * One per client, shared by every call; thread-safe.
 */
final class BreakerGuard {
  static final BreakerGuard OFF = new BreakerGuard(null);

  private final @Nullable CircuitBreaker<Object> breaker;

  private BreakerGuard(@Nullable CircuitBreaker<Object> breaker) {
    this.breaker = breaker;
  }

  /** A breaker that opens after {@code threshold} retryable failures in a row, or {@link #OFF}. */
  static BreakerGuard of(int threshold, @Nullable Duration delay) {
    return of(threshold, delay, null);
  }

  /** As {@link #of(int, Duration)}; {@code obs} hears of each state change. */
  static BreakerGuard of(int threshold, @Nullable Duration delay, @Nullable Observation obs) {
    if (threshold <= 0 || delay == null) return OFF;
    dev.failsafe.CircuitBreakerBuilder<Object> b = CircuitBreaker.builder()
        .handleIf((r, e) -> e != null && RetryRules.retryableKind(e))
        .withFailureThreshold(threshold)
        .withDelay(delay);
    if (obs != null) {
      b.onOpen(e -> obs.breaker(state(e.getPreviousState()), CallListener.BreakerState.OPEN))
          .onHalfOpen(e -> obs.breaker(state(e.getPreviousState()),
              CallListener.BreakerState.HALF_OPEN))
          .onClose(e -> obs.breaker(state(e.getPreviousState()), CallListener.BreakerState.CLOSED));
    }
    return new BreakerGuard(b.build());
  }

  private static CallListener.BreakerState state(CircuitBreaker.State s) {
    return switch (s) {
      case OPEN -> CallListener.BreakerState.OPEN;
      case HALF_OPEN -> CallListener.BreakerState.HALF_OPEN;
      case CLOSED -> CallListener.BreakerState.CLOSED;
    };
  }

  /** Whether there is no breaker: nothing to acquire or record. */
  boolean isOff() {
    return breaker == null;
  }

  /** Takes a permit for one attempt; false when the breaker refuses it. */
  boolean acquire() {
    return breaker == null || breaker.tryAcquirePermit();
  }

  /** Records the outcome of an attempt that had a permit: {@code failure} null for a success. */
  void record(@Nullable Throwable failure) {
    if (breaker == null) return;
    if (failure == null) breaker.recordSuccess();
    else breaker.recordException(failure);
  }

  /** Whether the breaker is open and stays open longer than {@code delay}. */
  boolean refusesAfter(Duration delay) {
    return breaker != null && breaker.isOpen()
        && breaker.getRemainingDelay().compareTo(delay) > 0;
  }

  /** The failure of a request the open breaker refused. */
  CircuitOpenException open(String method, String url) {
    Duration retryIn = breaker == null ? Duration.ZERO : breaker.getRemainingDelay();
    return new CircuitOpenException(method, url, retryIn, null);
  }
}
