package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.Json;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.net.URI;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;

/**
 * The operations of a {@link Resource} on {@link CompletableFuture}: no thread waits for the
 * network. Futures complete exceptionally with the same {@link SdkException} the sync call
 * throws (not wrapped); argument errors are thrown at once.
 *
 * <p>Cancelling a returned future stops the operation: the HTTP call in flight is cancelled, a
 * retry waiting for its backoff never runs, and an operation of several requests (the GET after
 * a 201, {@code modify}'s read and write, the GET after a {@code patch} answered 204) starts no
 * further one. A write whose request was already sent may still have been applied by the
 * server.
 *
 * <pre>{@code
 * books.async().get("42")
 *     .thenAccept(book -> System.out.println(book.title()))
 *     .exceptionally(e -> { log(e); return null; });
 * books.async().patch("42", Map.of("title", "Dune Messiah"))
 *     .thenAccept(e -> System.out.println(e.etag()));
 * }</pre>
 *
 * @param <T> the body type
 */
public final class AsyncResource<T> {
  private final Resource<T> sync;

  AsyncResource(Resource<T> sync) {
    this.sync = sync;
  }

  /** See {@link Resource#get(String)}. */
  public CompletableFuture<T> get(String id) {
    return read(sync.item("GET", id), Entity::body);
  }

  /** See {@link Resource#get(URI)}. */
  public CompletableFuture<T> get(URI uri) {
    return read(Resource.at("GET", uri), Entity::body);
  }

  /** See {@link Resource#getEntity(String)}. */
  public CompletableFuture<Entity<T>> getEntity(String id) {
    return read(sync.item("GET", id), e -> e);
  }

  /** See {@link Resource#getEntity(URI)}. */
  public CompletableFuture<Entity<T>> getEntity(URI uri) {
    return read(Resource.at("GET", uri), e -> e);
  }

  /** See {@link Resource#get(String, Query)}. */
  public CompletableFuture<T> get(String id, Query query) {
    return read(sync.item("GET", id, query), Entity::body);
  }

  /** See {@link Resource#getEntity(String, Query)}. */
  public CompletableFuture<Entity<T>> getEntity(String id, Query query) {
    return read(sync.item("GET", id, query), e -> e);
  }

  private <R> CompletableFuture<R> read(ApiRequest req, Function<Entity<T>, R> result) {
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(exchange(req, c).needBody().runAsync()
        .thenApply(r -> result.apply(Resource.ok(r))), c);
  }

  /** See {@link Resource#create(Object)}. */
  public CompletableFuture<Entity<T>> create(T body) {
    requireNonNull(body, "body == null");
    ApiRequest req = sync.post().body(body);
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(
        exchange(req, c).needBody().runAsync().thenApply(Resource::created), c);
  }

  /**
   * See {@link Resource#createIfAbsent(String, Object)}: an existing item completes the future
   * with {@link ApiException.AlreadyExists}.
   */
  public CompletableFuture<Entity<T>> createIfAbsent(String id, T body) {
    return put(sync.item("PUT", id), body, sync.target(id), true);
  }

  /** See {@link Resource#createIfAbsent(URI, Object)}. */
  public CompletableFuture<Entity<T>> createIfAbsent(URI uri, T body) {
    return put(Resource.at("PUT", uri), body, uri, true);
  }

  /** See {@link Resource#update(String, Object)}. */
  public CompletableFuture<Entity<T>> update(String id, T body) {
    return put(sync.item("PUT", id), body, sync.target(id), false);
  }

  /** See {@link Resource#update(URI, Object)}. */
  public CompletableFuture<Entity<T>> update(URI uri, T body) {
    return put(Resource.at("PUT", uri), body, uri, false);
  }

  /**
   * See {@link Resource#update(Entity)}; a weak ETag completes the future with
   * {@link WeakEtagException}.
   */
  public CompletableFuture<Entity<T>> update(Entity<T> entity) {
    requireNonNull(entity, "entity == null");
    T body = requireNonNull(entity.body(), "body == null");
    return onEntity("PUT", entity, put -> write(put.body(body), body, entity.uri()));
  }

  private CompletableFuture<Entity<T>> put(ApiRequest put, T body, URI target,
      boolean createOnly) {
    requireNonNull(body, "body == null");
    return write(createOnly ? put.body(body).ifNoneMatchAny() : put.body(body), body, target);
  }

  private CompletableFuture<Entity<T>> write(ApiRequest req, T sent, URI target) {
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(exchange(req, c).runAsync()
        .thenApply(r -> Resource.written(r, sent, target, req.method())), c);
  }

  /** See {@link Resource#patch(String, Object)}; the GET after a 204 is part of the future. */
  public CompletableFuture<Entity<T>> patch(String id, Object changes) {
    return patch(sync.item("PATCH", id), sync.item("GET", id), changes);
  }

  /** See {@link Resource#patch(URI, Object)}. */
  public CompletableFuture<Entity<T>> patch(URI uri, Object changes) {
    return patch(Resource.at("PATCH", uri), Resource.at("GET", uri), changes);
  }

  /**
   * See {@link Resource#patch(Entity, Object)}; a weak ETag completes the future with
   * {@link WeakEtagException}.
   */
  public CompletableFuture<Entity<T>> patch(Entity<T> entity, Object changes) {
    requireNonNull(entity, "entity == null");
    ApiRequest read = Resource.at("GET", entity.uri());
    ApiRequest.checkMergePatch(changes); // thrown at once, before the ETag is looked at
    return onEntity("PATCH", entity, patch -> patch(patch, read, changes));
  }

  /** The PATCH, then, after an answer without the entity, its GET on the same cancellation. */
  private CompletableFuture<Entity<T>> patch(ApiRequest patch, ApiRequest read, Object changes) {
    ApiRequest req = patch.mergePatch(changes);
    Cancellation c = new Cancellation();
    ConditionalLayer.Partition p = sync.client().conditional.partition();
    return Exchange.unwrapped(exchange(req, c).partition(p).runAsync().thenCompose(r -> {
      Entity<T> e = Resource.patched(r);
      return e != null ? CompletableFuture.completedFuture(e)
          : exchange(read, c).partition(p).needBody().bypassCache().runAsync()
              .thenApply(Resource::ok);
    }), c);
  }

  /**
   * See {@link Resource#follow(Entity, String, Class)}; a missing link is thrown at once, as an
   * argument error.
   */
  public <U> CompletableFuture<Entity<U>> follow(Entity<?> from, String rel, Class<U> type) {
    requireNonNull(type, "type == null");
    return follow(from, rel, (java.lang.reflect.Type) java.util.Objects.requireNonNull(type, "type == null"));
  }

  /** See {@link Resource#follow(Entity, String, TypeRef)}. */
  public <U> CompletableFuture<Entity<U>> follow(Entity<?> from, String rel, TypeRef<U> type) {
    requireNonNull(type, "type == null");
    return follow(from, rel, TypeRefs.type(type));
  }

  private <U> CompletableFuture<Entity<U>> follow(Entity<?> from, String rel,
      java.lang.reflect.Type type) {
    Exchange<U> read = Follow.read(sync.client(), from, rel, type); // a missing link: thrown
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(read.cancellation(c).runAsync().thenApply(Resource::ok), c);
  }

  /** See {@link Resource#delete(String)}. */
  public CompletableFuture<Void> delete(String id) {
    return delete(sync.item("DELETE", id));
  }

  /** See {@link Resource#delete(URI)}. */
  public CompletableFuture<Void> delete(URI uri) {
    return delete(Resource.at("DELETE", uri));
  }

  /**
   * See {@link Resource#delete(Entity)}; a weak ETag completes the future with
   * {@link WeakEtagException}.
   */
  public CompletableFuture<Void> delete(Entity<T> entity) {
    return onEntity("DELETE", entity, this::delete);
  }

  private CompletableFuture<Void> delete(ApiRequest req) {
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(new Exchange<Void>(sync.client(), sync.path(), req, sync.voidType())
        .cancellation(c).runAsync().thenApply(r -> null), c);
  }

  /**
   * A write to an entity's URI with its If-Match: a weak ETag fails the future rather than
   * being thrown, as it depends on what the server sent, not on the caller's arguments.
   */
  private static <R> CompletableFuture<R> onEntity(String method, Entity<?> entity,
      Function<ApiRequest, CompletableFuture<R>> then) {
    ApiRequest req;
    try {
      req = Resource.onEntity(method, entity);
    } catch (WeakEtagException e) {
      return CompletableFuture.failedFuture(e);
    }
    return then.apply(req);
  }

  /** See {@link Resource#modify(String, UnaryOperator)}. */
  public CompletableFuture<Entity<T>> modify(String id, UnaryOperator<T> change) {
    return modify(sync.item("GET", id), null, change);
  }

  /** See {@link Resource#modify(URI, UnaryOperator)}. */
  public CompletableFuture<Entity<T>> modify(URI uri, UnaryOperator<T> change) {
    return modify(Resource.at("GET", uri), null, change);
  }

  /**
   * See {@link Resource#modify(Entity, UnaryOperator)}; an entity without an ETag, or with a
   * weak one, completes the future with the exception the sync call throws.
   */
  public CompletableFuture<Entity<T>> modify(Entity<T> entity, UnaryOperator<T> change) {
    requireNonNull(entity, "entity == null");
    return modify(Resource.at("GET", entity.uri()), entity, change);
  }

  /** One cancellation for the whole read-modify-write: cancelling stops the step in flight. */
  private CompletableFuture<Entity<T>> modify(ApiRequest read, @Nullable Entity<T> start,
      UnaryOperator<T> change) {
    requireNonNull(change, "change == null");
    Cancellation c = new Cancellation();
    // Read here, on the caller's thread: the later steps run on the HTTP client's threads.
    ConditionalLayer.Partition p = sync.client().conditional.partition();
    CompletableFuture<Entity<T>> first = start != null ? CompletableFuture.completedFuture(start)
        : exchange(read, c).partition(p).needBody().runAsync().thenApply(Resource::ok);
    return Exchange.unwrapped(first.thenCompose(e -> attempt(read, change, e, 1, c, p)), c);
  }

  private CompletableFuture<Entity<T>> attempt(ApiRequest read, UnaryOperator<T> change,
      Entity<T> current, int attempt, Cancellation c, ConditionalLayer.Partition p) {
    T next = requireNonNull(change.apply(current.body()), "change returned null");
    CompletableFuture<Entity<T>> result = new CompletableFuture<>();
    exchange(sync.modifyPut(current, next), c).partition(p).runAsync()
        .whenComplete((r, error) -> {
          if (error == null) {
            try {
              result.complete(Resource.written(r, next, current.uri(), "PUT"));
            } catch (RuntimeException e) {
              result.completeExceptionally(e);
            }
          } else if (lostToAnotherWrite(Exchange.unwrap(error))
              && attempt < sync.client().modifyAttempts) {
            ApiException lost = (ApiException) Exchange.unwrap(error);
            c.track(sync.client().modifyBackoff.after(attempt)) // no thread waits
                .thenCompose(waited -> exchange(read, c).partition(p).needBody().bypassCache().runAsync())
                .thenCompose(fresh -> {
                  Entity<T> again = Resource.ok(fresh);
                  if (Resource.realConflict(lost, current, again)) {
                    lost.attempts(attempt);
                    return CompletableFuture.<Entity<T>>failedFuture(lost);
                  }
                  return attempt(read, change, again, attempt + 1, c, p);
                })
                .whenComplete((v, e) -> {
                  if (e == null) result.complete(v);
                  else result.completeExceptionally(Exchange.unwrap(e));
                });
          } else {
            Throwable cause = Exchange.unwrap(error);
            if (lostToAnotherWrite(cause)) ((ApiException) cause).attempts(attempt);
            result.completeExceptionally(cause);
          }
        });
    return result;
  }

  /** A 412, or a 409 that a re-read may show to be a lost race: see {@link Resource#modify}. */
  private static boolean lostToAnotherWrite(Throwable e) {
    return e instanceof ApiException.PreconditionFailed || e instanceof ApiException.Conflict;
  }

  // ------------------------------------------------------------- lists and pages

  /** See {@link Resource#list()}. */
  public CompletableFuture<Page<T>> list() {
    return list(Query.of());
  }

  /** See {@link Resource#list(Query)}. */
  public CompletableFuture<Page<T>> list(Query query) {
    Pages.Fetch f = Pages.first(sync, query);
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(f.exchange().cancellation(c).runAsync()
        .thenApply(r -> Pages.read(sync, f, r)), c);
  }

  /**
   * See {@link Resource#next(Page)}: a loop or a refused origin completes the future with
   * {@link PagingException}, sending nothing.
   */
  public CompletableFuture<Optional<Page<T>>> next(Page<T> page) {
    Pages.Fetch f;
    try {
      f = Pages.after(sync, page);
    } catch (PagingException e) {
      return CompletableFuture.failedFuture(e);
    }
    if (f == null) return CompletableFuture.completedFuture(Optional.empty());
    Cancellation c = new Cancellation();
    return Exchange.unwrapped(f.exchange().cancellation(c).runAsync()
        .thenApply(r -> Optional.of(Pages.read(sync, f, r))), c);
  }

  /** Every item of the collection; see {@link #forEach(Query, Consumer)}. */
  public CompletableFuture<Void> forEach(Consumer<? super T> action) {
    return forEach(Query.of(), action);
  }

  /**
   * Hands every item of the collection to {@code action}, page after page, without a thread
   * waiting for the network: the next page is requested once {@code action} has seen every item
   * of the current one. {@code action} runs on the thread that completed the page's fetch (an
   * HTTP client thread), one item at a time, in order; it should not block.
   *
   * <p>The future completes when the last page is done, or exceptionally with the first failure:
   * a page that cannot be fetched or decoded, a {@link PagingException}, or what
   * {@code action} threw (no further page is fetched). Cancelling it cancels the fetch in flight
   * and fetches no further page.
   *
   * <pre>{@code
   * books.async().forEach(Query.of("author", "Le Guin"), index::add)
   *     .thenRun(() -> log.info("indexed"));
   * }</pre>
   *
   * @throws NullPointerException if {@code query} or {@code action} is null
   */
  public CompletableFuture<Void> forEach(Query query, Consumer<? super T> action) {
    requireNonNull(action, "action == null");
    Pages.Fetch first = Pages.first(sync, query);
    Cancellation c = new Cancellation();
    // Read here, on the caller's thread: later pages are requested from the HTTP client's.
    ConditionalLayer.Partition p = sync.client().conditional.partition();
    CompletableFuture<Void> done = new CompletableFuture<>();
    fetchAll(first, action, c, p, done, Thread.currentThread());
    return Exchange.unwrapped(done, c);
  }

  /**
   * Fetches the page of {@code f}, hands over its items, then the next page, until the last.
   *
   * @param caller the thread that called {@link #forEach}, for the first page (null after): a
   *     fetch that completed before its continuation was attached would otherwise run the action
   *     on it, inside {@code forEach}
   */
  private void fetchAll(Pages.Fetch f, Consumer<? super T> action, Cancellation c,
      ConditionalLayer.Partition p, CompletableFuture<Void> done, @Nullable Thread caller) {
    if (c.isCancelled()) {
      done.cancel(false);
      return;
    }
    CompletableFuture<ApiResponse<Json.Doc>> fetch =
        f.exchange().cancellation(c).partition(p).runAsync();
    BiConsumer<ApiResponse<Json.Doc>, Throwable> onPage = (r, error) -> {
      if (error != null) {
        done.completeExceptionally(Exchange.unwrap(error));
        return;
      }
      Pages.Fetch next;
      try {
        Page<T> page = Pages.read(sync, f, r);
        for (T item : page.items()) {
          if (c.isCancelled()) {
            done.cancel(false);
            return;
          }
          action.accept(item);
        }
        next = Pages.after(sync, page);
      } catch (Throwable t) {
        done.completeExceptionally(t);
        return;
      }
      if (next == null) done.complete(null);
      else fetchAll(next, action, c, p, done, null);
    };
    if (caller == null) {
      fetch.whenComplete(onPage);
    } else {
      fetch.whenCompleteAsync(onPage, offThread(caller, sync.client().okHttp.dispatcher()
          .executorService()));
    }
  }

  /**
   * Runs a task where it is handed over, unless that is on {@code caller}: then on
   * {@code executor} (or, should it refuse, where it is after all).
   */
  static Executor offThread(Thread caller, Executor executor) {
    return task -> {
      if (Thread.currentThread() != caller) {
        task.run();
        return;
      }
      try {
        executor.execute(task);
      } catch (RejectedExecutionException e) {
        task.run(); // the client is closing: the walk still ends, with the page's outcome
      }
    };
  }

  private Exchange<T> exchange(ApiRequest request, Cancellation c) {
    return new Exchange<T>(sync.client(), sync.path(), request, sync.type()).cancellation(c);
  }

  @Override
  public String toString() {
    return "Async" + sync;
  }
}
