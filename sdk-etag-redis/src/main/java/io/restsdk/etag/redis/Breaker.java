package io.restsdk.etag.redis;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Stops trying Redis after {@code threshold} failures in a row, for {@code openFor}; then lets
 * one call through (a probe): its success closes the breaker, its failure opens it again. Also
 * the store's rate-limited warnings: at most one per {@code warnEvery}, saying how many failures
 * it stands for.
 */
final class Breaker {
  private static final Logger LOG = System.getLogger(RedisEtagStore.class.getName());

  private final int threshold;
  private final long openNanos;
  private final long warnEveryNanos;
  private final String where;
  private final LongAdder opens = new LongAdder();
  private final AtomicLong lastWarn;
  private final AtomicLong unreported = new AtomicLong();

  private int failuresInARow; // guarded by this
  private boolean open; // guarded by this
  private long openedAt; // guarded by this
  private boolean probing; // guarded by this
  private long probeAt; // guarded by this

  Breaker(int threshold, Duration openFor, Duration warnEvery, String where) {
    this.threshold = threshold;
    this.openNanos = openFor.toNanos();
    this.warnEveryNanos = warnEvery.toNanos();
    this.where = where;
    this.lastWarn = new AtomicLong(System.nanoTime() - warnEveryNanos);
  }

  /** Whether a call may go to Redis now. */
  synchronized boolean allow() {
    if (!open) return true;
    long now = System.nanoTime();
    // One probe at a time; another if a probe never reported (its thread was interrupted).
    if (now - openedAt >= openNanos && (!probing || now - probeAt >= openNanos)) {
      probing = true;
      probeAt = now;
      return true;
    }
    return false;
  }

  /** A call succeeded; true when that closed the breaker. */
  boolean success() {
    synchronized (this) {
      failuresInARow = 0;
      if (!open) return false;
      open = false;
      probing = false;
    }
    LOG.log(Level.INFO, "ETag store on Redis at {0} answers again: breaker closed", where);
    return true;
  }

  /** A call failed: counts it, opens the breaker at the threshold, warns (rate-limited). */
  void failure(String operation, Throwable cause) {
    boolean opened = false;
    synchronized (this) {
      if (open) {
        if (probing) { // the probe failed: another full period without Redis
          probing = false;
          openedAt = System.nanoTime();
        }
      } else if (++failuresInARow >= threshold) {
        open = true;
        probing = false;
        openedAt = System.nanoTime();
        opened = true;
        opens.increment();
      }
    }
    long pending = unreported.incrementAndGet();
    long now = System.nanoTime();
    long last = lastWarn.get();
    if (opened || now - last >= warnEveryNanos && lastWarn.compareAndSet(last, now)) {
      lastWarn.set(now);
      unreported.addAndGet(-pending);
      LOG.log(Level.WARNING, () -> "ETag store on Redis at " + where + ": " + operation
          + " failed (" + describe(cause) + "); " + pending + " failure(s) since the last warning"
          + (isOpen() ? "; breaker open, calls go on with the local cache only for "
              + Duration.ofNanos(openNanos) : "; calls go on with the local cache"));
    }
  }

  synchronized boolean isOpen() {
    return open;
  }

  long opens() {
    return opens.sum();
  }

  private static String describe(Throwable t) {
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }
}
