package io.restsdk.testkit.core;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** One operation on the sync or the async path, for tests that run both. */
final class Calls {
  private Calls() {}

  /** The sync call, or the async one awaited with its failure unwrapped. */
  static <T> T call(boolean async, Supplier<T> sync, Supplier<CompletableFuture<T>> later) {
    if (!async) return sync.get();
    try {
      return later.get().get(10, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new AssertionError(e.getCause());
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
