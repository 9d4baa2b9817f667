package io.restsdk.core;

import io.restsdk.core.RetryListener.GiveUpReason;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The state of one request's attempts under {@link Policies}: the request to send (its token
 * may be refreshed), how many attempts were made, the earlier failures, whether a response was
 * lost, and the exception the call finally ends with. Each step exists once and serves both
 * paths: {@link #once} and {@link #onceAsync} differ only in how they wait for an attempt and a
 * token; what follows a failure ({@link #retryDelay}) and how a call ends ({@link #end}) is
 * shared. Attempts never overlap, but may run on different threads.
 */
final class Attempts<R> {
  private static final long DEADLINE_SLACK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

  private final Policies policies;
  private final Policies.Send send;
  private final Function<ApiException, @Nullable R> recover;
  private final long startNanos = System.nanoTime();
  private final List<SdkException> failures = new ArrayList<>(); // no array until a failure
  private final AtomicBoolean ended = new AtomicBoolean();
  private volatile Request request;
  /** HTTP attempts sent, a replay after a token refresh included. */
  private volatile int attempts;
  /** Rounds of the retry loop: what {@link RetryOptions#maxAttempts()} counts. */
  private volatile int rounds;
  private volatile boolean lost;
  private volatile boolean refreshed;
  private volatile @Nullable CompletableFuture<?> inFlight;
  private volatile boolean deadlinePassed;

  Attempts(Policies policies, Policies.Send send, Function<ApiException, @Nullable R> recover) {
    this.policies = policies;
    this.send = send;
    this.recover = recover;
    this.request = send.request();
  }

  // ------------------------------------------------------------- one round, sync and async

  /** One round: an attempt, and after a 401 at most one replay with a refreshed token. */
  R once(Policies.Attempt<R> attempt) {
    rounds++;
    boolean lostBefore = lost;
    SdkException failure;
    try {
      return send(attempt, request);
    } catch (SdkException e) {
      failure = e;
    }
    String rejected = policies.tokens.rejected(failure, request, refreshed);
    if (rejected != null) {
      refreshed = true;
      Request again = replay(failure, policies.tokens.refresh(rejected));
      if (again != null) {
        try {
          return send(attempt, again);
        } catch (SdkException e) {
          failure = e;
        }
      }
    }
    return settle(failure, lostBefore);
  }

  /** As {@link #once}; the refresh is asked for with {@link TokenProvider#refreshAsync}. */
  CompletableFuture<R> onceAsync(Policies.AsyncAttempt<R> attempt) {
    rounds++;
    boolean lostBefore = lost;
    CompletableFuture<R> out = new CompletableFuture<>();
    sendAsync(attempt, request).whenComplete((value, error) -> {
      if (error == null) {
        out.complete(value);
        return;
      }
      Throwable t = Exchange.unwrap(error);
      String rejected = t instanceof SdkException s
          ? policies.tokens.rejected(s, request, refreshed) : null;
      if (rejected == null) {
        settle(t, lostBefore, out);
        return;
      }
      refreshed = true;
      policies.tokens.refreshAsync(rejected).whenComplete((fresh, refreshError) -> {
        if (refreshError != null) {
          out.completeExceptionally(Exchange.unwrap(refreshError));
          return;
        }
        Request again = replay((SdkException) t, fresh);
        if (again == null) {
          settle(t, lostBefore, out);
          return;
        }
        sendAsync(attempt, again).whenComplete((v2, e2) -> {
          if (e2 == null) out.complete(v2);
          else settle(Exchange.unwrap(e2), lostBefore, out);
        });
      });
    });
    return out;
  }

  /** One HTTP attempt behind the breaker, on a client whose call timeout ends at the deadline. */
  private R send(Policies.Attempt<R> attempt, Request r) {
    OkHttpClient ok = client();
    if (!policies.breaker.acquire()) throw policies.breaker.open(send.method(), send.url());
    attempts++;
    R value;
    try {
      value = attempt.run(ok, r);
    } catch (RuntimeException e) {
      RuntimeException failure = interruptedIfSo(e);
      policies.breaker.record(failure);
      throw failure;
    }
    policies.breaker.record(null);
    return value;
  }

  private CompletableFuture<R> sendAsync(Policies.AsyncAttempt<R> attempt, Request r) {
    try {
      OkHttpClient ok = client();
      if (!policies.breaker.acquire()) {
        return CompletableFuture.failedFuture(policies.breaker.open(send.method(), send.url()));
      }
      attempts++;
      CompletableFuture<R> f;
      try {
        f = attempt.run(ok, r);
      } catch (RuntimeException e) {
        policies.breaker.record(e);
        throw e;
      }
      inFlight = f;
      if (policies.breaker.isOff()) return f;
      return f.whenComplete((v, e) -> policies.breaker.record(e == null ? null
          // an attempt the deadline cut short failed as a timeout would have
          : deadlinePassed ? new TransportException(TransportException.Kind.TIMEOUT,
              send.method(), send.url(), true, "cut short by the call's deadline", null)
          : Exchange.unwrap(e)));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The OkHttp client for the next attempt: its call timeout ends at the deadline. */
  private OkHttpClient client() {
    Policies.Deadline d = send.deadline();
    if (d == null) return send.ok();
    long left = d.remainingNanos();
    if (left <= 0) {
      throw deadlineExceeded("it passed before attempt " + (attempts + 1) + " could start", false);
    }
    long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(left));
    int own = send.ok().callTimeoutMillis();
    if (own > 0 && own <= millis) return send.ok();
    return send.ok().newBuilder().callTimeout(Duration.ofMillis(millis)).build();
  }

  /** {@code request} with a refreshed token to replay once, or null when there is none. */
  private @Nullable Request replay(SdkException unauthorized, @Nullable Optional<String> fresh) {
    Request again = TokenRefresh.replay(request, fresh);
    if (again == null) return null;
    synchronized (failures) {
      failures.add(unauthorized);
    }
    request = again;
    return again;
  }

  // ------------------------------------------------------------- after a failed round

  /**
   * The outcome check (see {@link Policies#reconcilable}): after a lost response, a 412 or 409
   * may be the echo of this call's own earlier attempt, and {@code recover} decides. Returns
   * its result, else records and throws the failure.
   */
  private R settle(SdkException e, boolean lostBefore) {
    if (e instanceof ApiException a && lostBefore && Policies.reconcilable(a, request)) {
      annotate(a);
      R value = recover.apply(a);
      if (value != null) return value;
    }
    throw failed(e);
  }

  private void settle(Throwable t, boolean lostBefore, CompletableFuture<R> out) {
    if (!(t instanceof SdkException e)) {
      out.completeExceptionally(t);
      return;
    }
    try {
      out.complete(settle(e, lostBefore));
    } catch (RuntimeException x) {
      out.completeExceptionally(x);
    }
  }

  /** Records a failed attempt; a timeout at the deadline becomes DEADLINE_EXCEEDED. */
  private SdkException failed(SdkException e) {
    if (e instanceof CircuitOpenException) return e; // nothing was sent
    Policies.Deadline d = send.deadline();
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

  /**
   * The wait before the next round, after {@link RetryRules#next} (and the breaker) allowed
   * it; the listener hears of it. When the call ends instead, throws its final exception.
   */
  Duration retryDelay(SdkException e) {
    RetryRules.Decision next = policies.rules.next(e, request, rounds, startNanos, send.deadline());
    if (next.reason() == GiveUpReason.DEADLINE_EXCEEDED && next.delay() != null) {
      throw end(deadlineExceeded("the next retry, due in " + next.delay().toMillis()
          + " ms, would start after the call's deadline", false), next.reason());
    }
    if (!next.retry()) throw end(e, next.reason());
    Duration delay = next.delay();
    if (policies.breaker.refusesAfter(delay)) { // no wait for an attempt it would refuse
      throw end(policies.breaker.open(send.method(), send.url()), GiveUpReason.CIRCUIT_OPEN);
    }
    RetryListener.RetryEvent event = new RetryListener.RetryEvent(
        send.method(), send.url(), attempts, e, delay);
    tell(() -> policies.listener.onRetry(event));
    Observation obs = policies.observation;
    if (obs != null && send.call() != null) obs.retry(send.call(), event);
    return delay;
  }

  /**
   * Waits {@code delay} on this thread before the next round. An interrupt ends the call at
   * once with {@link TransportException.Kind#INTERRUPTED}, the interrupt flag set again.
   */
  void await(Duration delay) {
    try {
      if (Thread.interrupted()) throw new InterruptedException();
      if (!delay.isZero()) TimeUnit.NANOSECONDS.sleep(delay.toNanos());
    } catch (InterruptedException ie) {
      Thread.currentThread().interrupt();
      throw end(new TransportException(TransportException.Kind.INTERRUPTED, send.method(),
          send.url(), mayHaveReachedServer(),
          "interrupted while waiting " + delay.toMillis() + " ms to retry", last()), null);
    }
  }

  /**
   * An I/O failure of a sync attempt whose thread was interrupted (OkHttp reports that as an
   * {@code InterruptedIOException}) is the interruption, not a timeout to retry.
   */
  private RuntimeException interruptedIfSo(RuntimeException e) {
    if (!(e instanceof TransportException t) || !RetryRules.retryableKind(t)
        || !Thread.currentThread().isInterrupted()) {
      return e;
    }
    return new TransportException(TransportException.Kind.INTERRUPTED, send.method(),
        send.url(), t.mayHaveReachedServer(), "interrupted during attempt " + attempts, t);
  }

  /**
   * Ends the async call {@code out} at the deadline, wherever it is: waiting in OkHttp's
   * dispatcher queue, in flight (the OkHttp call is cancelled), or waiting to retry.
   */
  void endAtDeadline(CompletableFuture<R> out) {
    Policies.Deadline d = send.deadline();
    if (d == null) return;
    ScheduledFuture<?> timer = AsyncTimer.at(d.remainingNanos(), () -> {
      if (out.isDone()) return;
      deadlinePassed = true;
      CompletableFuture<?> current = inFlight;
      boolean during = current != null && !current.isDone();
      out.completeExceptionally(end(deadlineExceeded(during
          ? "it passed during attempt " + attempts : "it passed while waiting to retry", during),
          GiveUpReason.DEADLINE_EXCEEDED));
      cancelInFlight();
    });
    out.whenComplete((v, e) -> timer.cancel(false));
  }

  // ------------------------------------------------------------- the end

  /**
   * The exception the caller receives, {@code e} annotated with the attempts and the earlier
   * failures; the listener hears of the give-up once, with {@code reason} or the one {@code e}
   * implies.
   */
  SdkException end(SdkException e, @Nullable GiveUpReason reason) {
    annotate(e);
    if (!ended.compareAndSet(false, true)) return e;
    GiveUpReason why = reason != null ? reason : reasonOf(e);
    if (why != null) {
      RetryListener.GiveUpEvent event = new RetryListener.GiveUpEvent(
          send.method(), send.url(), attempts, e, why);
      tell(() -> policies.listener.onGiveUp(event));
      Observation obs = policies.observation;
      if (obs != null && send.call() != null) obs.giveUp(send.call(), event);
    }
    return e;
  }

  private @Nullable GiveUpReason reasonOf(SdkException e) {
    if (e instanceof CircuitOpenException) return GiveUpReason.CIRCUIT_OPEN;
    if (e instanceof TransportException t) {
      if (t.kind() == TransportException.Kind.DEADLINE_EXCEEDED) {
        return GiveUpReason.DEADLINE_EXCEEDED;
      }
      if (t.kind() == TransportException.Kind.INTERRUPTED) return GiveUpReason.INTERRUPTED;
    }
    if (!RetryRules.retryableKind(e)) return null;
    return RetryRules.shouldRetry(e, request)
        ? GiveUpReason.RETRIES_EXHAUSTED : GiveUpReason.NOT_SAFE_TO_RETRY;
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

  /**
   * Whether any attempt so far may have reached the server: one that failed in a way that may
   * have, or one that has not ended with a failure (in flight, or cut short by a policy).
   */
  boolean mayHaveReachedServer() {
    synchronized (failures) {
      return attempts > failures.size() || failures.stream().anyMatch(
          f -> !(f instanceof TransportException t) || t.mayHaveReachedServer());
    }
  }

  /** Cancels the attempt in flight, if any: its OkHttp call is cancelled, queued or running. */
  void cancelInFlight() {
    CompletableFuture<?> current = inFlight;
    if (current != null) current.cancel(false);
  }

  @Nullable SdkException last() {
    synchronized (failures) {
      return failures.isEmpty() ? null : failures.get(failures.size() - 1);
    }
  }

  private TransportException deadlineExceeded(String detail, boolean inFlight) {
    Policies.Deadline d = send.deadline();
    String what = "deadline of " + (d == null ? "?" : d.timeout().toMillis() + " ms")
        + " exceeded after " + attempts + " attempt(s): " + detail;
    return new TransportException(TransportException.Kind.DEADLINE_EXCEEDED, send.method(),
        send.url(), inFlight || mayHaveReachedServer(), what, last());
  }

  private static void tell(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      RestClient.LOG.log(Level.WARNING, "RetryListener threw; ignored", e);
    }
  }
}
