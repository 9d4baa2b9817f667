package io.restsdk.core;

import java.util.Locale;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * Which URL may receive which of a request's credentials: the one rule that the first request of
 * a call, every redirect hop and the GET of a 201's {@code Location} all go through.
 *
 * <ul>
 *   <li><b>Origin</b>: scheme, host and port (RFC 6454). A different port is a different origin,
 *       and so is {@code https} → {@code http} on the same host: a downgrade is never sent
 *       credentials.
 *   <li><b>Credentials</b>: the {@code Authorization} the token provider adds; the caller's
 *       {@code Authorization}, {@code Proxy-Authorization} and {@code Cookie}; every header the
 *       caller marked with {@link ApiRequest#credentialHeader}. Cookies an OkHttp
 *       {@code CookieJar} adds are the jar's own per-URL business, outside this rule.
 *   <li>A request carries credentials only to the base URL's origin, and only while the call has
 *       not been somewhere else: once one hop of a call (a redirect, a {@code Location}) went to
 *       another origin, no later hop of that call carries credentials, even back on the base
 *       origin, because that other origin chose where it went.
 *   <li>A request body is re-sent (307, 308) only to the origin it was first sent to.
 * </ul>
 */
final class OriginPolicy {
  private OriginPolicy() {}

  /** Same scheme, host and port. */
  static boolean sameOrigin(HttpUrl a, HttpUrl b) {
    return a.scheme().equals(b.scheme()) && a.host().equals(b.host()) && a.port() == b.port();
  }

  /** Whether a request header named {@code name} carries a credential. */
  static boolean isCredential(String name, Set<String> credentialHeaders) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.equals("authorization") || n.equals("cookie") || n.equals("proxy-authorization")
        || credentialHeaders.contains(n);
  }

  /**
   * Whether a request to {@code target} may carry credentials, given the base URL and whether
   * an earlier hop of the same call already left the base URL's origin.
   */
  static boolean mayCarryCredentials(HttpUrl base, HttpUrl target, boolean leftBefore) {
    return !leftBefore && sameOrigin(base, target);
  }

  /** Whether a request body sent to {@code from} may be sent again to {@code to}. */
  static boolean mayResendBody(HttpUrl from, HttpUrl to) {
    return sameOrigin(from, to);
  }
}
