package io.restsdk.core;

import dev.failsafe.CircuitBreaker;
import dev.failsafe.CircuitBreakerOpenException;
import dev.failsafe.ExecutionContext;
import dev.failsafe.Failsafe;
import dev.failsafe.FailsafeExecutor;
import dev.failsafe.Policy;
import dev.failsafe.RetryPolicy;
import dev.failsafe.RetryPolicyBuilder;
import dev.failsafe.event.ExecutionScheduledEvent;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.internal.RetryAfter;
import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Runs the attempts of one request under the client's resilience policies, built with Failsafe:
 * retry (outer) → circuit breaker (inner), or the caller's own Failsafe policies instead. Around
 * every attempt it keeps what Failsafe does not know: the call's deadline, the one token refresh
 * after a 401, the outcome check after a lost response, and the attempt count and earlier
 * failures that the final exception reports.
 *
 * <p>One instance per client; the circuit breaker it holds is shared by every call and sees
 * every attempt. The first attempt runs directly; a retry policy and an executor are built only
 * when it fails in a way that may be retried, because the policy's decisions depend on the
 * request (method, key, deadline) and a call that succeeds at once should not pay for them.
 */
final class Policies {
  /** Methods that mean the same when sent twice (RFC 9110 §9.2.2), minus PATCH. */
  static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "PUT", "DELETE");
  private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final RetryOptions options;
  private final @Nullable CircuitBreaker<Object> breaker;
  private final @Nullable List<Policy<Object>> custom;
  private final RetryListener listener;
  private final @Nullable TokenProvider tokens;
  private final @Nullable Duration defaultDeadline;
  private final Clock clock;

  Policies(RetryOptions options, int breakerThreshold, @Nullable Duration breakerDelay,
      @Nullable List<Policy<Object>> custom, RetryListener listener,
      @Nullable TokenProvider tokens, @Nullable Duration defaultDeadline, Clock clock) {
    this.options = options;
    this.breaker = breakerThreshold <= 0 || breakerDelay == null ? null
        : CircuitBreaker.builder()
            .handleIf((r, e) -> e != null && retryableKind(e))
            .withFailureThreshold(breakerThreshold)
            .withDelay(breakerDelay)
            .build();
    this.custom = custom == null ? null : List.copyOf(custom);
    this.listener = listener;
    this.tokens = tokens;
    this.defaultDeadline = defaultDeadline;
    this.clock = clock;
  }

  /** Each attempt once, as it comes. */
  static Policies none() {
    return new Policies(RetryOptions.none(), 0, null, null, RetryListener.NONE, null, null,
        Clock.systemUTC());
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
    Run<R> run = new Run<>(send, recover);
    try {
      if (custom != null) return Failsafe.with(custom).get(() -> run.once(attempt));
      long start = System.nanoTime();
      SdkException first;
      try {
        return guarded(run, attempt);
      } catch (SdkException e) {
        first = e;
      }
      // Only a retryable first failure pays for a retry policy and an executor.
      FailsafeExecutor<Object> retries = retries(run, first, start);
      if (retries == null) throw first;
      boolean[] replayed = {false};
      return retries.get(() -> {
        if (!replayed[0]) {
          replayed[0] = true;
          throw first; // attempt 1 already ran: Failsafe sees its outcome and plans attempt 2
        }
        return guarded(run, attempt);
      });
    } catch (CircuitBreakerOpenException e) {
      throw run.end(circuitOpen(send, e));
    } catch (SdkException e) {
      throw run.end(e);
    }
  }

  /** As {@link #get}, without blocking a thread, also not while waiting to retry. */
  <R> CompletableFuture<R> getAsync(Send send, AsyncAttempt<R> attempt,
      Function<ApiException, @Nullable R> recover, Cancellation cancellation) {
    Run<R> run = new Run<>(send, recover);
    CompletableFuture<R> attempts;
    if (custom != null) {
      try {
        attempts = cancellation.track(
            Failsafe.with(custom).getStageAsync(() -> run.onceAsync(attempt)));
      } catch (RuntimeException e) {
        attempts = CompletableFuture.failedFuture(e);
      }
    } else {
      long start = System.nanoTime();
      attempts = new CompletableFuture<>();
      CompletableFuture<R> all = attempts;
      guardedAsync(run, attempt).whenComplete((value, error) -> {
        if (error == null) {
          all.complete(value);
          return;
        }
        Throwable t = Exchange.unwrap(error);
        FailsafeExecutor<Object> retries;
        try {
          retries = t instanceof SdkException first ? retries(run, first, start) : null;
        } catch (RuntimeException e) {
          retries = null;
          t = e;
        }
        if (retries == null) {
          all.completeExceptionally(t);
          return;
        }
        Throwable first = t;
        AtomicBoolean replayed = new AtomicBoolean();
        // Cancelling the operation cancels the wait for the next attempt, too.
        cancellation.track(retries.getStageAsync(() -> replayed.getAndSet(true)
                ? guardedAsync(run, attempt) : CompletableFuture.<R>failedFuture(first)))
            .whenComplete((v, e) -> {
              if (e == null) all.complete(v);
              else all.completeExceptionally(e);
            });
      });
    }
    CompletableFuture<R> out = new CompletableFuture<>();
    attempts.whenComplete((value, error) -> {
      if (error == null) {
        out.complete(value);
        return;
      }
      Throwable t = Exchange.unwrap(error);
      if (t instanceof CircuitBreakerOpenException c) t = circuitOpen(send, c);
      if (t instanceof SdkException s) t = run.end(s);
      out.completeExceptionally(t);
    });
    return out;
  }

  /** One attempt behind the circuit breaker, which sees every attempt's outcome. */
  private <R> R guarded(Run<R> run, Attempt<R> attempt) {
    if (breaker == null) return run.once(attempt);
    if (!breaker.tryAcquirePermit()) throw new CircuitBreakerOpenException(breaker);
    R value;
    try {
      value = run.once(attempt);
    } catch (RuntimeException e) {
      breaker.recordException(e);
      throw e;
    }
    breaker.recordSuccess();
    return value;
  }

  private <R> CompletableFuture<R> guardedAsync(Run<R> run, AsyncAttempt<R> attempt) {
    if (breaker == null) return run.onceAsync(attempt);
    if (!breaker.tryAcquirePermit()) {
      return CompletableFuture.failedFuture(new CircuitBreakerOpenException(breaker));
    }
    return run.onceAsync(attempt).whenComplete((value, error) -> {
      if (error == null) breaker.recordSuccess();
      else breaker.recordException(Exchange.unwrap(error));
    });
  }

  /**
   * The executor for attempts 2..n after {@code first} failed, or null when that failure ends
   * the call: not retryable, not safe to repeat, retries off, or no time left.
   */
  private @Nullable FailsafeExecutor<Object> retries(Run<?> run, SdkException first, long start) {
    if (options.maxAttempts() <= 1 || !run.shouldRetry(first)) return null;
    Duration maxDuration = options.maxDuration();
    Duration left = null;
    if (maxDuration != null) {
      left = maxDuration.minusNanos(System.nanoTime() - start);
      if (left.isNegative() || left.isZero()) return null;
    }
    return Failsafe.with(retryPolicy(run, left));
  }

  private RetryPolicy<Object> retryPolicy(Run<?> run, @Nullable Duration maxDuration) {
    RetryPolicyBuilder<Object> b = RetryPolicy.builder()
        .handleIf((r, e) -> e != null && run.shouldRetry(e))
        .withMaxAttempts(options.maxAttempts())
        .withDelayFn(run::delay)
        .abortIf((r, e) -> run.deadlineHit || run.breakerOpened)
        .onRetryScheduled(run::retryScheduled);
    if (maxDuration != null) b.withMaxDuration(maxDuration);
    return b.build();
  }

  /** 429, 500, 502, 503, 504, and I/O failures other than cancellation and the deadline. */
  static boolean retryableKind(Throwable e) {
    if (e instanceof TransportException t) {
      return t.kind() != TransportException.Kind.CANCELED
          && t.kind() != TransportException.Kind.INTERRUPTED
          && t.kind() != TransportException.Kind.DEADLINE_EXCEEDED;
    }
    return e instanceof ApiException a && a.isRetryable();
  }

  /** Whether sending {@code request} twice cannot do harm: an idempotent method, or a key. */
  static boolean safeToRepeat(Request request) {
    return IDEMPOTENT.contains(request.method()) || request.header("Idempotency-Key") != null;
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

  private static CircuitOpenException circuitOpen(Send send, CircuitBreakerOpenException e) {
    return new CircuitOpenException(
        send.method(), send.url(), e.getCircuitBreaker().getRemainingDelay(), e);
  }

  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      RestClient.LOG.log(Level.WARNING, "RetryListener threw; ignored", e);
    }
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
      @Nullable Deadline deadline) {}

  /** A call's deadline: {@link System#nanoTime()} at which it ends, and the timeout it came from. */
  record Deadline(long atNanos, Duration timeout) {
    long remainingNanos() {
      return atNanos - System.nanoTime();
    }
  }

  /** The state of one request's attempts. Attempts never overlap, but may run on other threads. */
  private final class Run<R> {
    private final Send send;
    private final Function<ApiException, @Nullable R> recover;
    private final List<SdkException> failures = new ArrayList<>(2);
    private volatile Request request;
    private volatile int attempts;
    private volatile boolean lost;
    private volatile boolean refreshed;
    private volatile boolean deadlineHit;
    /** The breaker opened on the last failure: the next attempt would be refused anyway. */
    private volatile boolean breakerOpened;
    private volatile Duration lastDelay = Duration.ZERO;

    Run(Send send, Function<ApiException, @Nullable R> recover) {
      this.send = send;
      this.recover = recover;
      this.request = send.request();
    }

    R once(Attempt<R> attempt) {
      boolean lostBefore = lost;
      try {
        try {
          OkHttpClient ok = client();
          attempts++;
          return attempt.run(ok, request);
        } catch (ApiException.Unauthorized e) {
          Request again = refresh(e);
          if (again == null) throw e;
          OkHttpClient ok = client();
          attempts++;
          return attempt.run(ok, again);
        }
      } catch (ApiException e) {
        if (lostBefore && reconcilable(e, request)) {
          annotate(e);
          R value = recover.apply(e);
          if (value != null) return value;
        }
        throw failed(e);
      } catch (SdkException e) {
        throw failed(e);
      }
    }

    CompletableFuture<R> onceAsync(AsyncAttempt<R> attempt) {
      boolean lostBefore = lost;
      CompletableFuture<R> out = new CompletableFuture<>();
      start(attempt).whenComplete((value, error) -> {
        Throwable t = error == null ? null : Exchange.unwrap(error);
        if (t instanceof ApiException.Unauthorized u) {
          Request again;
          try {
            again = refresh(u);
          } catch (RuntimeException e) {
            out.completeExceptionally(e);
            return;
          }
          if (again != null) {
            start(attempt).whenComplete((v2, e2) -> settle(v2, e2, lostBefore, out));
            return;
          }
        }
        settle(value, error, lostBefore, out);
      });
      return out;
    }

    private CompletableFuture<R> start(AsyncAttempt<R> attempt) {
      try {
        OkHttpClient ok = client();
        attempts++;
        return attempt.run(ok, request);
      } catch (RuntimeException e) {
        return CompletableFuture.failedFuture(e);
      }
    }

    private void settle(@Nullable R value, @Nullable Throwable error, boolean lostBefore,
        CompletableFuture<R> out) {
      if (error == null) {
        out.complete(value);
        return;
      }
      Throwable t = Exchange.unwrap(error);
      try {
        if (t instanceof ApiException e && lostBefore && reconcilable(e, request)) {
          annotate(e);
          R recovered = recover.apply(e);
          if (recovered != null) {
            out.complete(recovered);
            return;
          }
        }
        if (t instanceof SdkException s) t = failed(s);
      } catch (RuntimeException e) {
        t = e;
      }
      out.completeExceptionally(t);
    }

    /** The OkHttp client for the next attempt: its call timeout ends at the deadline. */
    private OkHttpClient client() {
      Deadline d = send.deadline();
      if (d == null) return send.ok();
      long left = d.remainingNanos();
      if (left <= 0) throw deadlineExceeded("it passed before attempt " + (attempts + 1) + " could start");
      long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
      int own = send.ok().callTimeoutMillis();
      if (own > 0 && own <= millis) return send.ok();
      return send.ok().newBuilder().callTimeout(Duration.ofMillis(millis)).build();
    }

    /** A new request with a refreshed token, or null: once per request, when one can be had. */
    private @Nullable Request refresh(ApiException.Unauthorized e) {
      String auth = request.header("Authorization");
      if (tokens == null || refreshed || auth == null || !auth.startsWith("Bearer ")) return null;
      refreshed = true;
      Optional<String> fresh = tokens.refresh(auth.substring("Bearer ".length()));
      if (fresh.isEmpty() || fresh.get().isBlank()) return null;
      synchronized (failures) {
        failures.add(e);
      }
      request = request.newBuilder().header("Authorization", "Bearer " + fresh.get()).build();
      return request;
    }

    /** Records a failed attempt; a timeout at the deadline becomes DEADLINE_EXCEEDED. */
    private SdkException failed(SdkException e) {
      Deadline d = send.deadline();
      if (d != null && e instanceof TransportException t
          && t.kind() == TransportException.Kind.TIMEOUT
          && d.remainingNanos() <= DEADLINE_SLACK_NANOS) {
        e = new TransportException(TransportException.Kind.DEADLINE_EXCEEDED, send.method(),
            send.url(), t.mayHaveReachedServer(),
            "the call's deadline of " + d.timeout().toMillis() + " ms passed during attempt "
                + attempts, t);
      }
      if (e instanceof TransportException t && t.mayHaveReachedServer()) lost = true;
      synchronized (failures) {
        failures.add(e);
      }
      return e;
    }

    boolean shouldRetry(Throwable e) {
      if (!retryableKind(e)) return false;
      return safeToRepeat(request)
          || e instanceof TransportException t && !t.mayHaveReachedServer();
    }

    /** The wait before the next attempt: Retry-After on 429 and 503, else the backoff. */
    Duration delay(ExecutionContext<Object> context) {
      Throwable e = context.getLastException();
      Duration delay = null;
      if (e instanceof ApiException a && (a.status() == 429 || a.status() == 503)
          && a.headers() != null) {
        try {
          delay = RetryAfter.parse(a.headers().get("Retry-After"), a.headers().get("Date"), clock)
              .map(d -> d.compareTo(options.maxDelay()) > 0 ? options.maxDelay() : d)
              .orElse(null);
        } catch (RuntimeException ignored) {
          delay = null; // a server's header never breaks the call: fall back to the backoff
        }
      }
      if (delay == null) {
        delay = options.backoff(context.getAttemptCount(),
            ThreadLocalRandom.current().nextDouble());
      }
      Deadline d = send.deadline();
      if (d != null && context.getAttemptCount() < options.maxAttempts()
          && d.remainingNanos() <= delay.toNanos()) {
        deadlineHit = true; // read by abortIf, which Failsafe evaluates right after this
      }
      if (breaker != null && context.getAttemptCount() < options.maxAttempts()
          && breaker.isOpen() && breaker.getRemainingDelay().compareTo(delay) > 0) {
        breakerOpened = true; // no wait for an attempt the open breaker would refuse
      }
      lastDelay = delay;
      return delay;
    }

    void retryScheduled(ExecutionScheduledEvent<Object> event) {
      if (!(event.getLastException() instanceof SdkException failure)) return;
      RetryListener.RetryEvent e = new RetryListener.RetryEvent(
          send.method(), send.url(), attempts, failure, event.getDelay());
      tell(() -> listener.onRetry(e));
    }

    /** The exception the caller receives: attempts, earlier failures, and the give-up event. */
    SdkException end(SdkException e) {
      if (deadlineHit && !(e instanceof TransportException t
          && t.kind() == TransportException.Kind.DEADLINE_EXCEEDED)) {
        e = deadlineExceeded("the next retry, due in " + lastDelay.toMillis()
            + " ms, would start after the call's deadline");
      } else if (breakerOpened && breaker != null && !(e instanceof CircuitOpenException)) {
        e = circuitOpen(send, new CircuitBreakerOpenException(breaker));
      }
      annotate(e);
      GiveUpReason reason = giveUpReason(e);
      if (reason != null) {
        RetryListener.GiveUpEvent event = new RetryListener.GiveUpEvent(
            send.method(), send.url(), attempts, e, reason);
        tell(() -> listener.onGiveUp(event));
      }
      return e;
    }

    /**
     * Attaches the attempt count and the earlier failures. A 412 or 409 that an outcome check
     * raises again was annotated by the request it came from, and keeps that larger count.
     */
    private void annotate(SdkException e) {
      List<SdkException> earlier;
      synchronized (failures) {
        earlier = List.copyOf(failures);
      }
      List<Throwable> already = List.of(e.getSuppressed());
      for (SdkException f : earlier) {
        if (f != e && f != e.getCause() && !already.contains(f)) e.addSuppressed(f);
      }
      e.attempts(e instanceof ApiException && e.attempts() > attempts ? e.attempts() : attempts);
    }

    private @Nullable GiveUpReason giveUpReason(SdkException e) {
      if (e instanceof CircuitOpenException) return GiveUpReason.CIRCUIT_OPEN;
      if (e instanceof TransportException t
          && t.kind() == TransportException.Kind.DEADLINE_EXCEEDED) {
        return GiveUpReason.DEADLINE_EXCEEDED;
      }
      if (!retryableKind(e)) return null;
      return shouldRetry(e) ? GiveUpReason.RETRIES_EXHAUSTED : GiveUpReason.NOT_SAFE_TO_RETRY;
    }

    private TransportException deadlineExceeded(String detail) {
      Deadline d = send.deadline();
      SdkException last;
      boolean reached;
      synchronized (failures) {
        last = failures.isEmpty() ? null : failures.get(failures.size() - 1);
        reached = failures.stream().anyMatch(
            f -> !(f instanceof TransportException t) || t.mayHaveReachedServer());
      }
      String what = "deadline of " + (d == null ? "?" : d.timeout().toMillis() + " ms")
          + " exceeded after " + attempts + " attempt(s): " + detail;
      return new TransportException(TransportException.Kind.DEADLINE_EXCEEDED, send.method(),
          send.url(), reached, what, last);
    }
  }
}
