package io.restsdk.core;

import io.restsdk.core.Exchange.Ctx;
import io.restsdk.core.Exchange.Hop;
import io.restsdk.core.Exchange.Step;
import io.restsdk.core.internal.UrlRedactor;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * Follows {@code Location}: the one place for redirects (301, 302, 303, 307, 308) and for the
 * {@code Location} of a 201. Both resolve the header the same way (it must parse as a URI
 * reference and resolve to an http(s) URL) and both send the next request through
 * {@link OriginPolicy}, so credentials reach a URL by one rule.
 *
 * <p>One instance belongs to one call ({@code RestClient.send}, {@code Resource.create}, …) and
 * is shared by every exchange of that call; the hops of a call run one after another (the
 * futures between them order its writes), so it needs no locks.
 *
 * <p>Redirects, when {@link RestClient.Builder#followRedirects(boolean)} is on (the default):
 *
 * <ul>
 *   <li>303 (except to a GET or HEAD), and 301/302 after a POST, become a GET without a body, as
 *       browsers and OkHttp do; every other redirect keeps the method, the body, the
 *       {@code If-Match} and {@code Idempotency-Key} that were sent (a conditional write stays
 *       conditional) and an {@code If-None-Match} the caller set.
 *   <li>A redirect to another origin (scheme, host or port) is followed without any credential
 *       (see {@link OriginPolicy}), or refused with {@link RedirectException.Reason#CROSS_ORIGIN}
 *       when {@link RestClient.Builder#followCrossOriginRedirects(boolean)} is off. A redirect
 *       that would re-send a body to another origin is always refused
 *       ({@link RedirectException.Reason#BODY_TO_OTHER_ORIGIN}).
 *   <li>At most {@link #MAX_REDIRECTS} redirects in a row; a redirect back to a URL the call
 *       already requested with the same method is a loop. Both end in {@link RedirectException}.
 *   <li>The ETag cache sees each hop as a request of its own: {@code If-None-Match} from the
 *       cache only ever goes to the URL of the entry it came from, and a 200 at the end of a
 *       redirect is stored under the URL it came from, for the credentials that request actually
 *       carried (none, after another origin). The redirect answer itself is neither stored nor
 *       evicts anything, except that a redirected write evicts the URL it was sent to, as any
 *       answered write does.
 * </ul>
 */
final class LocationFollower {
  /** Redirects followed in a row, per request of a call (the GET after a 201 counts anew). */
  static final int MAX_REDIRECTS = 5;
  /**
   * The most hops a call can take: the request and its redirects, a re-GET after a 304 and an
   * outcome check, then the same again for the GET of a 201's Location.
   */
  static final int MAX_HOPS = 2 * (MAX_REDIRECTS + 3);
  private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

  private int redirects;
  /** "METHOD url" of each request of the current chain of redirects; null until a redirect. */
  private @Nullable List<String> visited;
  /** Some hop of this call went to another origin than the base URL's. */
  private boolean leftOrigin;
  /** Set once a 201 was answered and its Location is being read back. */
  private @Nullable CreatedAt created;

  private record CreatedAt(String method, String shownUrl, URI location, String shownLocation) {}

  /**
   * Whether the request about to go to {@code url} may carry credentials; remembers when the
   * call leaves the base URL's origin.
   */
  boolean credentialsFor(HttpUrl base, HttpUrl url) {
    boolean allowed = OriginPolicy.mayCarryCredentials(base, url, leftOrigin);
    if (!OriginPolicy.sameOrigin(base, url)) leftOrigin = true;
    return allowed;
  }

  /**
   * Makes this call one that already left the base URL's origin: none of its requests carries
   * credentials (a page whose link came from a page on another origin).
   */
  void leftOrigin() {
    leftOrigin = true;
  }

  // ------------------------------------------------------------------ redirects

  /**
   * The next hop for a redirect answer, or null when {@code raw} is none to follow (not 301,
   * 302, 303, 307 or 308, following is off, or there is no {@code Location}: the status table
   * then makes it an {@link ApiException.Other}).
   *
   * @throws RedirectException when the redirect must not be followed
   */
  <T> @Nullable Step<ApiResponse<T>> redirect(Exchange<T> ex, RawResponse raw, Ctx ctx,
      Request sent) {
    int code = raw.code();
    RestClient client = ex.client();
    if (!client.followRedirects || !isRedirect(code)) return null;
    String header = raw.header("Location");
    if (header == null) return null;
    HttpUrl target = resolve(ctx.url(), header);
    if (target == null) {
      throw refused(RedirectException.Reason.INVALID_LOCATION, ctx, code, null,
          "its Location is not an http(s) URI reference");
    }
    String shown = UrlRedactor.redact(target);
    String method = ctx.method();
    boolean toGet = code == 303
        ? !method.equals("GET") && !method.equals("HEAD")
        : (code == 301 || code == 302) && method.equals("POST");
    String nextMethod = toGet ? "GET" : method;
    boolean sameOrigin = OriginPolicy.sameOrigin(ctx.url(), target);
    if (!sameOrigin && !client.followCrossOriginRedirects) {
      throw refused(RedirectException.Reason.CROSS_ORIGIN, ctx, code, shown,
          "it leads to another origin (RestClient.Builder.followCrossOriginRedirects)");
    }
    boolean withBody = !toGet && sent.body() != null;
    if (withBody && !OriginPolicy.mayResendBody(ctx.url(), target)) {
      throw refused(RedirectException.Reason.BODY_TO_OTHER_ORIGIN, ctx, code, shown,
          "it would send the request body to another origin");
    }
    List<String> seen = visited != null ? visited : (visited = new ArrayList<>(4));
    if (seen.isEmpty()) seen.add(key(method, ctx.url()));
    String next = key(nextMethod, target);
    if (seen.contains(next)) {
      throw refused(RedirectException.Reason.LOOP, ctx, code, shown,
          "it leads back to a URL this call already requested");
    }
    if (++redirects > MAX_REDIRECTS) {
      throw refused(RedirectException.Reason.TOO_MANY, ctx, code, shown,
          "more than " + MAX_REDIRECTS + " redirects in a row");
    }
    seen.add(next);
    // the write may have been applied
    if (WRITES.contains(method)) ex.evictWritten(ctx.url(), null);
    ApiRequest request = ex.request().redirectedTo(nextMethod, Urls.uri(target), !toGet,
        sent.header("If-Match"), sent.header("Idempotency-Key"));
    return new Step<>(null, ex.follower(request, ex.needsBody(), ex.bypassesCache())
        .kind(CallListener.AttemptKind.REDIRECT).firstHop());
  }

  static boolean isRedirect(int code) {
    return code == 301 || code == 302 || code == 303 || code == 307 || code == 308;
  }

  private static String key(String method, HttpUrl url) {
    return method + " " + url.newBuilder().fragment(null).build();
  }

  private static RedirectException refused(RedirectException.Reason reason, Ctx ctx, int code,
      @Nullable String shownTarget, String why) {
    return new RedirectException(reason, ctx.method(), ctx.shownUrl(), code, shownTarget, why);
  }

  // ------------------------------------------------------------------ 201 Created

  /**
   * A 201: resolves its {@code Location} and, when the call follows it, takes the created
   * resource from the 201's body when that is usable ({@link CreatedBody}), else reads it back
   * with a GET; the result is a {@link ApiResponse.Created} whose entity has
   * status 201. From then on a failure of this call means the resource was created but not read
   * back (see {@link #failed(SdkException)}).
   */
  <T> Step<ApiResponse<T>> created(Exchange<T> ex, RawResponse raw, Ctx ctx) {
    RestClient client = ex.client();
    String header = raw.header("Location");
    Located located = header == null ? null : locate(ctx.url(), header);
    if (located == null) {
      String what = (header == null ? "201 without Location"
          : isUriReference(header) ? "201 with a Location that is not http(s)"
          : "201 with a Location that is not a URI reference")
          + " (the " + ctx.method() + " succeeded; the resource was not read back)";
      if (ex.needsBody() || client.contractMode == ContractMode.STRICT) {
        throw ex.contractViolation(raw, ctx, what);
      }
      Exchange.log(ctx, what);
      return Exchange.done(new ApiResponse.Created<>(raw.code(), raw.headers(), null, null));
    }
    HttpUrl location = located.url();
    URI uri = located.uri();
    ex.evictWritten(location, ctx.url()); // the write's own URL went when the 201 came
    Boolean perRequest = ex.request().followLocation();
    boolean follow = ex.needsBody() || (perRequest != null ? perRequest : client.followLocation);
    if (!follow) {
      return Exchange.done(new ApiResponse.Created<>(raw.code(), raw.headers(), uri, null));
    }
    String shown = UrlRedactor.redact(location);
    if (!OriginPolicy.sameOrigin(location, client.baseUrl) && !client.followCrossOriginLocation) {
      if (ex.needsBody()) {
        throw new LocationNotFollowedException(ctx.method() + " " + ctx.shownUrl()
            + " → 201 Created: Location " + shown + " is on another origin; allow it with"
            + " RestClient.Builder.followCrossOriginLocation(true)", uri);
      }
      Exchange.log(ctx, "201 Location on another origin not followed: " + shown);
      return Exchange.done(new ApiResponse.Created<>(raw.code(), raw.headers(), uri, null));
    }
    ApiResponse<T> fromBody = CreatedBody.use(ex, raw, ctx, location, uri,
        OriginPolicy.mayCarryCredentials(client.baseUrl, location, leftOrigin));
    if (fromBody != null) return Exchange.done(fromBody);
    created = new CreatedAt(ctx.method(), ctx.shownUrl(), uri, shown);
    redirects = 0; // the GET is a request of its own: its redirects count anew
    visited = null;
    // The caller's headers go along (Accept, an API key); credentials by OriginPolicy.
    ApiRequest get = ApiRequest.locationGet(uri, location, ex.request());
    Hop<ApiResponse<T>> read = ex.follower(get, true, false).justEvicted()
        .kind(CallListener.AttemptKind.LOCATION).firstHop().map(r -> {
      if (r instanceof ApiResponse.Ok<T> ok) {
        Entity<T> e = ok.entity();
        return new ApiResponse.Created<>(raw.code(), raw.headers(), uri, new Entity<>(e.body(),
            e.etag(), raw.code(), e.headers(), e.location(), e.revalidated(), e.links()));
      }
      throw ex.contractViolation(raw, ctx, "the created resource's GET " + r.status()
          + " returned no body");
    });
    return new Step<>(null, read);
  }

  /**
   * A failure of this call as the caller should see it: after a 201, whatever went wrong while
   * reading the resource back (a 404 from a lagging replica, a 403, a timeout) becomes a
   * {@link LocationNotFollowedException} that says the resource was created, with its
   * {@code Location} and that failure as the cause, so the caller does not create it again.
   */
  Throwable failed(Throwable t) {
    CreatedAt c = created;
    if (c == null || !(t instanceof SdkException s) || t instanceof LocationNotFollowedException) {
      return t;
    }
    LocationNotFollowedException e = new LocationNotFollowedException(c.method() + " "
        + c.shownUrl() + " → 201 Created: the resource was created at " + c.shownLocation()
        + ", but reading it back failed: " + s.getMessage(), c.location(), s);
    e.attempts(s.attempts());
    return e;
  }

  // ------------------------------------------------------------------ Location values

  /**
   * The URL a {@code Location} names, resolved against the request's URL, or null when it is
   * no URI reference (RFC 3986) or not http(s). OkHttp's own resolution is lenient (it turns
   * {@code ::::} into a path), so the value is parsed strictly first.
   */
  static @Nullable HttpUrl resolve(HttpUrl base, String location) {
    if (!plain(base, location)) return resolveStrictly(base, location);
    Located l = plainPath(base, location);
    if (l == null) return null;
    Urls.knownUri(l.url().toString(), l.uri());
    return l.url();
  }

  /** A resolved {@code Location}: its URL, and the URI of that URL. */
  record Located(HttpUrl url, URI uri) {}

  /**
   * {@code location} resolved against {@code base} as {@link #resolve} does, with the URI of the
   * URL it names, or null.
   */
  static @Nullable Located locate(HttpUrl base, String location) {
    if (plain(base, location)) return plainPath(base, location);
    HttpUrl u = resolveStrictly(base, location);
    return u == null ? null : new Located(u, Urls.uri(u));
  }

  /** Whether {@code location} is a plain path and {@code base} has no user info. */
  private static boolean plain(HttpUrl base, String location) {
    return isPlainPath(location) && base.username().isEmpty() && base.password().isEmpty();
  }

  /**
   * The usual {@code Location}, an absolute path of plain characters, is a URI reference that
   * resolves to itself: its URL's URI is the base's scheme and host with that path, read the
   * same way as the URL, so neither needs a parse of the whole URL nor a comparison of the two
   * strings. (A base with user info goes the strict way: its encodings may differ.)
   */
  private static @Nullable Located plainPath(HttpUrl base, String location) {
    HttpUrl u = base.resolve(location);
    return u == null ? null : new Located(u, Urls.uri(base).resolve(URI.create(location)));
  }

  /** {@link #resolve} with the {@code Location} parsed as a URI reference first, always. */
  static @Nullable HttpUrl resolveStrictly(HttpUrl base, String location) {
    URI parsed = uriReference(location);
    if (parsed == null) return null;
    HttpUrl u = base.resolve(location);
    if (u != null) { // the URI of it, without a second parse (kept only when it reads the same)
      Urls.knownUri(u, parsed.isAbsolute() ? parsed : Urls.uri(base).resolve(parsed));
    }
    return u;
  }

  /**
   * Whether {@code value} is an absolute path ({@code /items/42}) of unreserved characters and
   * slashes only, without dot segments: a valid URI reference that resolves to itself.
   */
  static boolean isPlainPath(String value) {
    int n = value.length();
    if (n == 0 || value.charAt(0) != '/' || n > 1 && value.charAt(1) == '/') return false;
    for (int i = 1; i < n; i++) {
      char c = value.charAt(i);
      boolean plain = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
          || c == '/' || c == '-' || c == '_' || c == '~' || c == '.' && value.charAt(i - 1) != '/';
      if (!plain) return false;
    }
    return true;
  }

  private static boolean isUriReference(String value) {
    return uriReference(value) != null;
  }

  private static @Nullable URI uriReference(String value) {
    if (value.isEmpty()) return null;
    try {
      return new URI(value);
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
