package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.util.Iterator;
import java.util.Locale;
import java.util.Optional;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import okhttp3.HttpUrl;

/**
 * A typed view of one collection, e.g. {@code books}: read, create, update and delete its items
 * by id, with the ETag cache and {@code Location} following done for you.
 *
 * <p>Immutable and thread-safe. Ids are sent as one path segment; {@code ""}, {@code .},
 * {@code ..} and ids holding {@code /} or {@code \} are refused before any request.
 *
 * <pre>{@code
 * Resource<Book> books = client.resource("books", Book.class);
 * Entity<Book> made = books.create(new Book("Dune", authorUri)); // POST → 201 → GET Location
 * Book b = books.get("42");                                      // 200, or the cache after 304
 * books.update(made.withBody(made.body().withTitle("Dune Messiah"))); // PUT with If-Match
 * Book done = books.modify("42", x -> x.withTitle("T"));         // re-done if another write won
 * books.delete("42");                                            // 204
 * }</pre>
 *
 * @param <T> the body type
 */
public final class Resource<T> {
  /** Encodes an id as one path segment with OkHttp's rules. */
  private static final HttpUrl SEGMENT_BASE = HttpUrl.get("http://h/");

  private final RestClient client;
  private final String collection;
  private final JavaType type;
  private final AsyncResource<T> async;
  private final Paging paging;

  Resource(RestClient client, String collection, JavaType type) {
    this(client, collection, type, Paging.defaults());
  }

  Resource(RestClient client, String collection, JavaType type, Paging paging) {
    this.client = client;
    this.collection = collection;
    this.type = type;
    this.paging = paging;
    this.async = new AsyncResource<>(this);
  }

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

  /** Reads item {@code id} with its ETag, status, headers and URI. See {@link #get(String)}. */
  public Entity<T> getEntity(String id) {
    return ok(new Exchange<T>(client, item("GET", id), type).needBody().run());
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
    return ok(new Exchange<T>(client, item("GET", id, query), type).needBody().run());
  }

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
    ApiResponse<T> r = new Exchange<T>(client, ApiRequest.post(collection).body(body), type)
        .needBody().run();
    return created(r);
  }

  /**
   * Replaces item {@code id}: PUT, with {@code If-Match} from the ETag cache when it holds the
   * item with a strong ETag (see {@link RestClient.Builder#conditionalWrites(boolean)}); with a
   * weak one the write is unconditional (see {@link ETag}).
   *
   * @return {@link ApiResponse.NoContent} for a 204 or any other 2xx without a body (a 200 with
   *     an empty body too: the write succeeded), {@link ApiResponse.Ok} if the server returned
   *     the new representation
   * @throws ApiException.PreconditionFailed if the item changed since it was cached
   */
  public ApiResponse<T> update(String id, T body) {
    requireNonNull(body, "body == null");
    return new Exchange<T>(client, item("PUT", id).body(body), type).run();
  }

  /**
   * Replaces the item an entity was read from, with {@code If-Match: entity.etag()} (when it has
   * one): a concurrent change surfaces as {@link ApiException.PreconditionFailed}. An entity
   * without an ETag is written unconditionally.
   *
   * @return as {@link #update(String, Object)}
   * @throws WeakEtagException if the entity's ETag is weak: If-Match compares strongly, so the
   *     write would always fail; nothing is sent (see {@link ETag})
   * @throws ApiException.PreconditionFailed if the item changed since the entity was read
   */
  public ApiResponse<T> update(Entity<T> entity) {
    return new Exchange<T>(client, conditionalPut(entity), type).run();
  }

  /**
   * Deletes item {@code id}, with {@code If-Match} from the ETag cache when it holds the item.
   *
   * @throws ApiException.NotFound if there is no such item
   * @throws ApiException.Conflict if other resources still refer to it
   */
  public void delete(String id) {
    new Exchange<Void>(client, item("DELETE", id), voidType()).run();
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
   * @return the value written (the server's representation, if the PUT returned one)
   * @throws ApiException.PreconditionFailed after the last attempt, with {@code attempts()} set
   * @throws ApiException.Conflict on a real conflict, or after the last attempt
   * @throws ApiException.ContractViolation if the item has no ETag to make the write conditional
   * @throws WeakEtagException if the item's ETag is weak: If-Match compares strongly, so the
   *     write would always fail; nothing is written (see {@link ETag})
   * @throws TransportException of kind {@code INTERRUPTED} if the thread is interrupted while
   *     waiting to try again (the interrupt flag is set again)
   */
  public T modify(String id, UnaryOperator<T> change) {
    return modify(item("GET", id), change);
  }

  /**
   * {@link #modify(String, UnaryOperator)} for the item at {@code location}, e.g. an
   * {@link Entity#location()} or a {@code Location} a server returned, for servers whose item
   * URIs are not {@code collection/id}.
   *
   * @throws IllegalArgumentException if {@code location} is not an absolute http(s) URI
   */
  public T modify(URI location, UnaryOperator<T> change) {
    return modify(ApiRequest.of("GET", requireNonNull(location, "location == null")), change);
  }

  private T modify(ApiRequest read, UnaryOperator<T> change) {
    requireNonNull(change, "change == null");
    Entity<T> current = ok(new Exchange<T>(client, read, type).needBody().run());
    for (int attempt = 1; ; attempt++) {
      T next = requireNonNull(change.apply(current.body()), "change returned null");
      ApiException lost;
      try {
        ApiResponse<T> r = new Exchange<T>(client, modifyPut(current, next), type).run();
        return r instanceof ApiResponse.Ok<T> ok ? ok.body() : next;
      } catch (ApiException.PreconditionFailed | ApiException.Conflict e) {
        lost = e;
      }
      if (attempt >= client.modifyAttempts) {
        lost.attempts(attempt);
        throw lost;
      }
      client.modifyBackoff.sleep(attempt, lost);
      Entity<T> fresh = ok(new Exchange<T>(client, read, type).needBody().bypassCache().run());
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
    return follow(from, rel, client.mapper.constructType(type));
  }

  /** {@link #follow(Entity, String, Class)} for a generic body type. */
  public <U> Entity<U> follow(Entity<?> from, String rel, TypeRef<U> type) {
    requireNonNull(type, "type == null");
    return follow(from, rel, client.mapper.constructType(type.type()));
  }

  private <U> Entity<U> follow(Entity<?> from, String rel, JavaType type) {
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

  JavaType type() {
    return type;
  }

  JavaType voidType() {
    return client.mapper.constructType(Void.class);
  }

  ApiRequest item(String method, String id) {
    return ApiRequest.of(method, collection + "/" + segment(id));
  }

  ApiRequest item(String method, String id, Query query) {
    requireNonNull(query, "query == null");
    return item(method, id).query(query);
  }

  ApiRequest conditionalPut(Entity<T> entity) {
    requireNonNull(entity, "entity == null");
    ApiRequest put = ApiRequest.of("PUT", entity.location()).body(entity.body());
    if (entity.etag() == null) return put;
    return put.ifMatch(strongOrThrow(entity));
  }

  ApiRequest modifyPut(Entity<T> current, T next) {
    if (current.etag() == null) {
      throw new ApiException.ContractViolation(new ApiException.Failure("GET",
          io.restsdk.core.internal.UrlRedactor.redact(HttpUrl.get(current.location().toString())),
          current.status(), current.headers(), null, null),
          "modify needs a strong ETag for If-Match, the item has none");
    }
    strongOrThrow(current);
    return ApiRequest.of("PUT", current.location()).body(next).ifMatch(current.etag());
  }

  /** The entity's ETag for If-Match; a weak one is never sent (see {@link ETag}). */
  private static ETag strongOrThrow(Entity<?> entity) {
    ETag etag = requireNonNull(entity.etag());
    if (etag.isWeak()) {
      throw new WeakEtagException("PUT",
          io.restsdk.core.internal.UrlRedactor.redact(HttpUrl.get(entity.location().toString())),
          entity.location(), etag);
    }
    return etag;
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
    checkId(id);
    if (isUnreserved(id)) return id; // nothing to percent-encode: skip building a URL
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
