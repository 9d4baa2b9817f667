package io.restsdk.core;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.restsdk.core.internal.ErrorBodies;
import io.restsdk.core.internal.MediaTypes;
import io.restsdk.core.internal.UrlRedactor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import org.jspecify.annotations.Nullable;

/**
 * One call of {@link RestClient#send}: the request flow of the design, in one direction.
 *
 * <pre>
 * conditional layer (If-None-Match / If-Match from the ETag cache)
 *   → transport (under the client's policies) → status table
 * ← conditional layer (store, answer 304, evict) ← Location follower ← decoder
 * </pre>
 *
 * <p>The flow is a chain of hops: each hop is one HTTP exchange plus what to do with its
 * answer, which is either the result or one more hop (follow {@code Location}, re-GET after a
 * 304 the cache cannot answer). The sync path runs the chain in a loop; the async path chains
 * futures, so both share every decision.
 */
final class Exchange<T> {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  private static final String DEFAULT_ACCEPT = "application/json";

  private final RestClient client;
  private final ApiRequest request;
  private final JavaType type;
  /** Resource operations that must end with a body (get, create) set this. */
  private boolean needBody;
  /** Skip the cache for reads: modify's re-read after a 412. */
  private boolean bypassCache;
  /** The async operation this exchange belongs to; null: one of its own. */
  private @Nullable Cancellation cancellation;

  Exchange(RestClient client, ApiRequest request, JavaType type) {
    this.client = client;
    this.request = request;
    this.type = type;
  }

  Exchange<T> needBody() {
    this.needBody = true;
    return this;
  }

  Exchange<T> bypassCache() {
    this.bypassCache = true;
    return this;
  }

  /** Makes this exchange part of an async operation of several, cancelled together. */
  Exchange<T> cancellation(Cancellation c) {
    this.cancellation = c;
    return this;
  }

  // ---------------------------------------------------------------- drivers

  ApiResponse<T> run() {
    client.checkOpen();
    Policies.Deadline deadline = client.policies.deadline(request);
    Hop<ApiResponse<T>> hop = firstHop();
    int attempts = 0;
    while (true) {
      Hop<ApiResponse<T>> h = hop;
      // One attempt = the transport call and the status mapping, so retries decide on the
      // mapped outcome; a Step is data (the next hop is not run inside the attempt).
      Step<ApiResponse<T>> step = client.policies.get(send(h, deadline),
          (ok, req) -> h.then.apply(Transport.execute(ok, req, client.limits, h.target)), h.recover);
      if (step.hop == null) return step.value;
      if (++attempts > 4) throw new IllegalStateException("too many hops"); // cannot happen
      hop = step.hop;
    }
  }

  /**
   * The async driver. Cancelling the returned future cancels the HTTP call in flight and any
   * retry scheduled, and no further hop starts.
   */
  CompletableFuture<ApiResponse<T>> runAsync() {
    Cancellation c = cancellation != null ? cancellation : new Cancellation();
    CompletableFuture<ApiResponse<T>> result = c.cancelledBy(new CompletableFuture<>());
    try {
      client.checkOpen();
      hopAsync(firstHop(), client.policies.deadline(request), result, c);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private <R> void hopAsync(Hop<R> hop, Policies.@Nullable Deadline deadline,
      CompletableFuture<R> result, Cancellation c) {
    if (c.isCancelled()) {
      result.cancel(false);
      return;
    }
    // A provider that may block is never asked for a token on OkHttp's threads: the answer
    // (which may follow a Location or scrub an error) is then handled on the client's own.
    java.util.concurrent.Executor answers =
        TokenRefresh.mayBlock(client.tokenProvider) ? TokenRefresh.THREADS : null;
    client.policies.getAsync(send(hop, deadline),
            (ok, req) -> Cancellation.map(
                c.track(Transport.enqueue(ok, req, client.limits, hop.target)), hop.then, answers),
            hop.recover, c)
        .whenComplete((step, error) -> {
          if (error != null) {
            result.completeExceptionally(unwrap(error));
            return;
          }
          try {
            if (step.hop == null) result.complete(step.value);
            else hopAsync(step.hop, deadline, result, c);
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
  }

  private Policies.Send send(Hop<?> hop, Policies.@Nullable Deadline deadline) {
    return new Policies.Send(client.okHttp, hop.request, hop.method, hop.target.shownUrl(),
        deadline);
  }

  /**
   * A future that fails with the cause itself, not a {@code CompletionException} around it;
   * cancelling it cancels the operation {@code c}.
   */
  static <X> CompletableFuture<X> unwrapped(CompletableFuture<X> source, Cancellation c) {
    CompletableFuture<X> out = c.cancelledBy(new CompletableFuture<>());
    source.whenComplete((v, e) -> {
      if (e == null) out.complete(v);
      else out.completeExceptionally(unwrap(e));
    });
    return out;
  }

  static Throwable unwrap(Throwable t) {
    while (t instanceof CompletionException && t.getCause() != null) t = t.getCause();
    return t;
  }

  // ---------------------------------------------------------------- the first hop

  private Hop<ApiResponse<T>> firstHop() {
    HttpUrl url = resolve();
    String method = request.method();
    String shownUrl = UrlRedactor.redact(url);
    boolean sameOrigin = sameOrigin(url, client.baseUrl);
    Request.Builder b = new Request.Builder().url(url);
    String token = credentials(b, sameOrigin);
    String accept = userHeaders(b);
    b.header("User-Agent", client.userAgent);
    if (request.idempotencyKey() != null) {
      b.header("Idempotency-Key", request.idempotencyKey());
    } else if (client.autoIdempotencyKeys && method.equals("POST")) {
      b.header("Idempotency-Key", UUID.randomUUID().toString()); // one key for every attempt
    }
    b.method(method, body(method, shownUrl));

    List<String> secrets = secrets(token, sameOrigin);
    CacheKey key = cacheKey(url, secrets, accept);
    CachedResponse sentFor = null; // the entry If-None-Match was added for
    ETag sentIfMatch = null;
    if (request.ifNoneMatch() != null) {
      b.header("If-None-Match", request.ifNoneMatch().headerValue());
    } else if (key != null && method.equals("GET") && !bypassCache) {
      sentFor = client.etagCache.lookup(key);
      if (sentFor != null) b.header("If-None-Match", sentFor.etag().headerValue());
    }
    if (request.ifMatch() != null) {
      b.header("If-Match", request.ifMatch());
      sentIfMatch = ETag.parse(request.ifMatch()).orElse(null);
    } else if (key != null && client.conditionalWrites && isConditionalWrite(method)) {
      CachedResponse held = client.etagCache.peek(key);
      if (held != null && !held.etag().isWeak()) { // If-Match compares strongly: a weak tag always fails
        sentIfMatch = held.etag();
        b.header("If-Match", sentIfMatch.headerValue());
      }
    }
    Ctx ctx = new Ctx(method, url, shownUrl, key, sentFor, sentIfMatch, secrets);
    Request sent = b.build();
    return new Hop<>(method, sent, ctx.target(type), raw -> onResponse(raw, ctx),
        e -> checkOutcome(e, ctx, sent));
  }

  /**
   * After a lost response, a 412 or 409 may be the echo of this call's own earlier attempt:
   * one more hop re-reads the resource to tell (the rule is on {@link OutcomeCheck}).
   */
  private @Nullable Step<ApiResponse<T>> checkOutcome(ApiException e, Ctx ctx, Request sent) {
    HttpUrl target = ctx.url;
    if (e instanceof ApiException.Conflict) {
      String header = e.headers().get("Location");
      target = header == null ? null : ctx.url.resolve(header);
      if (target == null || !sameOrigin(target, ctx.url)) return null;
    }
    HttpUrl url = target;
    boolean delete = ctx.method.equals("DELETE");
    JsonNode wanted = delete ? null : OutcomeCheck.sentJson(sent, client.mapper);
    if (!delete && wanted == null) return null;
    Ctx readCtx = new Ctx("GET", url, UrlRedactor.redact(url), null, null, null, ctx.secrets);
    Hop<ApiResponse<T>> reread = new Hop<>("GET", OutcomeCheck.reread(sent, url),
        readCtx.target(type), raw -> {
          if (delete && (raw.code() == 404 || raw.code() == 410)) {
            evictWritten(url);
            return done(new ApiResponse.NoContent<>(204, raw.headers()));
          }
          if (delete || raw.code() != 200
              || !OutcomeCheck.holds(raw.body(), wanted, client.mapper)) {
            throw e;
          }
          evictWritten(url);
          ETag etag = ETag.parse(raw.header("ETag")).orElse(null);
          Entity<T> entity = entity(raw, raw.body(), etag, readCtx, false);
          return done(e instanceof ApiException.Conflict
              ? new ApiResponse.Created<>(201, raw.headers(), uri(url), entity)
              : new ApiResponse.Ok<>(entity));
        }, x -> null);
    return new Step<>(null, reread);
  }

  private HttpUrl resolve() {
    if (request.uri() != null) {
      HttpUrl u = HttpUrl.parse(request.uri().toString());
      if (u == null) throw new IllegalArgumentException("not an http(s) URI: " + request.uri());
      return u;
    }
    HttpUrl u = client.baseUrl.resolve(request.path());
    if (u == null || !u.encodedPath().startsWith(client.baseUrl.encodedPath())) {
      throw new IllegalArgumentException("path leaves the base URL: " + request.path());
    }
    return u;
  }

  /** Adds Authorization for the base URL's origin only; returns the token sent, if any. */
  private @Nullable String credentials(Request.Builder b, boolean sameOrigin) {
    if (!sameOrigin || client.tokenProvider == null) return null;
    String token = client.tokenProvider.token();
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("TokenProvider returned a blank token");
    }
    b.header("Authorization", "Bearer " + token);
    return token;
  }

  /** Adds the caller's headers, dropping credentials for other origins; returns Accept. */
  private String userHeaders(Request.Builder b) {
    List<String> pairs = request.headerPairs();
    boolean sameOrigin = request.uri() == null
        || sameOrigin(HttpUrl.get(request.uri().toString()), client.baseUrl);
    String accept = DEFAULT_ACCEPT;
    for (int i = 0; i < pairs.size(); i += 2) {
      String name = pairs.get(i);
      if (!sameOrigin && isCredential(name)) continue;
      if (name.equalsIgnoreCase("Accept")) accept = pairs.get(i + 1);
      b.addHeader(name, pairs.get(i + 1));
    }
    b.header("Accept", accept);
    return accept;
  }

  private boolean isCredential(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization") || n.equals("cookie") || n.equals("proxy-authorization")
        || request.credentialHeaders().contains(n);
  }

  private @Nullable RequestBody body(String method, String shownUrl) {
    byte[] raw = request.rawBodyUnsafe();
    if (raw != null) return RequestBody.create(raw, MediaType.get(request.rawMediaType()));
    Object value = request.body();
    if (value != null) {
      try {
        return RequestBody.create(client.mapper.writeValueAsBytes(value), MediaTypes.JSON);
      } catch (JsonProcessingException e) {
        // The message names the type only: the body itself is never shown.
        throw new IllegalArgumentException(method + " " + shownUrl
            + ": cannot serialize a " + value.getClass().getName() + " as JSON: "
            + e.getOriginalMessage(), null);
      }
    }
    return switch (method) {
      case "POST", "PUT", "PATCH" -> RequestBody.create(new byte[0], null);
      default -> null;
    };
  }

  /** The credentials this request carries: the token and the values of credential headers. */
  private List<String> secrets(@Nullable String token, boolean sameOrigin) {
    List<String> pairs = request.headerPairs();
    List<String> secrets = new java.util.ArrayList<>(2);
    if (token != null) secrets.add(token);
    for (int i = 0; sameOrigin && i < pairs.size(); i += 2) {
      if (isCredential(pairs.get(i))) secrets.add(pairs.get(i + 1));
    }
    return secrets;
  }

  /** Entries are kept per credential identity: a hash of everything that authenticates. */
  private @Nullable CacheKey cacheKey(HttpUrl url, List<String> secrets, String accept) {
    if (!client.etagCache.isEnabled()) return null;
    String identity = secrets.isEmpty() ? null
        : secrets.size() == 1 ? secrets.get(0) : String.join("\n", secrets);
    return new CacheKey(url.toString(), client.principals.of(identity), accept);
  }

  // ---------------------------------------------------------------- the answer

  private Step<ApiResponse<T>> onResponse(RawResponse raw, Ctx ctx) {
    StatusTable row = StatusTable.of(raw.code());
    if (row.outcome == StatusTable.Outcome.FAILURE) throw failure(raw, ctx, row);
    if (row.bodyless && raw.body().length > 0) {
      violation(raw, ctx, raw.code() + " with a body (" + raw.body().length + " bytes)");
    }
    boolean write = WRITES.contains(ctx.method);
    if (write) evictWritten(ctx.url);
    return switch (row.outcome) {
      case OK -> {
        if (raw.body().length == 0 && raw.code() != 200) {
          yield done(new ApiResponse.NoContent<>(raw.code(), raw.headers()));
        }
        ETag etag = ETag.parse(raw.header("ETag")).orElse(null);
        // HEAD answers carry no body to keep: only GETs fill the cache.
        boolean stored = ctx.method.equals("GET") && ctx.key != null
            && storeOrEvict(ctx.key, etag, raw);
        yield done(new ApiResponse.Ok<>(entity(raw, raw.body(), etag, ctx, stored)));
      }
      case CREATED -> created(raw, ctx);
      case NO_CONTENT -> done(new ApiResponse.NoContent<>(raw.code(), raw.headers()));
      case NOT_MODIFIED -> notModified(raw, ctx);
      case FAILURE -> throw new AssertionError("handled above");
    };
  }

  /** Keeps a tagged 200 in the cache, else drops what it held; true when it was kept. */
  private boolean storeOrEvict(CacheKey key, @Nullable ETag etag, RawResponse raw) {
    String cacheControl = raw.header("Cache-Control");
    boolean noStore = cacheControl != null
        && cacheControl.toLowerCase(Locale.ROOT).contains("no-store");
    if (etag == null || noStore || raw.code() != 200) {
      client.etagCache.evict(key.url()); // a newer answer without a tag: the old body is stale
      return false;
    }
    client.etagCache.store(key, new CachedResponse(etag, raw.body(), raw.headers()));
    return true;
  }

  private Step<ApiResponse<T>> notModified(RawResponse raw, Ctx ctx) {
    if (ctx.sentFor != null && ctx.key != null) {
      CachedResponse held = client.etagCache.peek(ctx.key);
      if (held != null && held.etag().equals(ctx.sentFor.etag())) {
        CachedResponse refreshed = held.withHeaders(merge(held.headers(), raw.headers()));
        client.etagCache.refresh(ctx.key, refreshed);
        client.etagCache.hit();
        return done(new ApiResponse.Ok<>(
            entity(raw, refreshed.body(), refreshed.etag(), ctx, true, refreshed.headers())));
      }
      // Evicted between request and answer: one unconditional GET, never an error.
      return new Step<>(null, regetHop(ctx));
    }
    if (request.ifNoneMatch() != null && !needBody) {
      ETag etag = ETag.parse(raw.header("ETag")).orElse(request.ifNoneMatch());
      return done(new ApiResponse.NotModified<>(raw.code(), raw.headers(), etag));
    }
    String what = "304 Not Modified for a request without If-None-Match";
    if (needBody || client.contractMode == ContractMode.STRICT || request.ifNoneMatch() == null) {
      throw contractViolation(raw, ctx, what);
    }
    return done(new ApiResponse.NotModified<>(raw.code(), raw.headers(), null));
  }

  private Hop<ApiResponse<T>> regetHop(Ctx ctx) {
    Exchange<T> again = new Exchange<>(client, request, type);
    again.needBody = needBody;
    again.bypassCache = true;
    return again.firstHop();
  }

  /** RFC 9111 §4.3.4: the 304's fields replace the stored ones, except those about the body. */
  private static Headers merge(Headers stored, Headers fresh) {
    Headers.Builder b = stored.newBuilder();
    for (String name : fresh.names()) {
      String n = name.toLowerCase(Locale.ROOT);
      if (n.equals("content-length") || n.equals("content-encoding")
          || n.equals("transfer-encoding") || n.equals("content-type")) {
        continue;
      }
      b.removeAll(name);
      for (String v : fresh.values(name)) b.add(name, v);
    }
    return b.build();
  }

  // ---------------------------------------------------------------- 201 and Location

  private Step<ApiResponse<T>> created(RawResponse raw, Ctx ctx) {
    String header = raw.header("Location");
    HttpUrl location = header == null ? null : ctx.url.resolve(header);
    if (location == null) {
      String what = header == null
          ? "201 without Location" : "201 with a Location that is not http(s)";
      if (needBody || client.contractMode == ContractMode.STRICT) {
        throw contractViolation(raw, ctx, what);
      }
      log(ctx, what);
      return done(new ApiResponse.Created<>(raw.code(), raw.headers(), null, null));
    }
    URI uri = uri(location);
    evictWritten(location);
    Boolean perRequest = request.followLocation();
    boolean follow = needBody || (perRequest != null ? perRequest : client.followLocation);
    if (!follow) return done(new ApiResponse.Created<>(raw.code(), raw.headers(), uri, null));
    boolean sameOrigin = sameOrigin(location, client.baseUrl);
    if (!sameOrigin && !client.followCrossOriginLocation) {
      if (needBody) {
        throw new LocationNotFollowedException(ctx.method + " " + ctx.shownUrl + " → 201 Created:"
            + " Location " + UrlRedactor.redact(location) + " is on another origin; allow it with"
            + " RestClient.Builder.followCrossOriginLocation(true)", uri);
      }
      log(ctx, "201 Location on another origin not followed: " + UrlRedactor.redact(location));
      return done(new ApiResponse.Created<>(raw.code(), raw.headers(), uri, null));
    }
    // The caller's headers go along (Accept, an API key); credentials only to the same origin.
    ApiRequest get = ApiRequest.of("GET", uri).followLocation(false).withHeadersOf(request);
    Exchange<T> follower = new Exchange<T>(client, get, type);
    follower.needBody = true;
    Hop<ApiResponse<T>> wrapped = follower.firstHop().map(r -> {
      if (r instanceof ApiResponse.Ok<T> ok) {
        return new ApiResponse.Created<>(raw.code(), raw.headers(), uri, ok.entity());
      }
      throw contractViolation(raw, ctx, "the created resource's GET " + r.status()
          + " returned no body");
    });
    return new Step<>(null, wrapped);
  }

  private void evictWritten(HttpUrl url) {
    if (!client.etagCache.isEnabled()) return;
    HttpUrl plain = url.newBuilder().query(null).fragment(null).build();
    client.etagCache.evict(url.toString());
    client.etagCache.evict(plain.toString());
    List<String> segments = plain.pathSegments();
    int n = segments.size();
    if (n > 0 && segments.get(n - 1).isEmpty()) n--; // trailing slash
    if (n > 0) {
      HttpUrl.Builder parent = plain.newBuilder();
      for (int i = plain.pathSize() - 1; i >= n - 1 && i >= 0; i--) parent.removePathSegment(i);
      HttpUrl p = parent.build();
      client.etagCache.evict(p.toString());
      if (p.encodedPath().endsWith("/") && p.encodedPath().length() > 1) {
        String s = p.toString();
        client.etagCache.evict(s.substring(0, s.length() - 1));
      } else {
        client.etagCache.evict(p.toString() + "/");
      }
    }
  }

  // ---------------------------------------------------------------- failures

  private ApiException failure(RawResponse raw, Ctx ctx, StatusTable row) {
    if (ctx.key != null && (row == StatusTable.NOT_FOUND || row == StatusTable.PRECONDITION_FAILED
        || row == StatusTable.OTHER_CLIENT_ERROR && raw.code() == 410)) {
      client.etagCache.evict(ctx.key.url());
    }
    String text = ErrorBodies.text(raw.body(), client.maxErrorBodyBytes);
    if (text != null) text = scrub(text, ctx);
    if (text != null && ErrorBodies.looksLikeStackTrace(text)) {
      violation(raw, ctx, raw.code() + " with a raw stack trace in the body");
    }
    if (row.bodyless && raw.body().length > 0) {
      violation(raw, ctx, raw.code() + " with a body (" + raw.body().length + " bytes)");
    }
    ApiError error = ErrorBodies.parse(raw.body(), raw.contentType(), raw.code(), client.mapper);
    if (error != null) {
      error = new ApiError(error.code(), scrub(error.type(), ctx), scrub(error.message(), ctx));
    }
    ApiException.Failure f = new ApiException.Failure(
        ctx.method, ctx.shownUrl, raw.code(), raw.headers(), error, text);
    return row.failure(f, ctx.sentIfMatch);
  }

  /**
   * Servers sometimes echo request headers in errors: every credential the request carried, and
   * the provider's current token (it may have been refreshed mid-call), is replaced.
   */
  private String scrub(String text, Ctx ctx) {
    for (String secret : ctx.secrets) text = scrubOne(text, secret);
    if (client.tokenProvider != null && !ctx.secrets.isEmpty()) {
      text = scrubOne(text, client.tokenProvider.token());
    }
    return text;
  }

  private static String scrubOne(String text, @Nullable String secret) {
    return secret == null || secret.length() < 4 ? text : text.replace(secret, "REDACTED");
  }

  /** Strict: throws; lenient: logs. */
  private void violation(RawResponse raw, Ctx ctx, String what) {
    if (client.contractMode == ContractMode.STRICT) throw contractViolation(raw, ctx, what);
    log(ctx, what);
  }

  private ApiException.ContractViolation contractViolation(RawResponse raw, Ctx ctx, String what) {
    ApiError error = raw.code() >= 400
        ? ErrorBodies.parse(raw.body(), raw.contentType(), raw.code(), client.mapper) : null;
    return new ApiException.ContractViolation(new ApiException.Failure(ctx.method, ctx.shownUrl,
        raw.code(), raw.headers(), error, null), what);
  }

  private static void log(Ctx ctx, String what) {
    RestClient.LOG.log(Level.WARNING, () -> "contract violation tolerated: " + ctx.method + " "
        + ctx.shownUrl + ": " + what);
  }

  // ---------------------------------------------------------------- decoding

  /** {@code cached}: {@code body} is the array the ETag cache keeps. */
  private Entity<T> entity(RawResponse raw, byte[] body, @Nullable ETag etag, Ctx ctx,
      boolean cached) {
    return entity(raw, body, etag, ctx, cached, raw.headers());
  }

  private Entity<T> entity(RawResponse raw, byte[] body, @Nullable ETag etag, Ctx ctx,
      boolean cached, Headers headers) {
    boolean revalidated = raw.code() == 304;
    int status = revalidated ? 200 : raw.code();
    T value = cached ? cachedValue(body, headers, status, ctx) : decode(body, headers, status, ctx);
    return new Entity<>(value, etag, status, headers, uri(ctx.url), revalidated);
  }

  /**
   * The body of a cached array decoded, or with reuseDecodedBodies the value decoded from that
   * same array before (a 304 after the 200 that stored it).
   */
  @SuppressWarnings("unchecked")
  private T cachedValue(byte[] body, Headers headers, int status, Ctx ctx) {
    DecodedBodies memo = client.decodedBodies;
    T value = memo == null ? null : (T) memo.get(body, type);
    if (value != null) return value;
    value = decode(body, headers, status, ctx);
    if (memo != null && value != null && !(value instanceof byte[])) memo.put(body, type, value);
    return value;
  }

  @SuppressWarnings("unchecked")
  private T decode(byte[] body, Headers headers, int status, Ctx ctx) {
    Class<?> raw = type.getRawClass();
    if (raw == Void.class || raw == void.class) return null;
    // A copy: the array may be the one the ETag cache keeps, and callers may write to theirs.
    if (raw == byte[].class) return (T) body.clone();
    String ct = headers.get("Content-Type");
    // The usual "application/json" (with or without parameters) needs no MediaType, whose
    // parser runs a regular expression.
    boolean plainJson = ct != null && MediaTypes.isPlainJson(ct);
    MediaType mediaType = ct == null || plainJson ? null : MediaType.parse(ct);
    if (raw == String.class && !plainJson
        && (mediaType == null || !MediaTypes.isJson(mediaType))) {
      return (T) new String(body, mediaType == null || mediaType.charset() == null
          ? StandardCharsets.UTF_8 : mediaType.charset());
    }
    if (mediaType != null && !MediaTypes.isJson(mediaType)) {
      throw new DecodeException(ctx.method, ctx.shownUrl, status, type,
          "the body is " + mediaType.type() + "/" + mediaType.subtype() + ", not JSON");
    }
    if (body.length == 0) {
      throw new DecodeException(ctx.method, ctx.shownUrl, status, type, "the body is empty");
    }
    try {
      T value = client.reader(type).readValue(body);
      if (value == null) {
        throw new DecodeException(ctx.method, ctx.shownUrl, status, type, "the body is JSON null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new DecodeException(ctx.method, ctx.shownUrl, status, type, e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new DecodeException(ctx.method, ctx.shownUrl, status, type, String.valueOf(e), e);
    }
  }

  // ---------------------------------------------------------------- small things

  private static boolean isConditionalWrite(String method) {
    return method.equals("PUT") || method.equals("PATCH") || method.equals("DELETE");
  }

  /**
   * The URL as a {@link URI}. {@link HttpUrl#uri()} re-encodes through a regular expression it
   * compiles on every call; an OkHttp URL string is almost always a valid URI already, so that
   * is tried first and {@code uri()} kept for the rest.
   */
  static URI uri(HttpUrl url) {
    try {
      return new URI(url.toString());
    } catch (java.net.URISyntaxException e) {
      return url.uri();
    }
  }

  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  private static <R> Step<R> done(R value) {
    return new Step<>(value, null);
  }

  /** What the flow knows about the exchange in flight. */
  private record Ctx(String method, HttpUrl url, String shownUrl, @Nullable CacheKey key,
      @Nullable CachedResponse sentFor, @Nullable ETag sentIfMatch, List<String> secrets) {
    Transport.Target target(JavaType type) {
      return new Transport.Target(method, shownUrl, type);
    }

    @Override
    public String toString() {
      return "Ctx{" + method + " " + shownUrl + "}";
    }
  }

  /** One HTTP exchange and what to make of its answer. */
  record Hop<R>(String method, Request request, Transport.Target target,
      Function<RawResponse, Step<R>> then,
      Function<ApiException, @Nullable Step<R>> recover) {
    <S> Hop<S> map(Function<R, S> f) {
      return new Hop<>(method, request, target, raw -> mapStep(then.apply(raw), f), e -> {
        Step<R> s = recover.apply(e);
        return s == null ? null : mapStep(s, f);
      });
    }

    private static <R, S> Step<S> mapStep(Step<R> s, Function<R, S> f) {
      return s.hop == null ? new Step<>(f.apply(s.value), null) : new Step<>(null, s.hop.map(f));
    }
  }

  /** The result, or the next hop. */
  record Step<R>(@Nullable R value, @Nullable Hop<R> hop) {}
}
