package io.restsdk.core;

import io.restsdk.core.internal.Json;
import io.restsdk.core.internal.UrlRedactor;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Reading a collection page by page, for {@link Resource} and {@link AsyncResource}: which
 * request fetches a page, how its body becomes a {@link Page}, and when a next page must not be
 * fetched (a loop, another origin the client does not go to).
 *
 * <p>Each page is a GET like any read: through the ETag cache, the client's policies, redirects
 * and {@link OriginPolicy}. Once a page of a listing came from another origin than the base
 * URL's, no later page of that listing carries credentials, as for the hops of one call.
 */
final class Pages {
  private Pages() {}

  /** The totals a page's server sent; null where it sent none. */
  record Totals(@Nullable Long totalElements, @Nullable Integer totalPages,
      @Nullable Integer number, @Nullable Integer size) {
    static final Totals NONE = new Totals(null, null, null, null);
  }

  /**
   * The URLs a listing fetched so far (normalized), newest first, and whether it left the base
   * URL's origin. A chain, so a page shares its predecessors' trail without copying it.
   */
  record Trail(String url, boolean leftOrigin, @Nullable Trail previous) {
    boolean contains(String u) {
      for (Trail t = this; t != null; t = t.previous) if (t.url.equals(u)) return true;
      return false;
    }
  }

  /**
   * One page about to be fetched.
   *
   * @param requested the normalized URL requested, null for the first page
   * @param cursor whether the URL is the list URL with a cursor (for the loop message)
   */
  record Fetch(Exchange<Json.Doc> exchange, @Nullable Trail before, @Nullable String requested,
      boolean cursor) {}

  // ------------------------------------------------------------------ requests

  /** The first page: GET on the collection with {@code query}. */
  static Fetch first(Resource<?> r, Query query) {
    java.util.Objects.requireNonNull(query, "query == null");
    ApiRequest get = ApiRequest.of("GET", r.path()).query(query).route(r.path());
    return new Fetch(exchange(r.client(), get), null, null, false);
  }

  /**
   * The fetch of the page after {@code page}, or null on the last page.
   *
   * @throws PagingException if the next page is one this listing fetched already, or on
   *     another origin and the client does not follow cross-origin redirects
   */
  static @Nullable Fetch after(Resource<?> r, Page<?> page) {
    java.util.Objects.requireNonNull(page, "page == null");
    URI next = page.nextUri().orElse(null);
    if (next == null) return null;
    RestClient client = r.client();
    HttpUrl url = HttpUrl.get(next);
    String key = normalize(url);
    boolean cursor = r.paging().cursor() != null && isCursorUrl(page, url, r.paging());
    if (page.trail.contains(key)) {
      throw new PagingException(PagingException.Reason.LOOP, shown(page.uri()),
          UrlRedactor.redact(url), cursor
              ? "the cursor was already used by a page of this listing (the server pages in a loop)"
              : "it leads back to a page this listing already fetched (the server pages in a loop)");
    }
    boolean other = !OriginPolicy.sameOrigin(client.baseUrl, url);
    if (other && !client.followCrossOriginRedirects) {
      throw new PagingException(PagingException.Reason.CROSS_ORIGIN, shown(page.uri()),
          UrlRedactor.redact(url), "it is on another origin than the base URL's"
              + " (RestClient.Builder.followCrossOriginRedirects)");
    }
    Exchange<Json.Doc> ex = exchange(client, ApiRequest.of("GET", next).route(r.path()));
    if (page.trail.leftOrigin()) ex.leftOrigin();
    return new Fetch(ex, page.trail, key, cursor);
  }

  private static boolean isCursorUrl(Page<?> page, HttpUrl next, Paging paging) {
    HttpUrl from = HttpUrl.get(page.uri());
    return from.encodedPath().equals(next.encodedPath())
        && next.queryParameter(java.util.Objects.requireNonNull(paging.cursorParam())) != null;
  }

  private static Exchange<Json.Doc> exchange(RestClient client, ApiRequest get) {
    return new Exchange<Json.Doc>(client, get, Json.Doc.class).needBody();
  }

  // ------------------------------------------------------------------ the page

  /**
   * The page a fetch's answer holds.
   *
   * @throws DecodeException if the body is no JSON array or object, its items are not where
   *     they should be, or an item does not fit the resource's type
   */
  static <T> Page<T> read(Resource<T> r, Fetch fetch, ApiResponse<Json.Doc> response) {
    Entity<Json.Doc> e = Resource.ok(response);
    RestClient client = r.client();
    Paging paging = r.paging();
    HttpUrl url = HttpUrl.get(e.location());
    Reader<T> reader = new Reader<>(client, r.type(), e, url);
    Json.Node body = e.body() == null ? null : e.body().root();
    if (body == null || !(body.isArray() || body.isObject())) {
      throw reader.fail("the body is " + kind(body) + ", not a JSON array or object");
    }
    Links headerLinks = Links.fromHeaders(e.headers(), url);
    Links halLinks = body.isObject() ? Links.fromHal(body.get("_links"), url) : Links.empty();
    List<Json.Node> items = reader.items(body, paging);
    List<T> values = new ArrayList<>(items.size());
    List<Entity<T>> entities = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      Entity<T> item = reader.item(items.get(i), i);
      values.add(item.body());
      entities.add(item);
    }
    URI next = headerLinks.href("next")
        .or(() -> halLinks.href("next"))
        .orElseGet(() -> reader.next(body, paging));
    Trail trail = fetch.before();
    boolean left = (trail != null && trail.leftOrigin())
        || !OriginPolicy.sameOrigin(client.baseUrl, url);
    if (fetch.requested() != null) trail = new Trail(fetch.requested(), left, trail);
    String here = normalize(url);
    if (trail == null || !trail.url().equals(here)) trail = new Trail(here, left, trail);
    return new Page<>(values, entities, headerLinks.and(halLinks), totals(body, e), next, e,
        trail);
  }

  /** A URL as the loop check compares it: OkHttp's canonical form, without a fragment. */
  static String normalize(HttpUrl url) {
    return url.newBuilder().fragment(null).build().toString();
  }

  private static String shown(URI uri) {
    return UrlRedactor.redact(HttpUrl.get(uri));
  }

  private static String kind(Json.@Nullable Node n) {
    return Json.describe(n);
  }

  private static Totals totals(Json.Node body, Entity<?> e) {
    Json.Node p = body.isObject() ? body.get("page") : null;
    Long total = null;
    Integer pages = null;
    Integer number = null;
    Integer size = null;
    if (p != null && p.isObject()) {
      Long t = whole(p.get("totalElements"), Long.MAX_VALUE);
      if (t != null) total = t;
      pages = count(p.get("totalPages"));
      number = count(p.get("number"));
      size = count(p.get("size"));
    }
    if (total == null) {
      String header = e.headers().get("X-Total-Count");
      if (header != null) {
        try {
          long n = Long.parseLong(header.trim());
          if (n >= 0) total = n;
        } catch (NumberFormatException ignored) {
          // a header that is no count says nothing
        }
      }
    }
    return total == null && pages == null && number == null && size == null
        ? Totals.NONE : new Totals(total, pages, number, size);
  }

  private static @Nullable Integer count(Json.@Nullable Node n) {
    Long v = whole(n, Integer.MAX_VALUE);
    return v == null ? null : v.intValue();
  }

  /** A JSON integer from 0 to {@code max}; null for anything else. */
  private static @Nullable Long whole(Json.@Nullable Node n, long max) {
    if (n == null || !n.isIntegral()) return null;
    java.math.BigDecimal d = n.decimal();
    return d.signum() >= 0 && d.compareTo(java.math.BigDecimal.valueOf(max)) <= 0
        ? d.longValueExact() : null;
  }

  /** Reads one page's body: its items and its next field, with failures that name the page. */
  private static final class Reader<T> {
    private final RestClient client;
    private final Type itemType;
    private final Entity<Json.Doc> page;
    private final Json.Doc doc;
    private final HttpUrl url;
    private final String shownUrl;

    Reader(RestClient client, Type itemType, Entity<Json.Doc> page, HttpUrl url) {
      this.client = client;
      this.itemType = itemType;
      this.page = page;
      this.doc = java.util.Objects.requireNonNull(page.body());
      this.url = url;
      this.shownUrl = UrlRedactor.redact(url);
    }

    DecodeException fail(String reason) {
      return new DecodeException("GET", shownUrl, page.status(), listOf(itemType),
          "a page: " + reason);
    }

    List<Json.Node> items(Json.Node body, Paging paging) {
      String at = paging.items();
      if (at != null) {
        Json.Node n = body.at(at);
        if (n != null && n.isArray()) return n.items();
        throw fail("the items at " + pointerName(at) + " are " + kind(n) + ", not an array");
      }
      if (body.isArray()) return body.items();
      Json.Node embedded = body.get("_embedded");
      if (embedded != null) {
        if (!embedded.isObject()) {
          throw fail("HAL _embedded is " + kind(embedded) + ", not an object");
        }
        if (embedded.members().isEmpty()) return List.of();
        return single(embedded, "HAL _embedded", "/_embedded/");
      }
      List<String> arrays = arrays(body);
      // A HAL collection without _embedded is an empty one (Spring Data REST sends that).
      if (arrays.isEmpty() && body.get("_links") != null) return List.of();
      return single(body, "the object", "/");
    }

    private List<Json.Node> single(Json.Node object, String what, String prefix) {
      List<String> arrays = arrays(object);
      if (arrays.size() == 1) return object.get(arrays.get(0)).items();
      if (arrays.isEmpty()) {
        throw fail(what + " has no array-valued property to take as the items; say where they"
            + " are with Paging.itemsAt");
      }
      throw fail(what + " has several arrays " + arrays + "; say which holds the items with"
          + " Paging.itemsAt(\"" + prefix + escape(arrays.get(0)) + "\")");
    }

    private List<String> arrays(Json.Node object) {
      List<String> out = new ArrayList<>();
      for (Map.Entry<String, Json.Node> p : object.members().entrySet()) {
        if (p.getValue().isArray()) out.add(p.getKey());
      }
      return out;
    }

    Entity<T> item(Json.Node node, int index) {
      if (node == null || node.isNull()) {
        throw fail("item " + index + " is JSON null");
      }
      Hal.Decoded<T> d;
      try {
        d = Hal.decode(client, itemType, node, doc.bytes(), url);
      } catch (CodecException ex) {
        throw fail("item " + index + " does not fit " + itemType.getTypeName() + ": "
            + Decoder.reason(ex, scrubber()));
      } catch (IOException ex) {
        throw fail("item " + index + ": " + scrubber().scrub(String.valueOf(ex)));
      }
      if (d.value() == null) throw fail("item " + index + " decoded to null");
      URI location = d.links().href("self").orElse(page.location());
      return new Entity<>(d.value(), null, page.status(), page.headers(), location,
          page.revalidated(), d.links());
    }

    /** The next page from the configured field; null when there is none. */
    @Nullable URI next(Json.Node body, Paging paging) {
      if (paging.nextLink() != null) {
        String v = text(body.at(paging.nextLink()), paging.nextLink(), "next link");
        if (v == null) return null;
        HttpUrl next = LocationFollower.resolve(url, v);
        if (next == null) {
          throw fail("the next link at " + pointerName(paging.nextLink())
              + " is not an http(s) URI reference");
        }
        return Urls.uri(next);
      }
      if (paging.cursor() != null) {
        String token = text(body.at(paging.cursor()), paging.cursor(), "cursor");
        if (token == null) return null;
        String param = java.util.Objects.requireNonNull(paging.cursorParam());
        return Urls.uri(url.newBuilder().setQueryParameter(param, token).build());
      }
      return null;
    }

    /** A field's text: null when missing, null or empty; a number as its digits. */
    private @Nullable String text(Json.@Nullable Node n, String at, String what) {
      if (n == null || n.isNull()) return null;
      if (n.isString()) return n.text().isEmpty() ? null : n.text();
      if (n.isIntegral() && what.equals("cursor")) return n.text();
      throw fail("the " + what + " at " + pointerName(at) + " is " + kind(n) + ", not a string");
    }

    private Scrubber scrubber() {
      boolean credentials = client.tokenProvider != null
          && OriginPolicy.sameOrigin(client.baseUrl, url);
      String token = credentials ? client.tokenProvider.token() : null;
      return new Scrubber(token == null ? List.of() : List.of(token), url, client.tokenProvider);
    }

    private static String pointerName(String pointer) {
      return pointer.isEmpty() ? "the body" : pointer;
    }

    private static String escape(String name) {
      return name.replace("~", "~0").replace("/", "~1");
    }
  }

  /** {@code List<item>}, as a failure names what a page was decoded as. */
  static ParameterizedType listOf(Type item) {
    return new ParameterizedType() {
      @Override
      public Type[] getActualTypeArguments() {
        return new Type[] {item};
      }

      @Override
      public Type getRawType() {
        return List.class;
      }

      @Override
      public @Nullable Type getOwnerType() {
        return null;
      }

      @Override
      public String getTypeName() {
        return "java.util.List<" + item.getTypeName() + ">";
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof ParameterizedType p && p.getRawType() == List.class
            && p.getOwnerType() == null
            && java.util.Arrays.equals(p.getActualTypeArguments(), getActualTypeArguments());
      }

      @Override
      public int hashCode() {
        return java.util.Arrays.hashCode(getActualTypeArguments()) ^ List.class.hashCode();
      }

      @Override
      public String toString() {
        return getTypeName();
      }
    };
  }

  // ------------------------------------------------------------------ the sync walk

  /**
   * The items of every page, fetching the next page only when the current one is used up: at
   * most the current page and the one being fetched are held.
   */
  static final class Items<T> implements Iterator<T> {
    private final Resource<T> resource;
    private final Query query;
    private @Nullable Page<T> page;
    private int index;
    private boolean started;

    Items(Resource<T> resource, Query query) {
      this.resource = resource;
      this.query = java.util.Objects.requireNonNull(query, "query == null");
    }

    @Override
    public boolean hasNext() {
      if (!started) {
        started = true;
        page = resource.list(query);
      }
      while (page != null && index >= page.items().size()) {
        Optional<Page<T>> next = page.hasNext() ? resource.next(page) : Optional.empty();
        page = next.orElse(null);
        index = 0;
      }
      return page != null;
    }

    @Override
    public T next() {
      if (!hasNext()) throw new NoSuchElementException("no more items");
      return java.util.Objects.requireNonNull(page).items().get(index++);
    }
  }
}
