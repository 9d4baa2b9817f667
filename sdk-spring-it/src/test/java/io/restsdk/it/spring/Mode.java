package io.restsdk.it.spring;

import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.UnaryOperator;

/** Runs the same operation on the sync or the async path, so every test covers both. */
enum Mode {
  SYNC,
  ASYNC;

  <T> Entity<T> getEntity(Resource<T> r, String id) {
    return this == SYNC ? r.getEntity(id) : join(r.async().getEntity(id));
  }

  <T> Entity<T> create(Resource<T> r, T body) {
    return this == SYNC ? r.create(body) : join(r.async().create(body));
  }

  <T> Entity<T> update(Resource<T> r, String id, T body) {
    return this == SYNC ? r.update(id, body) : join(r.async().update(id, body));
  }

  <T> Entity<T> update(Resource<T> r, Entity<T> e) {
    return this == SYNC ? r.update(e) : join(r.async().update(e));
  }

  <T> void delete(Resource<T> r, String id) {
    if (this == SYNC) r.delete(id);
    else join(r.async().delete(id));
  }

  <T> Entity<T> modify(Resource<T> r, String id, UnaryOperator<T> f) {
    return this == SYNC ? r.modify(id, f) : join(r.async().modify(id, f));
  }

  /** Waits for the future; rethrows its failure as the sync path would throw it. */
  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(60, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new AssertionError(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
