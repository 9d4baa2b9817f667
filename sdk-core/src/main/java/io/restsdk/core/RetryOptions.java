package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * How a {@link RestClient} retries: how often, how long it waits between attempts, and for how
 * long in total. Immutable and thread-safe; built with {@link #builder()}.
 *
 * <p><b>What is retried</b> (the rules are fixed; these options only tune how often and when):
 *
 * <ul>
 *   <li>Failing statuses 429, 500, 502, 503 and 504, and I/O failures
 *       ({@link TransportException} of the kinds CONNECT, TIMEOUT and IO), but only for idempotent methods
 *       (GET, HEAD, OPTIONS, PUT, DELETE) or requests carrying an {@code Idempotency-Key}.
 *   <li>A request that is neither (a POST or PATCH without a key) is retried only when the
 *       server certainly did not process it: after an I/O failure that did not reach the server
 *       ({@link TransportException#mayHaveReachedServer()} is false, e.g. connection refused, a
 *       connect timeout, or an HTTP/2 connection that was shutting down), a 429, or a 503 with a
 *       valid {@code Retry-After}.
 *   <li>Not counted as an attempt at all: a pooled HTTP/1.1 connection found closed by the
 *       server before anything was written to it. The client checks such a connection before a
 *       request that is not safe to repeat, when it has been idle for a second or more, and sends
 *       the request on another connection at once, even with {@link #none()}.
 *   <li>Never retried: 400, 401, 403, 404, 409, 412, every other 4xx, every other status, and
 *       {@link DecodeException}. (A 401 may be replayed once after a token refresh; see
 *       {@link TokenProvider#refresh}.)
 * </ul>
 *
 * <p><b>When</b>: after the n-th failed attempt the client waits {@code initialDelay × 2^(n-1)},
 * at most {@code maxDelay}, randomized by up to ±{@code jitter} of itself (and again capped by
 * {@code maxDelay}). A 429 or 503 carrying a valid {@code Retry-After} (seconds or an HTTP date)
 * waits what the server asked instead, without jitter, when that fits the budget: the smallest
 * of {@code maxDelay}, what is left of {@code maxDuration}, and what is left before the call's
 * deadline. When it does not (a value too large to mean anything included), the call gives up at
 * once with the {@link ApiException.TooManyRequests} or {@link ApiException.ServiceUnavailable},
 * whose {@code retryAfter()} and message say when the server takes calls again. An unparseable
 * {@code Retry-After} is ignored. No retry starts once {@code maxDuration} has passed since the
 * first attempt.
 *
 * <p><b>The four time limits</b>: {@code maxDuration} only stops starting retries; a call's
 * deadline ({@link ApiRequest#timeout}, {@link RestClient.Builder#deadline}) bounds the whole
 * call, attempts and waits included, and is stronger: see
 * {@link TransportException.Kind#DEADLINE_EXCEEDED}; {@link RestClient.Builder#attemptTimeout}
 * bounds each attempt alone.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .retryOptions(RetryOptions.builder()
 *         .maxAttempts(5)
 *         .backoff(Duration.ofMillis(200), Duration.ofSeconds(5))
 *         .build())
 *     .build();
 * }</pre>
 */
public final class RetryOptions {
  static final int DEFAULT_MAX_ATTEMPTS = 3;
  static final Duration DEFAULT_INITIAL_DELAY = Duration.ofMillis(100);
  static final Duration DEFAULT_MAX_DELAY = Duration.ofSeconds(10);
  static final double DEFAULT_JITTER = 0.25;
  static final Duration DEFAULT_MAX_DURATION = Duration.ofSeconds(60);

  private static final RetryOptions DEFAULTS = builder().build();
  private static final RetryOptions NONE = builder().maxAttempts(1).build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double jitter;
  private final @Nullable Duration maxDuration;

  private RetryOptions(Builder b) {
    this.maxAttempts = b.maxAttempts;
    this.initialDelay = b.initialDelay;
    this.maxDelay = b.maxDelay;
    this.jitter = b.jitter;
    this.maxDuration = b.maxDuration;
  }

  /**
   * The defaults: 3 attempts, backoff from 100 ms doubling up to 10 s, jitter 0.25, at most 60 s
   * from the first attempt to the start of the last.
   */
  public static RetryOptions defaults() {
    return DEFAULTS;
  }

  /** No retries: every call makes exactly one attempt. */
  public static RetryOptions none() {
    return NONE;
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from these options. */
  public Builder newBuilder() {
    Builder b = new Builder();
    b.maxAttempts = maxAttempts;
    b.initialDelay = initialDelay;
    b.maxDelay = maxDelay;
    b.jitter = jitter;
    b.maxDuration = maxDuration;
    return b;
  }

  /** The most attempts per request, the first one included; 1 means no retries. */
  public int maxAttempts() {
    return maxAttempts;
  }

  /** The delay after the first failed attempt, before jitter. */
  public Duration initialDelay() {
    return initialDelay;
  }

  /**
   * The longest delay between two attempts; a {@code Retry-After} asking for more ends the call
   * instead of being waited for.
   */
  public Duration maxDelay() {
    return maxDelay;
  }

  /** The jitter factor in [0, 1]: each backoff delay varies randomly by up to this fraction. */
  public double jitter() {
    return jitter;
  }

  /**
   * The time after which no retry is started, or null for no limit. It does not cut an attempt
   * short: {@link RestClient.Builder#deadline} and {@link ApiRequest#timeout} bound the whole
   * call, {@link RestClient.Builder#attemptTimeout} each attempt.
   */
  public @Nullable Duration maxDuration() {
    return maxDuration;
  }

  /**
   * The backoff delay after failed attempt number {@code attempt} (1-based), for a random
   * number {@code random} in [0, 1).
   */
  Duration backoff(int attempt, double random) {
    long initial = initialDelay.toNanos();
    long max = maxDelay.toNanos();
    long delay = initial;
    for (int i = 1; i < attempt && delay < max; i++) delay = delay > max / 2 ? max : delay * 2;
    delay = Math.min(delay, max);
    if (jitter > 0 && delay > 0) {
      delay += (long) (delay * jitter * (random * 2 - 1));
    }
    return Duration.ofNanos(Math.max(0, Math.min(delay, max)));
  }

  @Override
  public String toString() {
    return "RetryOptions{maxAttempts=" + maxAttempts + ", initialDelay=" + initialDelay
        + ", maxDelay=" + maxDelay + ", jitter=" + jitter + ", maxDuration=" + maxDuration + "}";
  }

  /**
   * Configures {@link RetryOptions}; not thread-safe.
   *
   * <pre>{@code
   * RetryOptions fast = RetryOptions.builder()
   *     .maxAttempts(4)
   *     .backoff(Duration.ofMillis(50), Duration.ofSeconds(1))
   *     .jitter(0.5)
   *     .maxDuration(Duration.ofSeconds(10))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private int maxAttempts = DEFAULT_MAX_ATTEMPTS;
    private Duration initialDelay = DEFAULT_INITIAL_DELAY;
    private Duration maxDelay = DEFAULT_MAX_DELAY;
    private double jitter = DEFAULT_JITTER;
    private @Nullable Duration maxDuration = DEFAULT_MAX_DURATION;

    private Builder() {}

    /**
     * The most attempts per request, the first one included. Default: 3. Use 1 for none.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be >= 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    /**
     * Exponential backoff: {@code initialDelay} after the first failure, doubling, at most
     * {@code maxDelay}; a {@code Retry-After} above {@code maxDelay} ends the call instead of
     * being waited for. Default: 100 ms, 10 s.
     *
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if {@code initialDelay} is negative or
     *     {@code maxDelay} is less than {@code initialDelay}
     */
    public Builder backoff(Duration initialDelay, Duration maxDelay) {
      requireNonNull(initialDelay, "initialDelay == null");
      requireNonNull(maxDelay, "maxDelay == null");
      if (initialDelay.isNegative()) {
        throw new IllegalArgumentException("initialDelay is negative: " + initialDelay);
      }
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException(
            "maxDelay " + maxDelay + " is less than initialDelay " + initialDelay);
      }
      this.initialDelay = initialDelay;
      this.maxDelay = maxDelay;
      return this;
    }

    /**
     * How much each backoff delay is randomized: by up to ±{@code factor} of itself, so clients
     * that failed together do not retry together. {@code Retry-After} delays are not jittered.
     * Default: 0.25.
     *
     * @throws IllegalArgumentException if not in [0, 1]
     */
    public Builder jitter(double factor) {
      if (!(factor >= 0 && factor <= 1)) {
        throw new IllegalArgumentException("jitter must be in [0, 1]: " + factor);
      }
      this.jitter = factor;
      return this;
    }

    /**
     * No retry is started once this much time has passed since the first attempt (an attempt
     * in flight is not cut short; for that use {@link RestClient.Builder#deadline} or
     * {@link RestClient.Builder#attemptTimeout}). Default: 60 s.
     *
     * @throws NullPointerException if {@code maxDuration} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxDuration(Duration maxDuration) {
      requireNonNull(maxDuration, "maxDuration == null");
      if (maxDuration.isZero() || maxDuration.isNegative()) {
        throw new IllegalArgumentException("maxDuration must be positive: " + maxDuration);
      }
      this.maxDuration = maxDuration;
      return this;
    }

    /** Removes the {@link #maxDuration} limit: only {@link #maxAttempts} bounds retries. */
    public Builder noMaxDuration() {
      this.maxDuration = null;
      return this;
    }

    /** Builds the options. */
    public RetryOptions build() {
      return new RetryOptions(this);
    }
  }
}
