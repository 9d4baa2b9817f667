package io.restsdk.core;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The one timer thread of the async path: it ends a call at its deadline (wherever the call is,
 * even still queued in OkHttp's dispatcher) and starts a retry when its wait is over. Tasks are
 * short (complete a future, enqueue an OkHttp call); cancelled ones are removed at once, so a
 * call that ends early leaves nothing behind. A daemon thread, shared by every client.
 */
final class AsyncTimer {
  private static final ScheduledThreadPoolExecutor TIMER = timer();

  private AsyncTimer() {}

  private static ScheduledThreadPoolExecutor timer() {
    ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
      Thread thread = new Thread(r, "restsdk-timer");
      thread.setDaemon(true);
      return thread;
    });
    t.setRemoveOnCancelPolicy(true);
    return t;
  }

  /** Runs {@code task} after {@code nanos}; the result cancels it. */
  static ScheduledFuture<?> at(long nanos, Runnable task) {
    return TIMER.schedule(task, Math.max(0, nanos), TimeUnit.NANOSECONDS);
  }

  /**
   * A future completed after {@code delay}; cancelling it cancels the wait. A zero delay
   * completes at once, on the caller's thread.
   */
  static CompletableFuture<Void> after(Duration delay) {
    if (delay.isZero() || delay.isNegative()) return CompletableFuture.completedFuture(null);
    CompletableFuture<Void> done = new CompletableFuture<>();
    ScheduledFuture<?> task = at(delay.toNanos(), () -> done.complete(null));
    done.whenComplete((v, e) -> {
      if (done.isCancelled()) task.cancel(false);
    });
    return done;
  }
}
