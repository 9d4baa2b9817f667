package io.restsdk.core;

import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * What one asynchronous operation is waiting on, so that cancelling the future the caller holds
 * stops it: the HTTP call in flight (cancelling its future cancels the OkHttp call) and a retry
 * that is scheduled. An operation of several requests ({@code modify}, a 201 followed
 * by a GET) shares one instance across them; once cancelled, no further request starts.
 */
final class Cancellation {
  private final Set<CompletableFuture<?>> live = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  /** Makes cancelling {@code future} cancel this operation; returns {@code future}. */
  <F extends CompletableFuture<?>> F cancelledBy(F future) {
    future.whenComplete((v, e) -> {
      if (future.isCancelled()) cancel();
    });
    return future;
  }

  /** Cancels {@code step} when this operation is cancelled (at once, if it already is). */
  <X> CompletableFuture<X> track(CompletableFuture<X> step) {
    if (step.isDone()) return step;
    live.add(step);
    step.whenComplete((v, e) -> live.remove(step));
    if (cancelled) step.cancel(false); // cancel() may have run before the add: check after it
    return step;
  }

  /**
   * {@code source} mapped by {@code f}, on {@code executor} when there is one (else on the
   * thread that completes {@code source}); unlike {@code thenApply}, cancelling the result
   * cancels {@code source}, so a deadline that cancels an attempt reaches its OkHttp call.
   */
  static <A, B> CompletableFuture<B> map(CompletableFuture<A> source,
      Function<? super A, ? extends B> f, @Nullable Executor executor) {
    CompletableFuture<B> out = executor == null
        ? source.thenApply(f) : source.thenApplyAsync(f, executor);
    out.whenComplete((v, e) -> {
      if (out.isCancelled()) source.cancel(false);
    });
    return out;
  }

  boolean isCancelled() {
    return cancelled;
  }

  void cancel() {
    cancelled = true;
    for (CompletableFuture<?> f : live) f.cancel(false);
  }
}
