package io.restsdk.core;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * The conditional-request layer of the request flow: every rule that ties a request to the
 * client's {@link EtagCache}. One instance per client; thread-safe.
 *
 * <ul>
 *   <li><b>Key</b> ({@link #key}): URL, principal, {@code Accept}. The principal is the
 *       client's cache partition when one is set ({@link RestClient.Builder#cachePartition}),
 *       otherwise a hash of every credential the SDK itself puts on the request.
 *   <li><b>Validators</b> ({@link #addValidators}): a GET sends {@code If-None-Match} with the
 *       stored ETag unless the caller set a validator of its own ({@code ifNoneMatch},
 *       {@code If-Modified-Since}): then the 304 is the caller's. PUT, PATCH and DELETE send
 *       {@code If-Match} with the stored ETag when it is strong (If-Match compares strongly,
 *       RFC 9110 §13.1.1, so a weak tag would always fail); an explicit {@code ifMatch} is
 *       sent as given, and none is added to a write whose caller set {@code If-None-Match}
 *       (create-if-absent).
 *   <li><b>Store</b> ({@link #storeOrEvict}): a GET's 200 with an ETag, no {@code no-store}
 *       and a {@code Vary} that names only what the key holds ({@link #varyIsInKey}); anything
 *       else drops what the URL had.
 *   <li><b>Revalidate</b> ({@link #revalidated}): a 304 for the ETag sent refreshes the stored
 *       headers (RFC 9111 §4.3.4) and answers from the store.
 *   <li><b>Evict</b>: writes evict the URL written to and its collection
 *       ({@link #evictWritten}); 404, 410 and 412 evict the URL ({@link #evictFailed}),
 *       except a 412 to a create-if-absent, which says the item exists ({@link #createOnly}).
 * </ul>
 */
final class ConditionalLayer {
  private final EtagCache cache;
  private final boolean conditionalWrites;
  private final @Nullable Supplier<@Nullable String> partition;
  private final Principals principals = new Principals();
  /** Hears of hits, misses and stores; null when the client has no {@link CallListener}. */
  private final @Nullable Observation observation;

  ConditionalLayer(EtagCache cache, boolean conditionalWrites,
      @Nullable Supplier<@Nullable String> partition, @Nullable Observation observation) {
    this.cache = cache;
    this.conditionalWrites = conditionalWrites;
    this.partition = partition;
    this.observation = observation;
  }

  private void tell(CallListener.CacheEventKind kind) {
    if (observation != null) observation.cache(kind, cache);
  }

  // ---------------------------------------------------------------- the request

  /**
   * The cache partition of one operation, read once on the caller's thread when it starts and
   * carried to every request of it (an async operation's later requests run on other threads,
   * where a supplier reading a request context would answer for someone else).
   *
   * @param name what the supplier answered (null: no principal known); unused without one
   */
  record Partition(@Nullable String name) {
    static final Partition NONE = new Partition(null);
  }

  /** Reads the partition supplier, if the client has one. */
  Partition partition() {
    return partition == null || !cache.isEnabled() ? Partition.NONE
        : new Partition(partition.get());
  }

  /**
   * The key a request's entry is kept under, or null when the request neither reads nor fills
   * the cache (cache disabled, or the partition supplier answered null).
   *
   * @param secrets the credentials the SDK puts on the request (token, credential headers)
   * @param operation the operation's {@link #partition()}
   */
  @Nullable CacheKey key(HttpUrl url, List<String> secrets, String accept, Partition operation) {
    if (!cache.isEnabled()) return null;
    String principal;
    if (partition != null) {
      if (operation.name() == null) return null;
      // Its own namespace: a cache shared by clients never mistakes a partition for a token.
      principal = principals.of("partition\n" + operation.name());
    } else {
      String identity = secrets.isEmpty() ? null
          : secrets.size() == 1 ? secrets.get(0) : String.join("\n", secrets);
      principal = principals.of(identity);
    }
    return new CacheKey(url.toString(), principal, accept);
  }

  /**
   * What {@link #addValidators} put on a request.
   *
   * @param revalidating the entry {@code If-None-Match} was sent for, or null
   * @param ifMatch the {@code If-Match} tag sent, or null
   */
  record Validators(@Nullable CachedResponse revalidating, @Nullable ETag ifMatch) {
    static final Validators NONE = new Validators(null, null);
  }

  /** Adds {@code If-None-Match} and {@code If-Match}, the caller's or the cache's. */
  Validators addValidators(Request.Builder b, ApiRequest request, String method,
      @Nullable CacheKey key, boolean bypassCache, boolean justEvicted) {
    CachedResponse revalidating = null;
    ETag ifMatch = null;
    if (request.ifNoneMatchValue() != null) {
      b.header("If-None-Match", request.ifNoneMatchValue());
    } else if (key != null && method.equals("GET") && !bypassCache
        && !callerValidates(request)) {
      // A URL this call evicted a moment ago (the Location of its 201) holds nothing: a miss
      // without the lookup.
      revalidating = justEvicted ? cache.missed() : cache.lookup(key);
      if (revalidating == null) tell(CallListener.CacheEventKind.MISS);
      // An entry stored for a request without a header its Vary names does not answer one
      // that carries it (RFC 9111 §4.1: absent matches only absent).
      if (revalidating != null && !varyIsInKey(revalidating.headers(), request, key)) {
        revalidating = null;
      }
      if (revalidating != null) b.header("If-None-Match", revalidating.etag().headerValue());
    }
    if (request.ifMatch() != null) {
      b.header("If-Match", request.ifMatch());
      ifMatch = ETag.parse(request.ifMatch()).orElse(null);
    } else if (key != null && conditionalWrites && isConditionalWrite(method)
        && request.ifNoneMatchValue() == null) {
      // Not with the caller's If-None-Match: If-Match is evaluated first (RFC 9110 §13.2.2),
      // so a create-if-absent of an item deleted since it was cached would fail with 412.
      CachedResponse held = cache.peek(key);
      if (held != null && !held.etag().isWeak()) { // a weak tag: the write goes unconditional
        ifMatch = held.etag();
        b.header("If-Match", ifMatch.headerValue());
      }
    }
    return revalidating == null && ifMatch == null ? Validators.NONE
        : new Validators(revalidating, ifMatch);
  }

  /**
   * Whether the caller made the GET conditional itself ({@code ifNoneMatch} or an
   * {@code If-Modified-Since} header): its 304 is then the caller's answer, a
   * {@link ApiResponse.NotModified}.
   */
  static boolean callerValidates(ApiRequest request) {
    return request.ifNoneMatchValue() != null || request.hasHeader("If-Modified-Since");
  }

  /**
   * A write with {@code If-None-Match: *} and no {@code If-Match}: create-if-absent, whose 412
   * means "it already exists" ({@link ApiException.AlreadyExists}), not "your copy is stale".
   */
  static boolean createOnly(ApiRequest request) {
    return "*".equals(request.ifNoneMatchValue()) && request.ifMatch() == null
        && !request.method().equals("GET") && !request.method().equals("HEAD");
  }

  private static boolean isConditionalWrite(String method) {
    return method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
  }

  // ---------------------------------------------------------------- the answer

  /**
   * Keeps a GET's tagged 200 in the cache, else drops what the URL held (a newer answer that
   * cannot be kept makes the old body stale); true when it was kept.
   */
  boolean storeOrEvict(CacheKey key, @Nullable ETag etag, RawResponse raw, ApiRequest request) {
    String cacheControl = raw.header("Cache-Control");
    boolean noStore = cacheControl != null
        && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
    if (etag == null || noStore || raw.code() != 200
        || !varyIsInKey(raw.headers(), request, key)) {
      cache.evict(key.url());
      return false;
    }
    cache.store(key, new CachedResponse(etag, raw.body(), raw.headers()));
    tell(CallListener.CacheEventKind.STORE);
    return true;
  }

  /**
   * The key a later GET of {@code url} from this client would use, derived from the key of the
   * request that was answered with {@code url} (a 201's {@code Location}): the same
   * {@code Accept} and partition, the same credentials when {@link OriginPolicy} would send them
   * there ({@code withCredentials}), else none.
   */
  CacheKey keyAt(CacheKey sent, HttpUrl url, boolean withCredentials) {
    String principal = withCredentials || partition != null ? sent.principal()
        : Principals.ANONYMOUS;
    return new CacheKey(url.toString(), principal, sent.accept());
  }

  /**
   * Keeps the body of a 201 under its {@code Location}'s key, by the rules for a GET's 200
   * (no {@code no-store}, a {@code Vary} the key covers); true when it was kept. The caller
   * has already evicted what the URL held.
   */
  boolean storeCreated(CacheKey key, ETag etag, RawResponse raw, ApiRequest request) {
    String cacheControl = raw.header("Cache-Control");
    if (cacheControl != null && cacheControl.toLowerCase(Locale.ROOT).contains("no-store")
        || !varyIsInKey(raw.headers(), request, key)) {
      return false;
    }
    cache.store(key, new CachedResponse(etag, raw.body(), raw.headers()));
    tell(CallListener.CacheEventKind.STORE);
    return true;
  }

  /**
   * Whether every request header the response's {@code Vary} names is part of the key, so one
   * entry per key is right (RFC 9111 §4.1):
   * <ul>
   *   <li>{@code Accept} is in the key;
   *   <li>{@code Authorization} is the principal, when there is one: a partition, or credentials
   *       the SDK sent (not for an anonymous key, whose credentials, if any, an interceptor
   *       added out of sight);
   *   <li>{@code Cookie} only with a partition, which names whatever the caller's cookies say
   *       about who asks (a {@code CookieJar} adds cookies the SDK never sees);
   *   <li>{@code Accept-Encoding} is OkHttp's own transparent gzip, the same on every request
   *       with the body decoded, unless the caller set it;
   *   <li>any other header that the request did not carry (the caller did not set it, and
   *       neither the SDK nor OkHttp adds it to every request): RFC 9111 §4.1 matches an
   *       absent header only with an absent one, so such an entry is stored, and a later
   *       request that does carry the header does not use it (see {@link #addValidators}).
   *       This is what lets the {@code Vary: Origin, Access-Control-Request-Method, …} that
   *       CORS-aware servers (Spring among them) put on every answer be cached. Headers an
   *       OkHttp interceptor adds are invisible here: name what they vary by in the client's
   *       cache partition.
   * </ul>
   * {@code *}, and a varying header that the request did carry, could select another body for
   * the same key: not stored.
   */
  /**
   * Request headers the SDK or OkHttp may add to a GET whatever the caller set: a response that
   * varies by one of them is not stored (the user agent may differ between clients that share a
   * store; the validators and connection headers are not the caller's choice).
   */
  private static final Set<String> ALWAYS_SENT = Set.of(
      "user-agent", "host", "connection", "if-none-match", "if-match", "if-modified-since",
      "if-unmodified-since", "if-range", "range", "te", "content-type", "content-length");

  boolean varyIsInKey(Headers response, ApiRequest request, CacheKey key) {
    if (response.get("Vary") == null) return true;
    for (String value : response.values("Vary")) {
      for (String part : value.split(",")) {
        String name = part.trim().toLowerCase(Locale.ROOT);
        boolean inKey = switch (name) {
          case "", "accept" -> true;
          case "authorization" -> !key.principal().equals(Principals.ANONYMOUS);
          case "cookie" -> partition != null;
          case "accept-encoding" -> !request.hasHeader("Accept-Encoding");
          case "*" -> false;
          default -> !ALWAYS_SENT.contains(name) && !request.hasHeader(name);
        };
        if (!inKey) return false;
      }
    }
    return true;
  }

  /**
   * The entry a 304 confirms, with its headers refreshed by the 304's (RFC 9111 §4.3.4) and
   * counted as a hit; null when the entry was replaced or evicted since the request was sent.
   */
  @Nullable CachedResponse revalidated(CacheKey key, CachedResponse sentFor, Headers fresh) {
    CachedResponse held = cache.peek(key);
    if (held == null || !held.etag().equals(sentFor.etag())) return null;
    CachedResponse refreshed = held.withHeaders(merge(held.headers(), fresh));
    cache.refresh(key, refreshed);
    cache.hit();
    tell(CallListener.CacheEventKind.HIT);
    return refreshed;
  }

  /**
   * RFC 9111 §4.3.4: the 304's fields replace the stored ones, except those about the body.
   * The 304's values are the server's, as OkHttp read them (a control character or non-ASCII
   * included): they are copied as they are, never re-checked by OkHttp's strict
   * {@code Headers.Builder.add}, which would throw on them.
   */
  static Headers merge(Headers stored, Headers fresh) {
    Headers.Builder b = stored.newBuilder();
    Headers.Builder replacing = fresh.newBuilder();
    for (String name : fresh.names()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals("content-length") || n.equals("content-encoding")
          || n.equals("transfer-encoding") || n.equals("content-type")) {
        replacing.removeAll(name);
        continue;
      }
      b.removeAll(name);
    }
    return b.addAll(replacing.build()).build(); // addAll copies leniently
  }

  /**
   * 404, 410 and 412 say the stored body is gone or stale: drop the URL's entries. Not a 412
   * to a create-if-absent ({@link #createOnly}): it says the item exists, which a cached copy
   * agrees with.
   */
  void evictFailed(@Nullable CacheKey key, int status, ApiRequest request) {
    if (key == null || status == 412 && createOnly(request)) return;
    if (status == 404 || status == 410 || status == 412) cache.evict(key.url());
  }

  /**
   * A write changed {@code url}: drop its entries (with and without query) and those of the
   * collection it is in, whose listing may hold it (with and without a trailing slash), for every
   * principal. Works on the URL's string (OkHttp's form: no {@code ?} or {@code #} before the
   * query), each distinct URL evicted once.
   */
  void evictWritten(HttpUrl url) {
    evictWritten(url, null);
  }

  /**
   * As {@link #evictWritten(HttpUrl)}, but not {@code done}, a URL whose entries were just
   * dropped: the collection a create was posted to, which is also its {@code Location}'s.
   */
  void evictWritten(HttpUrl url, @Nullable HttpUrl done) {
    if (!cache.isEnabled()) return;
    String skip = done == null ? null : done.toString();
    for (String u : writtenUrls(url.toString())) {
      if (!u.equals(skip)) cache.evict(u);
    }
  }

  /** The URLs a write to {@code url} (an {@link HttpUrl}'s string) makes stale, distinct. */
  static List<String> writtenUrls(String url) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>(4);
    out.add(url);
    int q = url.indexOf('?');
    int f = url.indexOf('#');
    int cut = q < 0 ? f : f < 0 ? q : Math.min(q, f);
    String plain = cut < 0 ? url : url.substring(0, cut);
    if (cut >= 0) out.add(plain);
    int pathStart = plain.indexOf('/', plain.indexOf("://") + 3);
    int end = plain.length();
    if (end - pathStart > 1 && plain.charAt(end - 1) == '/') end--; // a trailing slash
    if (end - pathStart <= 1) return out; // the root has no collection
    int slash = plain.lastIndexOf('/', end - 1);
    String parent = plain.substring(0, slash + 1); // ends with '/'
    if (!parent.equals(plain)) out.add(parent);
    if (slash > pathStart) out.add(parent.substring(0, slash)); // without the slash
    return out;
  }

}
