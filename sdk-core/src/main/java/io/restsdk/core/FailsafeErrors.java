package io.restsdk.core;

import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.FailsafeException;
import dev.failsafe.TimeoutExceededException;
import org.jspecify.annotations.Nullable;

/**
 * Turns what Failsafe throws around the caller's own policies
 * ({@link RestClient.Builder#failsafePolicies}) into the SDK's exceptions, so no Failsafe type
 * reaches a caller: an open breaker is a {@link CircuitOpenException}; a {@code Timeout} policy
 * a {@link TransportException.Kind#TIMEOUT}; an interrupted wait
 * {@link TransportException.Kind#INTERRUPTED} (with the thread's interrupt flag set again); any
 * other refusal (a full bulkhead, an exceeded rate limit) or a checked exception out of a
 * policy {@link TransportException.Kind#REJECTED}. The Failsafe exception is not kept as the
 * cause (its type is not part of the API); its message is.
 */
final class FailsafeErrors {
  private FailsafeErrors() {}

  /**
   * {@code t} as the SDK exception it stands for; anything not Failsafe's is returned as is.
   * {@code last} is the call's last failed attempt, if any: the cause of an interruption.
   */
  static Throwable map(Throwable t, Policies.Send send, boolean reached,
      @Nullable SdkException last) {
    if (!(t instanceof FailsafeException f)) return t;
    if (f.getCause() instanceof SdkException s) return s;
    String detail = f.getClass().getSimpleName()
        + (f.getMessage() == null ? "" : ": " + f.getMessage());
    if (f instanceof CircuitBreakerOpenException c) {
      return new CircuitOpenException(send.method(), send.url(),
          c.getCircuitBreaker().getRemainingDelay(), null);
    }
    if (f instanceof TimeoutExceededException) {
      return new TransportException(TransportException.Kind.TIMEOUT, send.method(), send.url(),
          reached, "a Failsafe Timeout policy ended the attempt", null);
    }
    if (f.getCause() instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new TransportException(TransportException.Kind.INTERRUPTED, send.method(),
          send.url(), reached, "interrupted while the Failsafe policies waited", last);
    }
    return new TransportException(TransportException.Kind.REJECTED, send.method(), send.url(),
        reached, "refused by the Failsafe policies (" + detail + ")", f.getCause());
  }
}
