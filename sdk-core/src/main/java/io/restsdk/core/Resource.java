package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.Type;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A typed view of one collection, e.g. {@code books}: read, create, update, patch and delete its
 * items, with the ETag cache and {@code Location} following done for you.
 *
 * <p>Every operation on one item comes in the same forms: by id ({@code books/{id}}), by
 * absolute {@link URI} (a {@code Location} or link a server returned, for servers whose item
 * URIs are not {@code collection/id}), and, for writes, by the {@link Entity} that was read
 * (written to its {@link Entity#uri()} with {@code If-Match} set to its ETag). Writes return the
 * {@link Entity} written (see {@link #update(String, Object)} for what it holds).
 *
 * <p>Immutable and thread-safe. Ids are sent as one path segment; {@code ""}, {@code .},
 * {@code ..} and ids holding {@code /} or {@code \} are refused before any request. A URI must
 * be absolute http(s); credentials go with it only to the base URL's origin.
 *
 * <pre>{@code
 * Resource<Book> books = client.resource("books", Book.class);
 * Entity<Book> made = books.create(new Book("Dune", authorUri)); // POST → 201 → GET Location
 * Book b = books.get("42");                                      // 200, or the cache after 304
 * Entity<Book> e = books.update(made.withBody(made.body().withTitle("Dune Messiah"))); // If-Match
 * books.patch(e, Map.of("year", 1969));                          // JSON merge patch, If-Match
 * books.createIfAbsent("isbn-0441013597", dune);                 // PUT If-None-Match: *
 * Entity<Book> done = books.modify("42", x -> x.withTitle("T")); // re-done if another write won
 * books.delete(done);                                            // 204
 * }</pre>
 *
 * @param <T> the body type
 */
public final class Resource<T> {
  /** Encodes an id as one path segment with OkHttp's rules. */
  private static final HttpUrl SEGMENT_BASE = HttpUrl.get("http://h/");

  private final RestClient client;
  private final String collection;
  /** {@code POST} to the collection, checked once. */
  private final ApiRequest post;
  /** The collection path and a slash: an item's path is this and its id's segment. */
  private final String itemPrefix;
  private final Type type;
  private final AsyncResource<T> async;
  private final Paging paging;

  Resource(RestClient client, String collection, Type type) {
    this(client, collection, type, Paging.defaults());
  }

  Resource(RestClient client, String collection, Type type, Paging paging) {
    this.client = client;
    this.collection = collection;
    this.type = type;
    this.paging = paging;
    this.post = ApiRequest.checked("POST", collection);
    this.itemPrefix = collection + "/";
    this.async = new AsyncResource<>(this);
  }

  // ------------------------------------------------------------------------------ reads

  /**
   * Reads item {@code id}: a 200 body, or the cached one after a 304.
   *
   * @throws ApiException.NotFound if there is no such item (and every other failing status)
   * @throws ApiException.ContractViolation if the answer is a success without a body (201, 202,
   *     204, 205, …), in every contract mode
   * @throws RedirectException if a redirect is not followed (see
   *     {@link RestClient.Builder#followRedirects(boolean)})
   * @throws IllegalArgumentException if {@code id} is empty, {@code .}, {@code ..} or holds
   *     {@code /}
   */
  public T get(String id) {
    return getEntity(id).body();
  }

  /**
   * Reads the item at {@code uri}, e.g. a {@code Location} or a link; see {@link #get(String)}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public T get(URI uri) {
    return getEntity(uri).body();
  }

  /** Reads item {@code id} with its ETag, status, headers and URI. See {@link #get(String)}. */
  public Entity<T> getEntity(String id) {
    return ok(new Exchange<T>(client, collection, item("GET", id), type).needBody().run());
  }

  /** Reads the item at {@code uri} with its ETag, status, headers; see {@link #get(URI)}. */
  public Entity<T> getEntity(URI uri) {
    return ok(new Exchange<T>(client, collection, at("GET", uri), type).needBody().run());
  }

  /**
   * Reads item {@code id} with query parameters, e.g.
   * {@code books.get("42", Query.of("lang", "fr"))} for {@code GET books/42?lang=fr}. The ETag
   * cache keeps each query's answer apart. See {@link #get(String)}.
   *
   * @throws NullPointerException if {@code query} is null
   */
  public T get(String id, Query query) {
    return getEntity(id, query).body();
  }

  /** {@link #getEntity(String)} with query parameters; see {@link #get(String, Query)}. */
  public Entity<T> getEntity(String id, Query query) {
    return ok(new Exchange<T>(client, collection, item("GET", id, query), type).needBody().run());
  }

  // ------------------------------------------------------------------------------ writes

  /**
   * Creates an item: POST to the collection; the 201's {@code Location} is followed with a GET
   * and the created entity returned, with status 201 (and the ETag and headers of the GET). In
   * lenient mode a 201 that carries the created item as JSON is used instead, without the GET
   * (its ETag and headers; a body that does not decode falls back to the GET).
   *
   * @throws ApiException.ContractViolation if the 201 has no usable {@code Location} (the
   *     message says the POST succeeded; nothing is read back), or, in strict mode, has a body
   *     (the message says the POST succeeded), or the answer is a 202 (accepted,
   *     not created yet; its headers hold any {@code Location}) or a 2xx without a body (the item was created, but there is no entity to
   *     return)
   * @throws LocationNotFollowedException if the item was created but not read back: its
   *     {@code Location} is on another origin and the client does not follow those, or the GET
   *     of it failed (the cause); do not create it again, {@code location()} says where it is
   */
  public Entity<T> create(T body) {
    requireNonNull(body, "body == null");
    ApiResponse<T> r = new Exchange<T>(client, collection, post.body(body), type).needBody().run();
    return created(r);
  }

  /**
   * Creates item {@code id} unless it exists: PUT with {@code If-None-Match: *} (RFC 9110
   * §13.1.2), so two clients creating the same id never overwrite each other. No
   * {@code If-Match} is added from the ETag cache. A 201 (its {@code Location} is followed as
   * for {@link #create}), 200 or 204 is success; the entity is as for
   * {@link #update(String, Object)}.
   *
   * @throws ApiException.AlreadyExists (a {@link ApiException.PreconditionFailed}) if the item
   *     exists: the server answered 412 and nothing was written. The ETag cache is left as it
   *     was.
   * @throws IllegalArgumentException for a bad id
   */
  public Entity<T> createIfAbsent(String id, T body) {
    return put(item("PUT", id), body, target(id), true);
  }

  /**
   * {@link #createIfAbsent(String, Object)} for the item at {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public Entity<T> createIfAbsent(URI uri, T body) {
    return put(at("PUT", uri), body, uri, true);
  }

  /**
   * Replaces item {@code id}: PUT, with {@code If-Match} from the ETag cache when it holds the
   * item with a strong ETag (see {@link RestClient.Builder#conditionalWrites(boolean)}); with a
   * weak one the write is unconditional (see {@link ETag}).
   *
   * <p>The entity returned, for every write ({@code createIfAbsent}, {@code update},
   * {@code modify}): the server's representation when the answer has a body (a 200; a 201
   * whose {@code Location} was read back); for a 204, or another 2xx without a body (a 200
   * with an empty body too), the value sent, with that answer's status and headers, its
   * {@code ETag} when it sent a valid one (a malformed one is left out), and the item's URI.
   * The ETag then tags what the server stored, which may differ from what was sent (defaults,
   * normalization): it is never put in the ETag cache, whose entry for the item every write
   * evicts, but it makes a following {@link #update(Entity)} conditional.
   *
   * @throws ApiException.PreconditionFailed if the item changed since it was cached
   */
  public Entity<T> update(String id, T body) {
    return put(item("PUT", id), body, target(id), false);
  }

  /**
   * {@link #update(String, Object)} for the item at {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public Entity<T> update(URI uri, T body) {
    return put(at("PUT", uri), body, uri, false);
  }

  /**
   * Replaces the item an entity was read from, at its {@link Entity#uri()}, with
   * {@code If-Match: entity.etag()} (when it has one): a concurrent change surfaces as
   * {@link ApiException.PreconditionFailed}. An entity without an ETag is written
   * unconditionally.
   *
   * @return as {@link #update(String, Object)}
   * @throws WeakEtagException if the entity's ETag is weak: If-Match compares strongly, so the
   *     write would always fail; nothing is sent (see {@link ETag})
   * @throws ApiException.PreconditionFailed if the item changed since the entity was read
   */
  public Entity<T> update(Entity<T> entity) {
    ApiRequest put = onEntity("PUT", entity).body(requireNonNull(entity.body(), "body == null"));
    return written(new Exchange<T>(client, collection, put, type).run(), entity.body(), entity.uri(), "PUT");
  }

  private Entity<T> put(ApiRequest put, T body, URI target, boolean createOnly) {
    requireNonNull(body, "body == null");
    ApiRequest req = createOnly ? put.body(body).ifNoneMatchAny() : put.body(body);
    return written(new Exchange<T>(client, collection, req, type).run(), body, target, "PUT");
  }

  /**
   * Changes some members of item {@code id}: PATCH with a JSON merge patch (RFC 7396,
   * {@code application/merge-patch+json}) of {@code changes}, with {@code If-Match} from the
   * ETag cache as for {@link #update(String, Object)}. See {@link ApiRequest#mergePatch(Object)}
   * for what {@code changes} may be: a {@code Map} or {@code ObjectNode}, whose {@code null}
   * values remove members, or a partial object, whose {@code null} members are left out.
   *
   * <pre>{@code
   * Map<String, Object> changes = new HashMap<>();
   * changes.put("title", "Dune Messiah");
   * changes.put("subtitle", null);                    // removes "subtitle"
   * Entity<Book> now = books.patch("42", changes);
   * }</pre>
   *
   * <p>A merge patch holds only what changes, so a 204 (or another 2xx without a body) says
   * nothing about the rest of the item: the item is then read back with a second request, a
   * GET that bypasses the ETag cache, and that is what is returned. A 200 with a body is
   * returned as the new representation without it. For RFC 6902 JSON Patch, send
   * {@link ApiRequest#jsonPatch(JsonPatch)} with {@link RestClient#send}.
   *
   * @return the item as it is after the patch
   * @throws ApiException.PreconditionFailed if the item changed since it was cached
   * @throws IllegalArgumentException for a bad id, or {@code changes} that is no JSON object
   *     (see {@link ApiRequest#mergePatch(Object)})
   */
  public Entity<T> patch(String id, Object changes) {
    return patch(item("PATCH", id), item("GET", id), changes);
  }

  /**
   * {@link #patch(String, Object)} for the item at {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public Entity<T> patch(URI uri, Object changes) {
    return patch(at("PATCH", uri), at("GET", uri), changes);
  }

  /**
   * {@link #patch(String, Object)} for the item an entity was read from, at its
   * {@link Entity#uri()}, with {@code If-Match: entity.etag()} (when it has one).
   *
   * @throws WeakEtagException if the entity's ETag is weak; nothing is sent
   * @throws ApiException.PreconditionFailed if the item changed since the entity was read
   */
  public Entity<T> patch(Entity<T> entity, Object changes) {
    return patch(onEntity("PATCH", entity), at("GET", entity.uri()), changes);
  }

  private Entity<T> patch(ApiRequest patch, ApiRequest read, Object changes) {
    ApiRequest req = patch.mergePatch(changes);
    Entity<T> e = patched(new Exchange<T>(client, collection, req, type).run());
    return e != null ? e : ok(new Exchange<T>(client, collection, read, type).needBody().bypassCache().run());
  }

  /**
   * Deletes item {@code id}, with {@code If-Match} from the ETag cache when it holds the item.
   *
   * @throws ApiException.NotFound if there is no such item
   * @throws ApiException.Conflict if other resources still refer to it
   */
  public void delete(String id) {
    new Exchange<Void>(client, collection, item("DELETE", id), voidType()).run();
  }

  /**
   * {@link #delete(String)} for the item at {@code uri}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public void delete(URI uri) {
    new Exchange<Void>(client, collection, at("DELETE", uri), voidType()).run();
  }

  /**
   * Deletes the item an entity was read from, at its {@link Entity#uri()}, with
   * {@code If-Match: entity.etag()} (when it has one).
   *
   * @throws WeakEtagException if the entity's ETag is weak; nothing is sent
   * @throws ApiException.PreconditionFailed if the item changed since the entity was read
   */
  public void delete(Entity<T> entity) {
    new Exchange<Void>(client, collection, onEntity("DELETE", entity), voidType()).run();
  }

  /**
   * Read-modify-write: GET (through the cache), apply {@code change}, PUT with {@code If-Match}.
   * A write lost to a concurrent change is done again: after a short random wait (see
   * {@link RestClient.Builder#modifyBackoff}) the item is read again, bypassing the cache, and
   * {@code change} applied to what was read, up to {@link RestClient.Builder#modifyAttempts(int)}
   * attempts in all. A write is lost to a concurrent change when it gets
   * <ul>
   *   <li>412: the {@code If-Match} ETag was stale;
   *   <li>409, and the item read again has another ETag than the one the write was based on:
   *       the server let the {@code If-Match} through and then lost its own version check to
   *       another write. If the ETag has not moved, the 409 is a real conflict and is thrown at
   *       once, after that one read.
   * </ul>
   * Any other failure ends at once.
   *
   * @param change a function of the current value to the new one; may run more than once, so it
   *     must not have side effects it cannot repeat
   * @return the entity written, as for {@link #update(String, Object)}: the server's
   *     representation if the PUT returned one, else the value written with the answer's ETag
   * @throws ApiException.PreconditionFailed after the last attempt, with {@code attempts()} set
   * @throws ApiException.Conflict on a real conflict, or after the last attempt
   * @throws ApiException.ContractViolation if the item has no ETag to make the write conditional
   * @throws WeakEtagException if the item's ETag is weak: If-Match compares strongly, so the
   *     write would always fail; nothing is written (see {@link ETag})
   * @throws TransportException of kind {@code INTERRUPTED} if the thread is interrupted while
   *     waiting to try again (the interrupt flag is set again)
   */
  public Entity<T> modify(String id, UnaryOperator<T> change) {
    return modify(item("GET", id), null, change);
  }

  /**
   * {@link #modify(String, UnaryOperator)} for the item at {@code uri}, e.g. an
   * {@link Entity#uri()} or a {@code Location} a server returned, for servers whose item
   * URIs are not {@code collection/id}.
   *
   * @throws IllegalArgumentException if {@code uri} is not an absolute http(s) URI
   */
  public Entity<T> modify(URI uri, UnaryOperator<T> change) {
    return modify(at("GET", uri), null, change);
  }

  /**
   * {@link #modify(String, UnaryOperator)} starting from an entity already read: the first
   * attempt applies {@code change} to its body and writes to its {@link Entity#uri()} with
   * {@code If-Match: entity.etag()}, without a GET; a lost write reads the item again from
   * there.
   *
   * @throws ApiException.ContractViolation if the entity has no ETag
   * @throws WeakEtagException if its ETag is weak; nothing is written
   */
  public Entity<T> modify(Entity<T> entity, UnaryOperator<T> change) {
    requireNonNull(entity, "entity == null");
    return modify(at("GET", entity.uri()), entity, change);
  }

  private Entity<T> modify(ApiRequest read, @Nullable Entity<T> start, UnaryOperator<T> change) {
    requireNonNull(change, "change == null");
    Entity<T> current = start != null ? start
        : ok(new Exchange<T>(client, collection, read, type).needBody().run());
    for (int attempt = 1; ; attempt++) {
      T next = requireNonNull(change.apply(current.body()), "change returned null");
      ApiException lost;
      try {
        ApiResponse<T> r = new Exchange<T>(client, collection, modifyPut(current, next), type).run();
        return written(r, next, current.uri(), "PUT");
      } catch (ApiException.PreconditionFailed | ApiException.Conflict e) {
        lost = e;
      }
      if (attempt >= client.modifyAttempts) {
        lost.attempts(attempt);
        throw lost;
      }
      client.modifyBackoff.sleep(attempt, lost);
      Entity<T> fresh = ok(new Exchange<T>(client, collection, read, type).needBody().bypassCache().run());
      if (realConflict(lost, current, fresh)) {
        lost.attempts(attempt);
        throw lost;
      }
      current = fresh;
    }
  }

  /**
   * A 409 to a write whose item has not changed since it was read is a real conflict; after a
   * 409 whose item's ETag moved, the write lost a race with another one and may be done again.
   */
  static boolean realConflict(ApiException lost, Entity<?> read, Entity<?> readAgain) {
    return lost instanceof ApiException.Conflict
        && java.util.Objects.equals(read.etag(), readAgain.etag());
  }

  /**
   * Reads the resource an entity links to: a GET of the target of {@code from}'s first link of
   * relation {@code rel} (its {@code Link} headers', then its body's: HAL {@code _links},
   * JSON:API {@code links}), through the ETag cache like {@link #getEntity(String)}. The link may
   * lead anywhere, not only into this collection.
   *
   * <p>Credentials go only to the base URL's origin: a link to another origin is read without
   * them, as a redirect there is followed (see {@link RestClient.Builder#followRedirects}). A
   * templated link is read with its {@code {...}} expressions removed.
   *
   * <pre>{@code
   * Entity<Book> book = books.getEntity("42");
   * Entity<Author> author = books.follow(book, "author", Author.class);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code from} has no link of relation {@code rel} (the
   *     message names those it has); nothing is sent
   * @throws ApiException for a failing status, as {@link #get(String)}
   */
  public <U> Entity<U> follow(Entity<?> from, String rel, Class<U> type) {
    requireNonNull(type, "type == null");
    return follow(from, rel, (Type) requireNonNull(type, "type == null"));
  }

  /** {@link #follow(Entity, String, Class)} for a generic body type. */
  public <U> Entity<U> follow(Entity<?> from, String rel, TypeRef<U> type) {
    requireNonNull(type, "type == null");
    return follow(from, rel, TypeRefs.type(type));
  }

  private <U> Entity<U> follow(Entity<?> from, String rel, Type type) {
    return ok(Follow.<U>read(client, from, rel, type).run());
  }

  /** The same operations, without blocking. */
  public AsyncResource<T> async() {
    return async;
  }

  /** The URI of item {@code id}. @throws IllegalArgumentException for a bad id */
  public URI uri(String id) {
    return itemUrl(id).uri();
  }

  /** The collection's path relative to the base URL. */
  public String path() {
    return collection;
  }

  @Override
  public String toString() {
    return "Resource{" + collection + ", " + type.getTypeName() + "}";
  }

  // ------------------------------------------------------------- lists and pages

  /**
   * The first page of the collection: {@code GET collection}. See {@link #list(Query)}.
   */
  public Page<T> list() {
    return list(Query.of());
  }

  /**
   * The first page of the collection: {@code GET collection?query}, through the ETag cache like
   * any read (a page the cache holds is revalidated with {@code If-None-Match}). Where the items
   * and the next page are is described at {@link Page} and {@link Paging}.
   *
   * @throws DecodeException if the body is no JSON array or object, holds no recognizable list
   *     of items (the message says what to give {@link Paging#itemsAt(String)}), or an item does
   *     not fit the type
   * @throws ApiException for a failing status, as {@link #get(String)}
   * @throws NullPointerException if {@code query} is null
   */
  public Page<T> list(Query query) {
    Pages.Fetch f = Pages.first(this, query);
    return Pages.read(this, f, f.exchange().run());
  }

  /**
   * The page after {@code page}, or empty when {@code page} is the last.
   *
   * <p>A next link on another origin than the base URL's is fetched without credentials, and
   * so is every later page of that listing, when the client follows cross-origin redirects
   * (the default, see {@link RestClient.Builder#followCrossOriginRedirects(boolean)}), and
   * refused otherwise.
   *
   * @throws PagingException if the next page is one this listing already fetched (a loop: the
   *     same URL, or the same cursor token), or is on another origin the client does not go to
   * @throws DecodeException as {@link #list(Query)}
   */
  public Optional<Page<T>> next(Page<T> page) {
    Pages.Fetch f = Pages.after(this, page);
    return f == null ? Optional.empty() : Optional.of(Pages.read(this, f, f.exchange().run()));
  }

  /** Every item of the collection; see {@link #stream(Query)}. */
  public Stream<T> stream() {
    return stream(Query.of());
  }

  /**
   * Every item of the collection, page after page, lazily: nothing is sent until the stream is
   * consumed, and the next page is fetched only when the items of the current one are used up,
   * so at most two pages are held at once. A failure to fetch a page (including a
   * {@link PagingException} for a loop) is thrown by the stream operation that needed it.
   *
   * <pre>{@code
   * long n = books.stream(Query.of("author", "Le Guin")).filter(Book::inPrint).count();
   * }</pre>
   *
   * @throws NullPointerException if {@code query} is null
   */
  public Stream<T> stream(Query query) {
    Iterator<T> items = new Pages.Items<>(this, query);
    return StreamSupport.stream(Spliterators.spliteratorUnknownSize(items,
        Spliterator.ORDERED | Spliterator.NONNULL), false);
  }

  /** Every item of the collection; see {@link #iterate(Query)}. */
  public Iterable<T> iterate() {
    return iterate(Query.of());
  }

  /**
   * Every item of the collection for a for-each loop, fetched page by page as
   * {@link #stream(Query)} does; each {@code iterator()} starts again from the first page.
   *
   * @throws NullPointerException if {@code query} is null
   */
  public Iterable<T> iterate(Query query) {
    requireNonNull(query, "query == null");
    return () -> new Pages.Items<>(this, query);
  }

  /**
   * This resource with another way of reading pages: where the items are and where the next
   * page is, for servers that put them in the body (see {@link Paging}). Everything else is
   * shared with this resource.
   *
   * <pre>{@code
   * Resource<Book> books = client.resource("books", Book.class)
   *     .withPaging(Paging.cursorAt("/next_cursor", "cursor").withItemsAt("/data"));
   * }</pre>
   *
   * @throws NullPointerException if {@code paging} is null
   */
  public Resource<T> withPaging(Paging paging) {
    requireNonNull(paging, "paging == null");
    return new Resource<>(client, collection, type, paging);
  }

  /** How this resource reads pages; {@link Paging#defaults()} unless set. */
  public Paging paging() {
    return paging;
  }

  // ------------------------------------------------------------- shared with AsyncResource

  RestClient client() {
    return client;
  }

  Type type() {
    return type;
  }

  Type voidType() {
    return Void.class;
  }

  /** {@code method} (upper case) on item {@code id}. */
  ApiRequest item(String method, String id) {
    return ApiRequest.checked(method, itemPrefix.concat(segment(id)));
  }

  /** {@code POST} to the collection. */
  ApiRequest post() {
    return post;
  }

  ApiRequest item(String method, String id, Query query) {
    requireNonNull(query, "query == null");
    return item(method, id).query(query);
  }

  /** A request on an absolute URI. @throws IllegalArgumentException if not absolute http(s) */
  static ApiRequest at(String method, URI uri) {
    return ApiRequest.of(method, requireNonNull(uri, "uri == null"));
  }

  /** The URI of item {@code id}, as a write's entity names it. */
  URI target(String id) {
    return Urls.uri(itemUrl(id));
  }

  /**
   * A write to the item an entity was read from: its {@link Entity#uri()}, with
   * {@code If-Match} from its ETag when it has one.
   *
   * @throws WeakEtagException if that ETag is weak
   */
  static ApiRequest onEntity(String method, Entity<?> entity) {
    requireNonNull(entity, "entity == null");
    ApiRequest req = ApiRequest.of(method, entity.uri());
    return entity.etag() == null ? req : req.ifMatch(strongOrThrow(method, entity));
  }

  ApiRequest modifyPut(Entity<T> current, T next) {
    if (current.etag() == null) {
      throw new ApiException.ContractViolation(new ApiException.Failure("GET",
          shown(current.uri()), current.status(), current.headers(), null, null),
          "modify needs a strong ETag for If-Match, the item has none");
    }
    return ApiRequest.of("PUT", current.uri()).body(next)
        .ifMatch(strongOrThrow("PUT", current));
  }

  /** The entity's ETag for If-Match; a weak one is never sent (see {@link ETag}). */
  private static ETag strongOrThrow(String method, Entity<?> entity) {
    ETag etag = requireNonNull(entity.etag());
    if (etag.isWeak()) {
      throw new WeakEtagException(method, shown(entity.uri()), entity.uri(), etag);
    }
    return etag;
  }

  /** A URI as messages show it: secret-looking query parameters redacted. */
  private static String shown(URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    return url == null ? uri.getScheme() + "://" + uri.getHost()
        : io.restsdk.core.internal.UrlRedactor.redact(url);
  }

  /**
   * The entity a write returns (see {@link #update(String, Object)}): the server's
   * representation, or {@code sent} with the bodiless answer's status, headers and ETag.
   */
  static <T> Entity<T> written(ApiResponse<T> r, T sent, URI target, String method) {
    if (r instanceof ApiResponse.Ok<T> ok) return ok.entity();
    if (r instanceof ApiResponse.Created<T> c) {
      if (c.entity() != null) return c.entity();
      return sentEntity(sent, c.status(), c.headers(), c.location() != null ? c.location() : target);
    }
    if (r instanceof ApiResponse.NoContent<T> nc) {
      return sentEntity(sent, nc.status(), nc.headers(), target);
    }
    throw new ApiException.ContractViolation(new ApiException.Failure(method, shown(target),
        r.status(), r.headers(), null, null), r.status() + " to a " + method + " (the write's"
        + " outcome is unknown; a failed precondition of a write is 412)");
  }

  private static <T> Entity<T> sentEntity(T sent, int status, Headers headers, URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    return new Entity<>(sent, ETag.parse(headers.get("ETag")).orElse(null), status, headers, uri,
        false, url == null ? Links.empty() : Links.fromHeaders(headers, url));
  }

  /** A PATCH's answer as the patched entity, or null when it has none to give (a 204). */
  static <T> @Nullable Entity<T> patched(ApiResponse<T> r) {
    if (r instanceof ApiResponse.Ok<T> ok) return ok.entity();
    if (r instanceof ApiResponse.Created<T> c) return c.entity();
    return null;
  }

  static <T> Entity<T> ok(ApiResponse<T> r) {
    if (r instanceof ApiResponse.Ok<T> ok) return ok.entity();
    throw new IllegalStateException("expected a body, got " + r.getClass().getSimpleName());
  }

  static <T> Entity<T> created(ApiResponse<T> r) {
    if (r instanceof ApiResponse.Created<T> c && c.entity() != null) return c.entity();
    if (r instanceof ApiResponse.Ok<T> ok) return ok.entity(); // a 200 to a POST, with a body
    throw new IllegalStateException("expected a created entity, got " + r);
  }

  private HttpUrl itemUrl(String id) {
    HttpUrl base = client.baseUrl.resolve(collection);
    if (base == null) throw new IllegalArgumentException("bad collection " + collection);
    return base.newBuilder().addPathSegment(checkId(id)).build();
  }

  private static String segment(String id) {
    // The usual id, unreserved characters only and not a dot segment, needs neither the checks
    // for encoded slashes and dots nor percent-encoding.
    requireNonNull(id, "id == null");
    if (isUnreserved(id) && !id.isEmpty() && !id.equals(".") && !id.equals("..")) return id;
    checkId(id); // what is left has a character to percent-encode, or is refused here
    String encoded = SEGMENT_BASE.newBuilder().addPathSegment(id).build().encodedPath();
    return encoded.substring(1);
  }

  /** RFC 3986 unreserved characters only, which a path segment carries as they are. */
  private static boolean isUnreserved(String id) {
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~';
      if (!ok) return false;
    }
    return true;
  }

  static String checkId(String id) {
    requireNonNull(id, "id == null");
    if (id.isEmpty()) throw new IllegalArgumentException("id is empty");
    String decoded = id.toLowerCase(Locale.ROOT).replace("%2e", ".");
    if (decoded.equals(".") || decoded.equals("..")) {
      throw new IllegalArgumentException("id must not be '.' or '..': " + id);
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      if (c == '/' || c == '\\' || c < 0x20 || c == 0x7f) {
        throw new IllegalArgumentException(
            "id must be one path segment (no '/', '\\' or control characters): "
                + id.replaceAll("\\p{Cntrl}", "?"));
      }
    }
    String lower = id.toLowerCase(Locale.ROOT);
    if (lower.contains("%2f") || lower.contains("%5c")) {
      throw new IllegalArgumentException("id must not hold an encoded '/' or '\\': " + id);
    }
    return id;
  }

  static String checkCollection(String path) {
    requireNonNull(path, "path == null");
    String p = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    if (p.isEmpty()) throw new IllegalArgumentException("collection path is empty");
    if (p.indexOf('?') >= 0 || p.indexOf('#') >= 0) {
      throw new IllegalArgumentException("collection path must not hold a query or fragment: " + path);
    }
    return ApiRequest.checkPath(p);
  }
}
