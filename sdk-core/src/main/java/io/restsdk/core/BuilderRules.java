package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.time.Duration;

/** The checks of {@link RestClient.Builder}: what {@link RestClient.Builder#build()} refuses. */
final class BuilderRules {
  private BuilderRules() {}

  /** See {@link RestClient.Builder#build()} for what is refused. */
  static void check(RestClient.Builder b) {
    if (b.baseUrl == null) throw new IllegalStateException("baseUrl is required");
    if (b.failsafePolicies != null && (b.retryOptionsSet || b.breakerThreshold > 0)) {
      throw new IllegalStateException("failsafePolicies replace retryOptions and circuitBreaker;"
          + " set one or the other (failsafePolicies() with no policies restores the built-in"
          + " ones)");
    }
    if (b.okHttp != null && b.maxConcurrentRequests > 0) {
      throw new IllegalStateException("maxConcurrentRequests configures the client's own"
          + " OkHttp dispatcher; set the limits on the dispatcher of the okHttpClient given");
    }
  }

  /** {@code d} if it is positive; the messages name it {@code what}. */
  static Duration positive(Duration d, String what) {
    requireNonNull(d, what + " == null");
    if (d.isZero() || d.isNegative()) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }

  /** {@code timeout} if it is not negative. */
  static Duration timeout(Duration timeout) {
    requireNonNull(timeout, "timeout == null");
    if (timeout.isNegative()) throw new IllegalArgumentException("timeout is negative: " + timeout);
    return timeout;
  }
}
