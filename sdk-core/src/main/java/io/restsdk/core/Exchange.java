package io.restsdk.core;

import io.restsdk.core.internal.ErrorBodies;
import io.restsdk.core.internal.Json;
import io.restsdk.core.internal.MediaTypes;
import io.restsdk.core.internal.UrlRedactor;
import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.URI;
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
 * <p>The ETag-cache rules live in {@link ConditionalLayer}, decoding in {@link Decoder}.
 *
 * <p>The flow is a chain of hops: each hop is one HTTP exchange plus what to do with its
 * answer, which is either the result or one more hop (a redirect or a 201's {@code Location},
 * followed by {@link LocationFollower} under {@link OriginPolicy}; a re-GET after a
 * 304 the cache cannot answer). The sync path runs the chain in a loop; the async path chains
 * futures, so both share every decision.
 */
final class Exchange<T> {
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");
  static final String DEFAULT_ACCEPT = "application/json";

  private final RestClient client;
  private final ApiRequest request;
  private final java.lang.reflect.Type type;
  /** Resource operations that must end with a body (get, create) set this. */
  private boolean needBody;
  /** Skip the cache for reads: modify's re-read after a 412. */
  private boolean bypassCache;
  /** The URL was evicted by this call a moment ago (a 201's Location): no entry to look up. */
  private boolean justEvicted;
  /** The async operation this exchange belongs to; null: one of its own. */
  private @Nullable Cancellation cancellation;
  /** Redirects, Location and origins of the call: shared by every exchange of one call. */
  private final LocationFollower follow;
  /** The operation's cache partition; null: read it when the first hop is built. */
  private ConditionalLayer.@Nullable Partition partition;
  /** The route of the call's events: the request's own, else the resource's collection. */
  private final String route;
  /** Why this exchange's first hop is sent (for {@link CallListener}). */
  private CallListener.AttemptKind kind = CallListener.AttemptKind.INITIAL;

  Exchange(RestClient client, ApiRequest request, java.lang.reflect.Type type) {
    this(client, null, request, type);
  }

  /** {@code route}: the collection path of the resource the call is made through, or null. */
  Exchange(RestClient client, @Nullable String route, ApiRequest request,
      java.lang.reflect.Type type) {
    this(client, route, request, type, new LocationFollower());
  }

  /** An exchange of a call already under way, whose redirects and origins {@code follow} keeps. */
  private Exchange(RestClient client, @Nullable String route, ApiRequest request,
      java.lang.reflect.Type type, LocationFollower follow) {
    this.client = client;
    this.request = request;
    this.type = type;
    this.follow = follow;
    this.route = request.route() != null ? request.route()
        : route != null ? route : Observation.NO_ROUTE;
  }

  /** Marks this exchange's first hop as a redirect's or a Location's (for the events). */
  Exchange<T> kind(CallListener.AttemptKind kind) {
    this.kind = kind;
    return this;
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

  /**
   * Makes this exchange part of an operation that already went to another origin: it carries
   * no credentials, even to the base URL's origin (see {@link OriginPolicy}).
   */
  Exchange<T> leftOrigin() {
    follow.leftOrigin();
    return this;
  }

  // ------------------------------------------------ for LocationFollower (redirects, 201)

  RestClient client() {
    return client;
  }

  ApiRequest request() {
    return request;
  }

  boolean needsBody() {
    return needBody;
  }

  boolean bypassesCache() {
    return bypassCache;
  }

  java.lang.reflect.Type type() {
    return type;
  }

  /** The exchange for the next request of this call (a redirect, the GET of Location). */
  Exchange<T> follower(ApiRequest next, boolean needBody, boolean bypassCache) {
    Exchange<T> e = new Exchange<>(client, route, next, type, follow);
    e.needBody = needBody;
    e.bypassCache = bypassCache;
    e.cancellation = cancellation;
    e.partition = partition;
    return e;
  }

  /** Marks this exchange's URL as one its call just evicted from the ETag cache. */
  Exchange<T> justEvicted() {
    this.justEvicted = true;
    return this;
  }

  /** Makes this exchange use the cache partition its operation read when it started. */
  Exchange<T> partition(ConditionalLayer.Partition p) {
    this.partition = p;
    return this;
  }

  // ---------------------------------------------------------------- drivers

  ApiResponse<T> run() {
    client.checkOpen();
    Policies.Deadline deadline = client.policies.deadline(request);
    Observation obs = client.observation;
    if (obs == null) return run(firstHop(), deadline, null);
    CallListener.Call call = obs.start(request.method(), route, resolve(), false);
    try {
      ApiResponse<T> value = run(firstHop(), deadline, call);
      obs.end(call, value, null);
      return value;
    } catch (RuntimeException e) {
      obs.end(call, null, e);
      throw e;
    }
  }

  private ApiResponse<T> run(Hop<ApiResponse<T>> first, Policies.@Nullable Deadline deadline,
      CallListener.@Nullable Call call) {
    Hop<ApiResponse<T>> hop = first;
    int attempts = 0;
    while (true) {
      Hop<ApiResponse<T>> h = hop;
      // One attempt = the transport call and the status mapping, so retries decide on the
      // mapped outcome; a Step is data (the next hop is not run inside the attempt).
      Step<ApiResponse<T>> step;
      try {
        step = client.policies.get(send(h, deadline, call), attempt(h, call), h.recover);
      } catch (SdkException e) {
        throw (SdkException) follow.failed(e);
      }
      if (step.hop == null) return step.value;
      if (++attempts > LocationFollower.MAX_HOPS) {
        throw new IllegalStateException("too many hops"); // cannot happen: redirects are bounded
      }
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
      Policies.Deadline deadline = client.policies.deadline(request);
      Observation obs = client.observation;
      CallListener.Call call = null;
      if (obs != null) {
        CallListener.Call started = obs.start(request.method(), route, resolve(), true);
        result.whenComplete((v, e) -> obs.end(started, v, e));
        call = started;
      }
      hopAsync(firstHop(), deadline, result, c, call);
    } catch (RuntimeException e) {
      result.completeExceptionally(e);
    }
    return result;
  }

  private <R> void hopAsync(Hop<R> hop, Policies.@Nullable Deadline deadline,
      CompletableFuture<R> result, Cancellation c, CallListener.@Nullable Call call) {
    if (c.isCancelled()) {
      result.cancel(false);
      return;
    }
    // A provider that may block is never asked for a token on OkHttp's threads: the answer
    // (which may follow a Location or scrub an error) is then handled on the client's own.
    java.util.concurrent.Executor answers =
        TokenRefresh.mayBlock(client.tokenProvider) ? TokenRefresh.THREADS : null;
    client.policies.getAsync(send(hop, deadline, call), attemptAsync(hop, call, c, answers),
            hop.recover, c)
        .whenComplete((step, error) -> {
          if (error != null) {
            result.completeExceptionally(follow.failed(unwrap(error)));
            return;
          }
          try {
            if (step.hop == null) result.complete(step.value);
            else hopAsync(step.hop, deadline, result, c, call);
          } catch (Throwable t) {
            result.completeExceptionally(t);
          }
        });
  }

  private Policies.Send send(Hop<?> hop, Policies.@Nullable Deadline deadline,
      CallListener.@Nullable Call call) {
    return new Policies.Send(client.okHttp, hop.request, hop.method, hop.target.shownUrl(),
        deadline, call);
  }

  /** One attempt of {@code h}: the transport call and the status mapping, observed if asked. */
  private <R> Policies.Attempt<Step<R>> attempt(Hop<R> h, CallListener.@Nullable Call call) {
    Observation obs = client.observation;
    if (obs == null || call == null) {
      return (ok, req) -> h.then.apply(Transport.execute(ok, req, client.limits, h.target));
    }
    java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    return (ok, req) -> {
      CallListener.Attempt a = obs.attemptStart(call, h, sent.getAndIncrement() == 0, req);
      try {
        RawResponse raw = Transport.execute(ok, Observation.decorate(a, req), client.limits,
            h.target);
        a.status(raw.code());
        Step<R> step = h.then.apply(raw);
        obs.attemptEnd(a, null);
        return step;
      } catch (RuntimeException e) {
        obs.attemptEnd(a, e);
        throw e;
      }
    };
  }

  /** As {@link #attempt}, on the async path: the attempt's events fire when it completes. */
  private <R> Policies.AsyncAttempt<Step<R>> attemptAsync(Hop<R> hop,
      CallListener.@Nullable Call call, Cancellation c,
      java.util.concurrent.@Nullable Executor answers) {
    Observation obs = client.observation;
    if (obs == null || call == null) {
      return (ok, req) -> Cancellation.map(
          c.track(Transport.enqueue(ok, req, client.limits, hop.target)), hop.then, answers);
    }
    java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
    return (ok, req) -> {
      CallListener.Attempt a = obs.attemptStart(call, hop, sent.getAndIncrement() == 0, req);
      CompletableFuture<Step<R>> f;
      try {
        f = Cancellation.map(c.track(Transport.enqueue(ok, Observation.decorate(a, req),
            client.limits, hop.target)), raw -> {
              a.status(raw.code());
              try {
                Step<R> step = hop.then.apply(raw);
                obs.attemptEnd(a, null);
                return step;
              } catch (RuntimeException e) {
                obs.attemptEnd(a, e);
                throw e;
              }
            }, answers);
      } catch (RuntimeException e) {
        obs.attemptEnd(a, e);
        throw e;
      }
      // An I/O failure or a cancellation (the answer was never mapped); a no-op otherwise.
      f.whenComplete((v, e) -> obs.attemptEnd(a, e == null ? null : unwrap(e)));
      return f; // not the dependent stage: cancelling f must reach the HTTP call
    };
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

  Hop<ApiResponse<T>> firstHop() {
    HttpUrl url = resolve();
    String method = request.method();
    String shownUrl = UrlRedactor.redact(url);
    boolean sameOrigin = follow.credentialsFor(client.baseUrl, url);
    Request.Builder b = new Request.Builder().url(url);
    String accept;
    if (request.headerPairs().isEmpty()) { // the usual request: headers checked once per client
      b.headers(client.plainHeaders);
      accept = DEFAULT_ACCEPT;
    } else {
      accept = userHeaders(b, sameOrigin);
      b.header("User-Agent", client.userAgent);
    }
    String token = credentials(b, sameOrigin);
    if (request.idempotencyKey() != null) {
      b.header("Idempotency-Key", request.idempotencyKey());
    } else if (client.autoIdempotencyKeys && method.equals("POST")) {
      b.header("Idempotency-Key", UUID.randomUUID().toString()); // one key for every attempt
    }
    b.method(method, body(method, shownUrl));

    List<String> secrets = secrets(token, sameOrigin);
    if (partition == null) partition = client.conditional.partition();
    CacheKey key = client.conditional.key(url, secrets, accept, partition);
    ConditionalLayer.Validators sentValidators =
        client.conditional.addValidators(b, request, method, key, bypassCache, justEvicted);
    Ctx ctx = new Ctx(method, url, shownUrl, key, sentValidators.revalidating(),
        sentValidators.ifMatch(), secrets);
    Request sent = b.build();
    return new Hop<>(method, sent, ctx.target(type), raw -> respond(raw, ctx, sent),
        e -> checkOutcome(e, ctx, sent),
        new HopInfo(kind, sentValidators.revalidating() != null, request.credentialHeaders()));
  }

  /** A redirect becomes the next hop (see {@link LocationFollower}); any other answer is mapped. */
  private Step<ApiResponse<T>> respond(RawResponse raw, Ctx ctx, Request sent) {
    Step<ApiResponse<T>> redirected = follow.redirect(this, raw, ctx, sent);
    return redirected != null ? redirected : onResponse(raw, ctx);
  }

  /**
   * After a lost response, a 412 or 409 may be the echo of this call's own earlier attempt:
   * one more hop re-reads the resource to tell (the rule is on {@link OutcomeCheck}).
   */
  private @Nullable Step<ApiResponse<T>> checkOutcome(ApiException e, Ctx ctx, Request sent) {
    if (ctx.method.equals("DELETE") && (e.status() == 404 || e.status() == 410)) {
      // The resource is gone, as the DELETE wanted: nothing to re-read.
      client.conditional.evictWritten(ctx.url);
      return done(new ApiResponse.NoContent<>(204, e.headers()));
    }
    HttpUrl target = ctx.url;
    if (e instanceof ApiException.Conflict) {
      String header = e.headers().get("Location");
      target = header == null ? null : LocationFollower.resolve(ctx.url, header);
      if (target == null || !OriginPolicy.sameOrigin(target, ctx.url)) return null;
    }
    HttpUrl url = target;
    boolean delete = ctx.method.equals("DELETE");
    Json.Node wanted = delete ? null : OutcomeCheck.sentJson(sent);
    if (!delete && wanted == null) return null;
    Ctx readCtx = new Ctx("GET", url, UrlRedactor.redact(url), null, null, null, ctx.secrets);
    Hop<ApiResponse<T>> reread = new Hop<>("GET", OutcomeCheck.reread(sent, url),
        readCtx.target(type), raw -> {
          if (delete && (raw.code() == 404 || raw.code() == 410)) {
            client.conditional.evictWritten(url);
            return done(new ApiResponse.NoContent<>(204, raw.headers()));
          }
          if (delete || raw.code() != 200
              || !OutcomeCheck.holds(raw.body(), wanted)) {
            throw e;
          }
          client.conditional.evictWritten(url);
          ETag etag = ETag.parse(raw.header("ETag")).orElse(null);
          Entity<T> entity = entity(raw, raw.body(), etag, readCtx, false);
          return done(e instanceof ApiException.Conflict
              ? new ApiResponse.Created<>(201, raw.headers(), Urls.uri(url), entity)
              : new ApiResponse.Ok<>(entity));
        }, x -> null, new HopInfo(CallListener.AttemptKind.OUTCOME_CHECK, false,
            request.credentialHeaders()));
    return new Step<>(null, reread);
  }

  private HttpUrl resolve() {
    HttpUrl own = request.url();
    if (own != null) return request.query().addTo(own);
    if (request.uri() != null) {
      HttpUrl u = Urls.parse(request.uri().toString());
      // Neither path nor query in the message: they may hold secrets.
      if (u == null) throw new IllegalArgumentException("not an http(s) URI: "
          + request.uri().getScheme() + "://" + request.uri().getHost());
      return request.query().addTo(u);
    }
    HttpUrl known = Urls.resolved(client.baseUrl, request.path());
    if (known != null) return request.query().addTo(known);
    HttpUrl u = client.baseUrl.resolve(request.path());
    if (u == null || !u.encodedPath().startsWith(client.baseUrl.encodedPath())) {
      throw new IllegalArgumentException(
          "path leaves the base URL: " + ApiRequest.shown(request.path()));
    }
    Urls.resolved(client.baseUrl, request.path(), u);
    return request.query().addTo(u);
  }

  /** Adds Authorization where {@link OriginPolicy} allows; returns the token sent, if any. */
  private @Nullable String credentials(Request.Builder b, boolean sameOrigin) {
    if (!sameOrigin || client.tokenProvider == null) return null;
    // The caller's own Authorization wins: one header, never two.
    if (request.hasHeader("Authorization")) return null;
    String token = client.tokenProvider.token();
    if (token == null || token.isBlank()) {
      throw new IllegalStateException("TokenProvider returned a blank token");
    }
    b.header("Authorization", "Bearer " + token);
    return token;
  }

  /** Adds the caller's headers, credentials only where allowed; returns Accept. */
  private String userHeaders(Request.Builder b, boolean sameOrigin) {
    List<String> pairs = request.headerPairs();
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
    return OriginPolicy.isCredential(name, request.credentialHeaders());
  }

  private @Nullable RequestBody body(String method, String shownUrl) {
    byte[] raw = request.rawBodyUnsafe();
    if (raw != null) return RequestBody.create(raw, MediaType.get(request.rawMediaType()));
    Object value = request.bodyToSerialize();
    if (value != null) {
      String type = request.jsonMediaType(); // a patch's; else plain JSON
      Object named = request.body(); // the caller's object, not a merge patch's wrapper
      try {
        byte[] bytes = value instanceof MergePatchBody m ? m.encode(client.codec)
            : value instanceof JsonPatch p ? p.encode(client.codec)
            : client.codec.encode(value);
        return RequestBody.create(bytes,
            type == null ? client.readers.contentType : MediaType.get(type));
      } catch (IOException e) {
        // The message names the type only: the body itself is never shown.
        throw new IllegalArgumentException(method + " " + shownUrl
            + ": cannot serialize a " + named.getClass().getName() + " as JSON: "
            + (e instanceof CodecException c ? c.reason() : e.getMessage()), null);
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
    List<String> secrets = new java.util.ArrayList<>(); // no array until something is added
    if (token != null) secrets.add(token);
    for (int i = 0; sameOrigin && i < pairs.size(); i += 2) {
      if (isCredential(pairs.get(i))) secrets.add(pairs.get(i + 1));
    }
    return secrets;
  }

  // ---------------------------------------------------------------- the answer

  private Step<ApiResponse<T>> onResponse(RawResponse raw, Ctx ctx) {
    StatusTable row = StatusTable.of(raw.code());
    if (row.outcome == StatusTable.Outcome.FAILURE) throw failure(raw, ctx, row);
    if (needBody) requireBody(raw, ctx);
    if (row.bodyless && raw.body().length > 0) {
      if (raw.code() != 201) {
        violation(raw, ctx, raw.code() + " with a body (" + raw.body().length + " bytes)");
      } else if (client.contractMode == ContractMode.STRICT) {
        // Lenient: the body is the created entity (CreatedBody); strict: still a deviation.
        throw contractViolation(raw, ctx, "201 with a body (" + raw.body().length
            + " bytes; the " + ctx.method + " succeeded, the resource was created)");
      }
    }
    boolean write = WRITES.contains(ctx.method);
    if (write) client.conditional.evictWritten(ctx.url);
    return switch (row.outcome) {
      case OK -> {
        // A write may answer 200 with nothing in it: a success without a value. A read needs
        // the body, so its empty 200 goes on to the decoder (a DecodeException). A HEAD's
        // answer never has a body (RFC 9110 §9.3.2): its success is one without a value.
        if (ctx.method.equals("HEAD")
            || raw.body().length == 0 && (raw.code() != 200 || write)) {
          yield noContent(raw, ctx);
        }
        ETag etag = ETag.parse(raw.header("ETag")).orElse(null);
        // HEAD answers carry no body to keep: only GETs fill the cache.
        boolean stored = ctx.method.equals("GET") && ctx.key != null
            && client.conditional.storeOrEvict(ctx.key, etag, raw, request);
        if (ctx.sentFor != null && client.decodedBodies != null) {
          client.decodedBodies.forget(ctx.sentFor.body()); // the body revalidated is replaced
        }
        yield done(new ApiResponse.Ok<>(entity(raw, raw.body(), etag, ctx, stored)));
      }
      case CREATED -> follow.created(this, raw, ctx);
      case NO_CONTENT -> noContent(raw, ctx);
      case NOT_MODIFIED -> notModified(raw, ctx);
      case FAILURE -> throw new AssertionError("handled above");
    };
  }

  /** A success without a body; an error where the operation must return an entity. */
  private Step<ApiResponse<T>> noContent(RawResponse raw, Ctx ctx) {
    if (needBody) {
      throw contractViolation(raw, ctx, raw.code() + " without a body: the " + ctx.method
          + " succeeded, but there is no entity to return");
    }
    return done(new ApiResponse.NoContent<>(raw.code(), raw.headers()));
  }

  private Step<ApiResponse<T>> notModified(RawResponse raw, Ctx ctx) {
    if (ctx.sentFor != null && ctx.key != null) {
      CachedResponse refreshed =
          client.conditional.revalidated(ctx.key, ctx.sentFor, raw.headers());
      if (refreshed != null) {
        return done(new ApiResponse.Ok<>(
            entity(raw, refreshed.body(), refreshed.etag(), ctx, true, refreshed.headers())));
      }
      // Evicted between request and answer: one unconditional GET, never an error.
      return new Step<>(null, regetHop(ctx));
    }
    // The caller's own If-None-Match or If-Modified-Since: the 304 is the caller's answer.
    if (ConditionalLayer.callerValidates(request) && !needBody) {
      ETag etag = ETag.parse(raw.header("ETag")).orElse(request.ifNoneMatch());
      return done(new ApiResponse.NotModified<>(raw.code(), raw.headers(), etag));
    }
    throw contractViolation(raw, ctx, "304 Not Modified for a request without If-None-Match");
  }

  private Hop<ApiResponse<T>> regetHop(Ctx ctx) {
    Exchange<T> again = new Exchange<>(client, route, request, type, follow);
    again.needBody = needBody;
    again.bypassCache = true;
    again.partition = partition;
    again.kind = CallListener.AttemptKind.REGET;
    return again.firstHop();
  }

  // ---------------------------------------------------------------- 201 and Location

  /**
   * {@code Resource.get} and {@code create} need a body: a success that cannot give one is a
   * contract violation naming what was expected, in every mode. A read answered 201, or by a
   * bodiless 2xx; a create answered 202 (accepted, not created yet) or by a bodiless 2xx other
   * than 201 (whose {@code Location} is followed).
   */
  private void requireBody(RawResponse raw, Ctx ctx) {
    int code = raw.code();
    boolean empty = raw.body().length == 0;
    if (code == 200 || code < 200 || code > 299 || code == 201 && WRITES.contains(ctx.method)) {
      return; // the usual answers; a write's 201 is LocationFollower's to check
    }
    String got = code + " " + io.restsdk.core.internal.ReasonPhrases.of(code);
    String what = null;
    if (!WRITES.contains(ctx.method)) {
      if (code == 201 || empty) what = "expected 200 with a body, got " + got;
    } else if (code == 202) {
      String header = raw.header("Location");
      HttpUrl later = header == null ? null : LocationFollower.resolve(ctx.url, header);
      what = "expected 201 Created, got 202 Accepted: the request was accepted, the resource is"
          + " not created yet" + (later == null ? "" : " (Location " + UrlRedactor.redact(later) + ")");
    } else if (code != 201 && empty) {
      what = "expected 201 Created with Location, got " + got + " (the " + ctx.method
          + " succeeded; there is nothing to read back)";
    }
    if (what != null) throw contractViolation(raw, ctx, what);
  }

  /** Evicts what a write to {@code url} made stale, but {@code done}, evicted already. */
  void evictWritten(HttpUrl url, @Nullable HttpUrl done) {
    client.conditional.evictWritten(url, done);
  }

  // ---------------------------------------------------------------- failures

  private ApiException failure(RawResponse raw, Ctx ctx, StatusTable row) {
    client.conditional.evictFailed(ctx.key, raw.code(), request);
    String text = ErrorBodies.text(raw.body(), client.limits.maxErrorBodyBytes());
    if (text != null) text = scrub(text, ctx);
    if (text != null && ErrorBodies.looksLikeStackTrace(text)) {
      violation(raw, ctx, raw.code() + " with a raw stack trace in the body");
    }
    if (row.bodyless && raw.body().length > 0) {
      violation(raw, ctx, raw.code() + " with a body (" + raw.body().length + " bytes)");
    }
    ApiError error = ErrorBodies.parse(raw.body(), raw.contentType(), raw.code());
    if (error != null) {
      error = new ApiError(error.code(), scrub(error.type(), ctx), scrub(error.message(), ctx));
    }
    ApiException.Failure f = new ApiException.Failure(
        ctx.method, ctx.shownUrl, raw.code(), raw.headers(), error, text);
    if (raw.code() == 412 && ConditionalLayer.createOnly(request)) {
      return new ApiException.AlreadyExists(f);
    }
    return row.failure(f, ctx.sentIfMatch);
  }

  /**
   * Servers sometimes echo the request in errors: every credential the request carried, the
   * provider's current token and the URL's secret query values are replaced ({@link Scrubber}).
   */
  private String scrub(String text, Ctx ctx) {
    return ctx.scrubber(client.tokenProvider).scrub(text);
  }

  /** Strict: throws; lenient: logs. */
  private void violation(RawResponse raw, Ctx ctx, String what) {
    if (client.contractMode == ContractMode.STRICT) throw contractViolation(raw, ctx, what);
    log(ctx, what);
  }

  ApiException.ContractViolation contractViolation(RawResponse raw, Ctx ctx, String what) {
    ApiError error = raw.code() >= 400
        ? ErrorBodies.parse(raw.body(), raw.contentType(), raw.code()) : null;
    if (error != null) {
      error = new ApiError(error.code(), scrub(error.type(), ctx), scrub(error.message(), ctx));
    }
    return new ApiException.ContractViolation(new ApiException.Failure(ctx.method, ctx.shownUrl,
        raw.code(), raw.headers(), error, null), what);
  }

  static void log(Ctx ctx, String what) {
    RestClient.LOG.log(Level.WARNING, () -> "contract violation tolerated: " + ctx.method + " "
        + ctx.shownUrl + ": " + what);
  }

  // ---------------------------------------------------------------- decoding

  /** {@code cached}: {@code body} is the array the ETag cache keeps. */
  private Entity<T> entity(RawResponse raw, byte[] body, @Nullable ETag etag, Ctx ctx,
      boolean cached) {
    return entity(raw, body, etag, ctx, cached, raw.headers());
  }

  /**
   * The entity of a body: its links are those of the {@code Link} headers (after a 304, of the
   * stored headers it refreshed) followed by those of the body (HAL {@code _links}, JSON:API
   * {@code links}), all resolved against the URL the body came from.
   */
  private Entity<T> entity(RawResponse raw, byte[] body, @Nullable ETag etag, Ctx ctx,
      boolean cached, Headers headers) {
    boolean revalidated = raw.code() == 304;
    int status = revalidated ? 200 : raw.code();
    Scrubber scrubber = ctx.scrubber(client.tokenProvider);
    Hal.Decoded<T> d = cached
        ? Decoder.cachedValue(client, type, body, headers, ctx.url, status, ctx.method,
            ctx.shownUrl, scrubber, revalidated)
        : Decoder.decode(client, type, body, headers, ctx.url, status, ctx.method, ctx.shownUrl,
            scrubber);
    // a created resource's GET already has the URI of its URL
    URI location = ctx.url == request.url() ? request.uri() : Urls.uri(ctx.url);
    return new Entity<>(d.value(), etag, status, headers, location, revalidated,
        links(headers, ctx.url, d.links()));
  }

  /** The links of a response: its {@code Link} headers' first, then its body's. */
  static Links links(Headers headers, HttpUrl base, Links ofBody) {
    return Links.fromHeaders(headers, base).and(ofBody);
  }

  // ---------------------------------------------------------------- small things


  static <R> Step<R> done(R value) {
    return new Step<>(value, null);
  }

  /** What the flow knows about the exchange in flight. */
  record Ctx(String method, HttpUrl url, String shownUrl, @Nullable CacheKey key,
      @Nullable CachedResponse sentFor, @Nullable ETag sentIfMatch, List<String> secrets) {
    Transport.Target target(java.lang.reflect.Type type) {
      return new Transport.Target(method, shownUrl, type);
    }

    /** What scrubs this request's credentials from text a server sent back. */
    Scrubber scrubber(@Nullable TokenProvider tokens) {
      return new Scrubber(secrets, url, tokens);
    }

    @Override
    public String toString() {
      return "Ctx{" + method + " " + shownUrl + "}";
    }
  }

  /** One HTTP exchange and what to make of its answer. */
  record Hop<R>(String method, Request request, Transport.Target target,
      Function<RawResponse, Step<R>> then,
      Function<ApiException, @Nullable Step<R>> recover, HopInfo info) {
    <S> Hop<S> map(Function<R, S> f) {
      return new Hop<>(method, request, target, raw -> mapStep(then.apply(raw), f), e -> {
        Step<R> s = recover.apply(e);
        return s == null ? null : mapStep(s, f);
      }, info);
    }

    private static <R, S> Step<S> mapStep(Step<R> s, Function<R, S> f) {
      return s.hop == null ? new Step<>(f.apply(s.value), null) : new Step<>(null, s.hop.map(f));
    }
  }

  /**
   * What the events say about a hop: why it is sent, whether it revalidates a cache entry, and
   * the names of the caller's credential headers (masked in the events).
   */
  record HopInfo(CallListener.AttemptKind kind, boolean revalidating, Set<String> credentials) {}

  /** The result, or the next hop. */
  record Step<R>(@Nullable R value, @Nullable Hop<R> hop) {}
}
