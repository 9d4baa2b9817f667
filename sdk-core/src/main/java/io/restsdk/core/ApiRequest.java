package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request to send with {@link RestClient#send}: a method, a path relative to the base
 * URL (or an absolute URI), headers and an optional JSON body.
 *
 * <p>Immutable and thread-safe: every method returns a new request.
 *
 * <p>A {@code HEAD} never gets a body back: its success is an {@link ApiResponse.NoContent}
 * with the status and the headers ({@code ETag}, {@code Content-Length}, …), whatever the
 * body type asked for.
 *
 * <pre>{@code
 * ApiRequest read  = ApiRequest.get("books/42").ifNoneMatch(etag);
 * ApiRequest find  = ApiRequest.get("books").query(Query.of("author", "Le Guin"));
 * ApiRequest write = ApiRequest.put("books/42").body(book).ifMatch(etag);
 * ApiRequest once  = ApiRequest.put("books/42").body(book).ifNoneMatchAny(); // create if absent
 * ApiRequest merge = ApiRequest.patch("books/42").mergePatch(Map.of("title", "Dune"));
 * ApiRequest ops   = ApiRequest.patch("books/42").jsonPatch(JsonPatch.create().remove("/draft"));
 * ApiRequest raw   = ApiRequest.post("books").rawBody(preparedJsonBytes, "application/json");
 * }</pre>
 */
public final class ApiRequest {
  private static final Set<String> METHODS = Set.of(
      "GET", "HEAD", "OPTIONS", "POST", "PUT", "PATCH", "DELETE");
  /** Headers the client manages itself; set them through the dedicated methods. */
  private static final Set<String> MANAGED = Set.of("if-match", "if-none-match", "content-length",
      "host", "transfer-encoding", "connection", "idempotency-key");


  private final String method;
  private final @Nullable String path;
  private final @Nullable URI uri;
  private final List<String> headers; // name, value, name, value…
  private final Set<String> sensitive; // lower case
  private final @Nullable Object body;
  private final byte @Nullable [] rawBody;
  /** The raw body's media type, or a JSON body's when it is not plain JSON (a patch). */
  private final @Nullable String rawMediaType;
  private final @Nullable String ifMatch;
  /** {@code *} or an entity tag as sent. */
  private final @Nullable String ifNoneMatch;
  private final @Nullable Boolean followLocation;
  private final @Nullable String idempotencyKey;
  private final @Nullable Duration timeout;
  private final Query query;
  private final @Nullable String route;
  /** The URL of {@link #uri}, when the client resolved it itself (a created resource's). */
  private final @Nullable HttpUrl url;

  private ApiRequest(String method, @Nullable String path, @Nullable URI uri, List<String> headers,
      Set<String> sensitive, @Nullable Object body, byte @Nullable [] rawBody,
      @Nullable String rawMediaType, @Nullable String ifMatch, @Nullable String ifNoneMatch,
      @Nullable Boolean followLocation, @Nullable String idempotencyKey,
      @Nullable Duration timeout, Query query, @Nullable String route, @Nullable HttpUrl url) {
    this.method = method;
    this.path = path;
    this.uri = uri;
    this.headers = headers;
    this.sensitive = sensitive;
    this.body = body;
    this.rawBody = rawBody;
    this.rawMediaType = rawMediaType;
    this.ifMatch = ifMatch;
    this.ifNoneMatch = ifNoneMatch;
    this.followLocation = followLocation;
    this.idempotencyKey = idempotencyKey;
    this.timeout = timeout;
    this.query = query;
    this.route = route;
    this.url = url;
  }

  private ApiRequest copy(List<String> headers, Set<String> sensitive, @Nullable Object body,
      byte @Nullable [] rawBody, @Nullable String rawMediaType, @Nullable String ifMatch,
      @Nullable String ifNoneMatch, @Nullable Boolean followLocation,
      @Nullable String idempotencyKey, @Nullable Duration timeout) {
    return new ApiRequest(method, path, uri, headers, sensitive, body, rawBody, rawMediaType,
        ifMatch, ifNoneMatch, followLocation, idempotencyKey, timeout, query, route, url);
  }

  /**
   * A request for {@code method} on {@code path}, relative to the client's base URL
   * (e.g. {@code books/42}). Add query parameters with {@link #query(Query)}, which encodes
   * them; a query written into {@code path} is sent as written.
   *
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException for an unknown method, an empty path, a path starting with
   *     {@code /}, holding a scheme, or with {@code .} or {@code ..} segments that would leave the
   *     base URL
   */
  public static ApiRequest of(String method, String path) {
    return new ApiRequest(checkMethod(method), checkPath(path), null, List.of(), Set.of(),
        null, null, null, null, null, null, null, null, Query.of(), null, null);
  }

  /**
   * A request for {@code method} on an absolute http(s) URI (e.g. a {@code Location} the server
   * returned). Credentials are sent only when the URI has the base URL's origin.
   *
   * @throws IllegalArgumentException for an unknown method or a URI that is not absolute http(s)
   */
  public static ApiRequest of(String method, URI uri) {
    return new ApiRequest(checkMethod(method), null, checkUri(uri), List.of(), Set.of(),
        null, null, null, null, null, null, null, null, Query.of(), null, null);
  }

  /**
   * {@code GET uri} with the headers and credential marks of {@code of} (the caller's
   * {@code Accept}, an API key; credentials then go by {@code OriginPolicy}) and
   * {@code followLocation(false)}, nothing else of it: the read of a created resource's
   * {@code Location}, which the client resolved itself into an http(s) URL with a host, so it is
   * not checked again, and whose {@code url} it sends to as it is.
   */
  static ApiRequest locationGet(URI uri, HttpUrl url, ApiRequest of) {
    return new ApiRequest("GET", null, uri, of.headers, of.sensitive, null, null, null, null,
        null, Boolean.FALSE, null, null, Query.of(), null, url);
  }

  /**
   * {@code uri} if it is an absolute http(s) URI with a host. The message names the scheme and
   * host only: a path or query may hold secrets.
   *
   * @throws IllegalArgumentException otherwise
   */
  static URI checkUri(URI uri) {
    requireNonNull(uri, "uri == null");
    String scheme = uri.getScheme();
    if (scheme == null) {
      throw new IllegalArgumentException("uri must be an absolute http(s) URI, got a relative"
          + " one; use the operation taking an id or path, or resolve it against the base URL");
    }
    if (!scheme.equalsIgnoreCase("http") && !scheme.equalsIgnoreCase("https")) {
      throw new IllegalArgumentException(
          "uri must be an absolute http(s) URI, got scheme '" + scheme + "'");
    }
    if (uri.getHost() == null || Urls.parse(uri.toString()) == null) {
      throw new IllegalArgumentException("uri must be an absolute http(s) URI with a valid"
          + " host, got " + scheme + "://" + (uri.getHost() == null ? "" : uri.getHost()));
    }
    return uri;
  }

  /** {@code GET path}; see {@link #of(String, String)}. */
  public static ApiRequest get(String path) {
    return of("GET", path);
  }

  /**
   * {@code method} (one of {@code METHODS}, in upper case) on {@code path}, both known valid:
   * a resource's collection path, checked when the resource was made, with an id's checked
   * and encoded segment after it. Not checked again.
   */
  static ApiRequest checked(String method, String path) {
    return new ApiRequest(method, path, null, List.of(), Set.of(), null, null, null, null, null,
        null, null, null, Query.of(), null, null);
  }

  /** {@code POST path}; see {@link #of(String, String)}. */
  public static ApiRequest post(String path) {
    return of("POST", path);
  }

  /** {@code PUT path}; see {@link #of(String, String)}. */
  public static ApiRequest put(String path) {
    return of("PUT", path);
  }

  /** {@code PATCH path}; see {@link #of(String, String)}. */
  public static ApiRequest patch(String path) {
    return of("PATCH", path);
  }

  /** {@code DELETE path}; see {@link #of(String, String)}. */
  public static ApiRequest delete(String path) {
    return of("DELETE", path);
  }

  /**
   * Adds a header. {@code If-Match}, {@code If-None-Match} and {@code Idempotency-Key} have their
   * own methods; {@code Host}, {@code Content-Length} and similar are managed by the transport.
   *
   * @throws IllegalArgumentException for a managed header or a name/value OkHttp would reject
   */
  public ApiRequest header(String name, String value) {
    checkHeader(name, value);
    List<String> h = new ArrayList<>(headers);
    h.add(name);
    h.add(value);
    return copy(Collections.unmodifiableList(h), sensitive, body, rawBody, rawMediaType, ifMatch,
        ifNoneMatch, followLocation, idempotencyKey, timeout);
  }

  /**
   * Adds a header that carries a credential (an API key, a signature): like {@code
   * Authorization} and {@code Cookie} it is never shown in messages, logs or {@code toString()},
   * and never sent to another origin.
   */
  public ApiRequest credentialHeader(String name, String value) {
    ApiRequest r = header(name, value);
    Set<String> s = new TreeSet<>(sensitive);
    s.add(name.toLowerCase(Locale.ROOT));
    return r.copy(r.headers, Collections.unmodifiableSet(s), body, rawBody, rawMediaType, ifMatch,
        ifNoneMatch, followLocation, idempotencyKey, timeout);
  }

  /**
   * This request sent to {@code uri} with {@code method} instead (a redirect). With
   * {@code keep}, the body, the caller's {@code If-None-Match}, and the {@code If-Match} and
   * {@code Idempotency-Key} that were sent go along; without, none of them.
   */
  ApiRequest redirectedTo(String method, URI uri, boolean keep, @Nullable String sentIfMatch,
      @Nullable String sentIdempotencyKey) {
    return new ApiRequest(method, null, uri, headers, sensitive, keep ? body : null,
        keep ? rawBody : null, keep ? rawMediaType : null, keep ? sentIfMatch : null,
        keep ? ifNoneMatch : null, followLocation, keep ? sentIdempotencyKey : null, timeout,
        Query.of(), route, null); // the redirect's URI carries the query the server chose
  }

  /**
   * A JSON body: {@code value} is written by the client's {@link BodyCodec} and sent as its
   * content type ({@code application/json}); a {@link JsonPatch} is sent as {@code application/json-patch+json}
   * (as with {@link #jsonPatch(JsonPatch)}).
   */
  public ApiRequest body(Object value) {
    requireNonNull(value, "value == null");
    String type = value instanceof JsonPatch ? JsonPatch.MEDIA_TYPE : null;
    return copy(headers, sensitive, value, null, type, ifMatch, ifNoneMatch, followLocation,
        idempotencyKey, timeout);
  }

  /**
   * An RFC 6902 JSON Patch body, sent as {@code application/json-patch+json}: a list of
   * operations the server applies in order, all or none. Usually with {@code PATCH}.
   *
   * <pre>{@code
   * client.send(ApiRequest.patch("books/42").jsonPatch(JsonPatch.create()
   *     .test("/title", "Dune").replace("/title", "Dune Messiah")), Book.class);
   * }</pre>
   */
  public ApiRequest jsonPatch(JsonPatch patch) {
    requireNonNull(patch, "patch == null");
    return body(patch);
  }

  /**
   * An RFC 7396 JSON merge patch body, sent as {@code application/merge-patch+json}: the
   * members of {@code changes} replace those of the resource, recursively for objects, and a
   * member whose value is {@code null} is removed. Arrays are replaced whole.
   *
   * <p>{@code changes} is written by the client's {@link BodyCodec}; what its
   * {@code null}s mean depends on what it is:
   * <ul>
   *   <li>a {@link java.util.Map} or a Jackson (2 or 3) {@code JsonNode}: sent as it is, so a
   *       {@code null} value removes that member ({@code Map.of} takes no nulls: use a
   *       {@code HashMap}, or {@code ObjectNode.putNull});
   *   <li>any other object (a "partial" POJO or record): its {@code null} members are left out,
   *       at every depth except inside arrays, so they mean "unchanged", not "remove" (Jackson
   *       would send them as {@code null} and erase those members). A primitive member is
   *       always sent ({@code 0}, {@code false}): give a partial type boxed members.
   * </ul>
   * A merge patch that is not a JSON object would replace the whole resource (RFC 7396 §2):
   * strings, numbers, booleans, collections, arrays and non-object {@code JsonNode}s are refused.
   *
   * <pre>{@code
   * Map<String, Object> changes = new HashMap<>();
   * changes.put("title", "Dune Messiah");
   * changes.put("subtitle", null);          // removes "subtitle"
   * client.send(ApiRequest.patch("books/42").mergePatch(changes), Book.class);
   * }</pre>
   *
   * @throws IllegalArgumentException if {@code changes} is a {@link JsonPatch} or cannot be a
   *     JSON object
   */
  public ApiRequest mergePatch(Object changes) {
    checkMergePatch(changes);
    return copy(headers, sensitive, new MergePatchBody(changes), null, MergePatchBody.MEDIA_TYPE,
        ifMatch, ifNoneMatch, followLocation, idempotencyKey, timeout);
  }

  /** The argument checks of {@link #mergePatch(Object)}. */
  static void checkMergePatch(Object changes) {
    requireNonNull(changes, "changes == null");
    if (changes instanceof JsonPatch) {
      throw new IllegalArgumentException(
          "a JsonPatch is not a merge patch; send it with jsonPatch(patch)");
    }
    if (!MergePatchBody.mayBeObject(changes)) {
      throw new IllegalArgumentException("a merge patch must be a JSON object (a Map, an"
          + " ObjectNode or an object with members), got a " + changes.getClass().getName()
          + "; anything else would replace the whole resource: use a PUT for that");
    }
  }

  /** A body sent byte for byte with the given media type (e.g. to send prepared JSON). */
  public ApiRequest rawBody(byte[] bytes, String mediaType) {
    requireNonNull(bytes, "bytes == null");
    requireNonNull(mediaType, "mediaType == null");
    if (okhttp3.MediaType.parse(mediaType) == null) {
      throw new IllegalArgumentException("mediaType is not a media type: " + mediaType);
    }
    return copy(headers, sensitive, null, bytes.clone(), mediaType, ifMatch, ifNoneMatch,
        followLocation, idempotencyKey, timeout);
  }

  /**
   * Sends {@code If-Match} with this entity tag, as received. An explicit {@code If-Match} always
   * wins over the one the ETag cache would add, and is sent as given, a weak tag too (a
   * compliant server then answers 412: If-Match compares strongly; see {@link ETag}).
   */
  public ApiRequest ifMatch(ETag etag) {
    requireNonNull(etag, "etag == null");
    return copy(headers, sensitive, body, rawBody, rawMediaType, etag.headerValue(), ifNoneMatch,
        followLocation, idempotencyKey, timeout);
  }

  /** Sends {@code If-Match: *}: write only if the resource exists. */
  public ApiRequest ifMatchAny() {
    return copy(headers, sensitive, body, rawBody, rawMediaType, "*", ifNoneMatch,
        followLocation, idempotencyKey, timeout);
  }

  /**
   * Sends {@code If-None-Match} with this entity tag. The ETag cache then steps aside and a 304
   * comes back as {@link ApiResponse.NotModified}.
   */
  public ApiRequest ifNoneMatch(ETag etag) {
    requireNonNull(etag, "etag == null");
    return copy(headers, sensitive, body, rawBody, rawMediaType, ifMatch, etag.headerValue(),
        followLocation, idempotencyKey, timeout);
  }

  /**
   * Sends {@code If-None-Match: *}: on a {@code PUT}, write only if the resource does not exist
   * yet (create-if-absent, RFC 9110 §13.1.2). If it does exist the server answers 412, which
   * becomes {@link ApiException.AlreadyExists}. The ETag cache then adds no {@code If-Match}
   * (the two together could never create anything) and the 412 leaves its entry alone.
   */
  public ApiRequest ifNoneMatchAny() {
    return copy(headers, sensitive, body, rawBody, rawMediaType, ifMatch, "*", followLocation,
        idempotencyKey, timeout);
  }

  /**
   * Whether a 201 is followed by a GET of its {@code Location} (default: the client's setting,
   * itself true by default).
   */
  public ApiRequest followLocation(boolean follow) {
    return copy(headers, sensitive, body, rawBody, rawMediaType, ifMatch, ifNoneMatch, follow,
        idempotencyKey, timeout);
  }

  /**
   * Sends {@code Idempotency-Key: key} on every attempt of this call, which makes a POST safe to
   * retry.
   *
   * @throws IllegalArgumentException if {@code key} is blank or not a valid header value
   */
  public ApiRequest idempotencyKey(String key) {
    requireNonNull(key, "key == null");
    if (key.isBlank()) throw new IllegalArgumentException("idempotency key is blank");
    checkHeader("Idempotency-Key-Check", key);
    return copy(headers, sensitive, body, rawBody, rawMediaType, ifMatch, ifNoneMatch,
        followLocation, key, timeout);
  }

  /**
   * A deadline for this call covering every attempt and backoff delay, time queued for a
   * connection on the async path included (default: the client's
   * {@link RestClient.Builder#deadline}). Of the other time limits,
   * {@link RestClient.Builder#attemptTimeout} bounds each attempt alone and
   * {@link RetryOptions#maxDuration()} stops starting retries.
   *
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   */
  public ApiRequest timeout(Duration timeout) {
    requireNonNull(timeout, "timeout == null");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    return copy(headers, sensitive, body, rawBody, rawMediaType, ifMatch, ifNoneMatch,
        followLocation, idempotencyKey, timeout);
  }

  /**
   * Adds query parameters, encoded by OkHttp's rules when the request is sent (see
   * {@link Query}). They follow any query already in the path or URI, then those of earlier
   * calls, in order: {@code ApiRequest.get("books?page=2").query(Query.of("author", "Le Guin"))}
   * asks for {@code books?page=2&author=Le%20Guin}. None by default.
   *
   * @throws NullPointerException if {@code query} is null
   */
  public ApiRequest query(Query query) {
    requireNonNull(query, "query == null");
    return new ApiRequest(method, path, uri, headers, sensitive, body, rawBody, rawMediaType,
        ifMatch, ifNoneMatch, followLocation, idempotencyKey, timeout, this.query.and(query),
        route, url);
  }

  /**
   * Names what this request calls, for metrics, traces and logs ({@link CallListener.Call#route()}):
   * a low-cardinality template such as {@code "books/{id}/reviews"}, never a path with ids.
   * Without one, a {@link Resource}'s requests are named by its collection path, others
   * {@code "none"}.
   *
   * <pre>{@code
   * client.send(ApiRequest.get("books/" + id + "/reviews").route("books/{id}/reviews"), Page.class);
   * }</pre>
   *
   * @throws NullPointerException if {@code route} is null
   * @throws IllegalArgumentException if it is blank
   */
  public ApiRequest route(String route) {
    requireNonNull(route, "route == null");
    if (route.isBlank()) throw new IllegalArgumentException("route is blank");
    return new ApiRequest(method, path, uri, headers, sensitive, body, rawBody, rawMediaType,
        ifMatch, ifNoneMatch, followLocation, idempotencyKey, timeout, query, route, url);
  }

  /** The name given with {@link #route(String)}, or null. */
  public @Nullable String route() {
    return route;
  }

  /** The query parameters added with {@link #query(Query)} (not those written in the path). */
  public Query query() {
    return query;
  }

  /** The HTTP method. */
  public String method() {
    return method;
  }

  /** The path relative to the base URL, or null when the request has an absolute URI. */
  public @Nullable String path() {
    return path;
  }

  /** The absolute URI, or null when the request has a relative path. */
  public @Nullable URI uri() {
    return uri;
  }

  /** The URL of {@link #uri()} when the client resolved it itself, or null: parse the URI. */
  @Nullable HttpUrl url() {
    return url;
  }

  /** The extra headers as name/value pairs in the order added. */
  public List<String> headerPairs() {
    return headers;
  }

  /** Whether the caller set a header named {@code name} (any case). */
  boolean hasHeader(String name) {
    for (int i = 0; i < headers.size(); i += 2) {
      if (headers.get(i).equalsIgnoreCase(name)) return true;
    }
    return false;
  }

  /** The lower-case names of headers marked as credentials. */
  public Set<String> credentialHeaders() {
    return sensitive;
  }

  /**
   * The JSON body object, if one was set (for {@link #mergePatch(Object)}, the changes given).
   */
  public @Nullable Object body() {
    return body instanceof MergePatchBody m ? m.changes() : body;
  }

  /** The JSON body as serialized: a merge patch's changes wrapped to drop a POJO's nulls. */
  @Nullable Object bodyToSerialize() {
    return body;
  }

  /**
   * The {@code Content-Type} of a JSON body when it is not {@code application/json} (a patch),
   * else null.
   */
  @Nullable String jsonMediaType() {
    return rawBody == null ? rawMediaType : null;
  }

  /** A copy of the raw body, if one was set. */
  public byte @Nullable [] rawBody() {
    return rawBody == null ? null : rawBody.clone();
  }

  byte @Nullable [] rawBodyUnsafe() {
    return rawBody;
  }

  /** The raw body's media type, if a raw body was set. */
  public @Nullable String rawMediaType() {
    return rawBody == null ? null : rawMediaType;
  }

  /** The {@code If-Match} value the caller set ({@code "*"} or an entity tag), or null. */
  public @Nullable String ifMatch() {
    return ifMatch;
  }

  /** The {@code If-None-Match} tag the caller set, or null (also after {@link #ifNoneMatchAny()}). */
  public @Nullable ETag ifNoneMatch() {
    return ifNoneMatch == null || ifNoneMatch.equals("*") ? null
        : ETag.parse(ifNoneMatch).orElse(null);
  }

  /** The {@code If-None-Match} value the caller set ({@code "*"} or an entity tag), or null. */
  public @Nullable String ifNoneMatchValue() {
    return ifNoneMatch;
  }

  /** The per-request follow-Location switch, or null for the client's default. */
  public @Nullable Boolean followLocation() {
    return followLocation;
  }

  /** The idempotency key, or null. */
  public @Nullable String idempotencyKey() {
    return idempotencyKey;
  }

  /** The per-call deadline, or null for the client's default. */
  public @Nullable Duration timeout() {
    return timeout;
  }

  /** Method and path only: query, headers and body are never shown (they may hold secrets). */
  @Override
  public String toString() {
    String target = path != null ? path : uri.getScheme() + "://" + uri.getHost()
        + (uri.getPort() < 0 ? "" : ":" + uri.getPort()) + uri.getRawPath();
    int q = target.indexOf('?');
    if (q < 0 && !query.isEmpty()) q = target.length();
    return "ApiRequest{" + method + " " + (q < 0 ? target : target.substring(0, q) + "?…") + "}";
  }

  private static String checkMethod(String method) {
    requireNonNull(method, "method == null");
    String m = method.toUpperCase(Locale.ROOT);
    if (!METHODS.contains(m)) {
      throw new IllegalArgumentException("method must be one of " + new TreeSet<>(METHODS)
          + ": " + method);
    }
    return m;
  }

  /** Whether {@code p} starts with a URI scheme and its colon ({@code [A-Za-z][A-Za-z0-9+.-]*:}). */
  static boolean startsWithScheme(String p) {
    if (p.isEmpty() || !isAsciiLetter(p.charAt(0))) return false;
    for (int i = 1; i < p.length(); i++) {
      char c = p.charAt(i);
      if (c == ':') return true;
      if (!isAsciiLetter(c) && !(c >= '0' && c <= '9') && c != '+' && c != '.' && c != '-') {
        return false;
      }
    }
    return false;
  }

  private static boolean isAsciiLetter(char c) {
    return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
  }

  static String checkPath(String path) {
    requireNonNull(path, "path == null");
    if (path.isEmpty()) throw new IllegalArgumentException("path is empty");
    if (path.startsWith("/")) {
      throw new IllegalArgumentException(
          "path must be relative to the base URL (no leading '/'): " + shown(path));
    }
    int end = path.length();
    int q = path.indexOf('?');
    if (q >= 0) end = q;
    int frag = path.indexOf('#');
    if (frag >= 0) throw new IllegalArgumentException("path must not hold a fragment: " + shown(path));
    String p = path.substring(0, end);
    if (startsWithScheme(p)) {
      throw new IllegalArgumentException(
          "path must be relative, use ApiRequest.of(method, URI) for absolute URIs: " + shown(path));
    }
    if (p.indexOf('\\') >= 0) throw new IllegalArgumentException("path holds '\\': " + shown(path));
    for (int from = 0; from <= p.length(); ) {
      int slash = p.indexOf('/', from);
      int to = slash < 0 ? p.length() : slash;
      if (isDotSegment(p, from, to)) {
        throw new IllegalArgumentException(
            "path must not hold '.' or '..' segments that leave the base URL: " + shown(path));
      }
      from = to + 1;
    }
    return path;
  }

  /**
   * A path as messages show it: without its query or fragment, which may hold secrets (an
   * {@code access_token}, an OAuth fragment).
   */
  static String shown(String path) {
    int q = path.indexOf('?');
    int f = path.indexOf('#');
    int cut = q < 0 ? f : f < 0 ? q : Math.min(q, f);
    return cut < 0 ? path : path.substring(0, cut) + path.charAt(cut) + "…";
  }

  /** {@code .} or {@code ..} in {@code s[from, to)}, each dot possibly written {@code %2e}. */
  private static boolean isDotSegment(String s, int from, int to) {
    int dots = 0;
    for (int i = from; i < to; ) {
      if (s.charAt(i) == '.') {
        i++;
      } else if (i + 3 <= to && s.charAt(i) == '%' && s.charAt(i + 1) == '2'
          && (s.charAt(i + 2) == 'e' || s.charAt(i + 2) == 'E')) {
        i += 3;
      } else {
        return false;
      }
      if (++dots > 2) return false;
    }
    return dots > 0;
  }

  private static void checkHeader(String name, String value) {
    requireNonNull(name, "name == null");
    requireNonNull(value, "value == null");
    if (MANAGED.contains(name.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException(
          "header " + name + " is managed by the client; use its dedicated method");
    }
    try {
      new okhttp3.Headers.Builder().add(name, value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("invalid header " + name + ": " + e.getMessage()
          .replace(value, "<value>"), null);
    }
  }
}
