package io.restsdk.core.properties;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/** The sync or the async path of the same operation. */
enum Path {
  SYNC,
  ASYNC;

  /**
   * Runs {@code sync} or waits for {@code async}. The async failure is what the future failed
   * with, unwrapped once from {@link ExecutionException} only: a {@code CompletionException}
   * around it is kept, so a property sees it as the undocumented outcome it is.
   */
  <T> Outcome run(Supplier<T> sync, Supplier<CompletableFuture<T>> async) {
    if (this == SYNC) return Outcome.of(sync);
    return Outcome.of(() -> {
      CompletableFuture<T> f = async.get();
      try {
        return f.get(30, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw new Rethrown(e.getCause());
      } catch (InterruptedException | TimeoutException e) {
        throw new AssertionError("the future did not complete", e);
      }
    });
  }

  /** Carries an async failure of any type (checked included) out of a supplier. */
  static final class Rethrown extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Rethrown(Throwable cause) {
      super(null, cause, false, false);
    }
  }
}
