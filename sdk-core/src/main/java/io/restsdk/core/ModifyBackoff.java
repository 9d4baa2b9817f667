package io.restsdk.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * The wait between {@code modify}'s attempts, so that writers contending for one resource spread
 * out instead of colliding again in lock-step: after the n-th lost attempt, a random time
 * between {@code min} and {@code min × 2ⁿ}, at most {@code max}. A zero {@code min} never waits.
 */
record ModifyBackoff(Duration min, Duration max) {
  static final ModifyBackoff DEFAULT = new ModifyBackoff(Duration.ofMillis(10), Duration.ofMillis(200));

  /** The wait after {@code lost} attempts (1 or more) were lost, in nanoseconds. */
  long delayNanos(int lost) {
    long lo = min.toNanos();
    if (lo == 0) return 0;
    long hi = Math.min(max.toNanos(), lo << Math.min(lost, 20));
    return hi <= lo ? lo : ThreadLocalRandom.current().nextLong(lo, hi + 1);
  }

  /**
   * Waits on the calling thread. Interrupted, it sets the flag again and ends the operation with
   * {@link TransportException.Kind#INTERRUPTED} (the lost attempt as its cause).
   */
  void sleep(int lost, ApiException cause) {
    long nanos = delayNanos(lost);
    if (nanos == 0) return;
    try {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      TransportException t = new TransportException(TransportException.Kind.INTERRUPTED,
          cause.method(), cause.url(), false, "while modify waited to try again", cause);
      t.attempts(lost);
      throw t;
    }
  }

  /** Completes after the wait, on no thread of the caller's (a JDK delayed executor). */
  CompletableFuture<Void> after(int lost) {
    long nanos = delayNanos(lost);
    if (nanos == 0) return CompletableFuture.completedFuture(null);
    return CompletableFuture.runAsync(() -> {},
        CompletableFuture.delayedExecutor(nanos, TimeUnit.NANOSECONDS));
  }
}
