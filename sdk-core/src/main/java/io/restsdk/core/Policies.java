package io.restsdk.core;

import dev.failsafe.Failsafe;
import dev.failsafe.Policy;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Runs the attempts of one request under the client's resilience rules: retries, the circuit
 * breaker, the call's deadline, the token refresh after a 401 and the outcome check after a lost
 * response; or, instead of the built-in retries and breaker, the caller's own Failsafe policies.
 * The sync and async paths run the same rules; each rule lives in one place:
 *
 * <ul>
 *   <li>{@link RetryRules}: which failures are retried, {@code Retry-After} and the backoff,
 *       and when to give up;
 *   <li>{@link TokenRefresh}: the one refresh and replay after a 401;
 *   <li>{@link #reconcilable} (below): when a 412 or 409 after a lost response is checked;
 *   <li>{@link BreakerGuard}: the circuit breaker's permit around each attempt;
 *   <li>{@link Attempts}: one call's attempts, its deadline, and the exception it ends with;
 *   <li>{@link FailsafeErrors}: what the caller's own policies throw, as SDK exceptions.
 * </ul>
 *
 * <p>One instance per client. A call that succeeds at once costs an {@link Attempts} and the
 * breaker's permit; no Failsafe executor is built unless the caller gave policies.
 */
final class Policies {
  final RetryRules rules;
  final BreakerGuard breaker;
  final TokenRefresh tokens;
  final RetryListener listener;
  /** The client's {@link CallListener}s, or null when it has none. */
  final @Nullable Observation observation;
  private final @Nullable List<Policy<Object>> custom;
  private final @Nullable Duration defaultDeadline;

  Policies(RetryOptions options, int breakerThreshold, @Nullable Duration breakerDelay,
      @Nullable List<Policy<Object>> custom, RetryListener listener,
      @Nullable TokenProvider tokens, @Nullable Duration defaultDeadline, Clock clock,
      @Nullable Observation observation) {
    this.rules = new RetryRules(options, clock);
    this.observation = observation;
    this.breaker = BreakerGuard.of(breakerThreshold, breakerDelay, observation);
    this.custom = custom == null ? null : List.copyOf(custom);
    this.listener = listener;
    this.tokens = new TokenRefresh(tokens);
    this.defaultDeadline = defaultDeadline;
  }

  /** The deadline of a call that starts now, or null when it has none. */
  @Nullable Deadline deadline(ApiRequest request) {
    Duration timeout = request.timeout() != null ? request.timeout() : defaultDeadline;
    return timeout == null ? null : new Deadline(System.nanoTime() + timeout.toNanos(), timeout);
  }

  /**
   * Runs {@code attempt} synchronously until it succeeds or the policies give up. {@code recover}
   * gets a 412 or 409 that came after a lost response (see {@link #reconcilable}) and returns
   * the result to use instead, or null to let the failure stand.
   */
  <R> R get(Send send, Attempt<R> attempt, Function<ApiException, @Nullable R> recover) {
    Attempts<R> call = new Attempts<>(this, send, recover);
    if (custom != null) {
      try {
        return Failsafe.with(custom).get(() -> call.once(attempt));
      } catch (RuntimeException e) {
        Throwable t = FailsafeErrors.map(e, send, call.mayHaveReachedServer(), call.last());
        if (t instanceof SdkException s) throw call.end(s, null);
        throw (RuntimeException) t;
      }
    }
    while (true) {
      try {
        return call.once(attempt);
      } catch (SdkException e) {
        call.await(call.retryDelay(e)); // both throw the call's final exception instead
      }
    }
  }

  /**
   * As {@link #get}, without blocking a thread, also not while waiting to retry. The deadline
   * counts from now, however long the attempt waits in OkHttp's dispatcher queue.
   */
  <R> CompletableFuture<R> getAsync(Send send, AsyncAttempt<R> attempt,
      Function<ApiException, @Nullable R> recover, Cancellation cancellation) {
    Attempts<R> call = new Attempts<>(this, send, recover);
    CompletableFuture<R> out = new CompletableFuture<>();
    call.endAtDeadline(out);
    if (custom == null) {
      retryAsync(call, attempt, out, cancellation);
      return out;
    }
    CompletableFuture<R> all;
    try {
      all = cancellation.track(Failsafe.with(custom).getStageAsync(() -> call.onceAsync(attempt)));
    } catch (RuntimeException e) {
      all = CompletableFuture.failedFuture(e);
    }
    all.whenComplete((value, error) -> {
      if (error == null) {
        out.complete(value);
        return;
      }
      call.cancelInFlight(); // a Timeout policy gave up on it: its OkHttp call ends too
      Throwable t = FailsafeErrors.map(
          Exchange.unwrap(error), send, call.mayHaveReachedServer(), call.last());
      out.completeExceptionally(t instanceof SdkException s ? call.end(s, null) : t);
    });
    return out;
  }

  /** The async retry loop: an attempt, then a wait on the timer and the next, until done. */
  private static <R> void retryAsync(Attempts<R> call, AsyncAttempt<R> attempt,
      CompletableFuture<R> out, Cancellation cancellation) {
    if (out.isDone()) return; // the deadline passed while waiting
    call.onceAsync(attempt).whenComplete((value, error) -> {
      if (error == null) {
        out.complete(value);
        return;
      }
      Throwable t = Exchange.unwrap(error);
      if (!(t instanceof SdkException e) || out.isDone()) {
        out.completeExceptionally(t);
        return;
      }
      java.time.Duration delay;
      try {
        delay = call.retryDelay(e);
      } catch (SdkException end) {
        out.completeExceptionally(end);
        return;
      }
      // Cancelling the operation cancels the wait for the next attempt, too.
      cancellation.track(AsyncTimer.after(delay)).whenComplete((v, waitError) -> {
        if (waitError != null) out.completeExceptionally(Exchange.unwrap(waitError));
        else retryAsync(call, attempt, out, cancellation);
      });
    });
  }

  /**
   * The outcome-check rule: after an earlier attempt of this request lost its response (a
   * {@link TransportException} that may have reached the server), a 412 to a PUT, PATCH or
   * DELETE sent with {@code If-Match}, a 404 or 410 to a DELETE, or a 409 to a POST sent with
   * {@code Idempotency-Key}, may be the echo of that earlier attempt having succeeded, so it is
   * checked before it is raised.
   */
  static boolean reconcilable(ApiException e, Request request) {
    String m = request.method();
    if (m.equals("DELETE") && (e.status() == 404 || e.status() == 410)) return true;
    if (e instanceof ApiException.PreconditionFailed) {
      return request.header("If-Match") != null
          && (m.equals("PUT") || m.equals("PATCH") || m.equals("DELETE"));
    }
    return e instanceof ApiException.Conflict && m.equals("POST")
        && request.header("Idempotency-Key") != null;
  }

  /** One attempt: the transport call on {@code ok}, its answer mapped. */
  @FunctionalInterface
  interface Attempt<R> {
    R run(OkHttpClient ok, Request request);
  }

  /** One attempt, asynchronously. */
  @FunctionalInterface
  interface AsyncAttempt<R> {
    CompletableFuture<R> run(OkHttpClient ok, Request request);
  }

  /** What the policies need to know about the request. */
  record Send(OkHttpClient ok, Request request, String method, String url,
      @Nullable Deadline deadline, CallListener.@Nullable Call call) {}

  /** A call's deadline: {@link System#nanoTime()} at which it ends, and the timeout it came from. */
  record Deadline(long atNanos, Duration timeout) {
    long remainingNanos() {
      return atNanos - System.nanoTime();
    }
  }
}
