package io.restsdk.core;

import okhttp3.Headers;
import okhttp3.Response;

/**
 * Keeps OkHttp's own follow-up logic away from {@code Retry-After}. OkHttp re-sends any request,
 * a POST included, that got a 503 with {@code Retry-After: 0}, behind the client's retry rules,
 * and fails with a raw {@code NumberFormatException} on a value too large for an int. So a
 * {@link #hide}, in the network interceptor ({@link StaleConnectionCheck}, below OkHttp's
 * follow-ups), renames the header on 503s, and {@link #restore}, in the application interceptor
 * of {@link ResponseShields} (above them), brings it back before anyone else sees the response.
 */
final class RetryAfterShield {
  private static final String HIDDEN = "X-Restsdk-Retry-After";

  /** Below OkHttp's follow-ups: a 503's {@code Retry-After} is renamed. */
  static Response hide(Response r) {
    if (r.code() != 503 || r.header("Retry-After") == null) return r;
    return rename(r, "Retry-After", HIDDEN);
  }

  /** Above OkHttp's follow-ups: the renamed header comes back. */
  static Response restore(Response r) {
    if (r.code() != 503 || r.header(HIDDEN) == null) return r; // only a 503's was hidden
    return rename(r, HIDDEN, "Retry-After");
  }

  /**
   * {@code r} with header {@code from} renamed {@code to}. The values are the server's, as
   * OkHttp read them: copied without OkHttp's strict value check ({@code Response.Builder
   * .addHeader} throws on a control character or non-ASCII, which a broken server may send).
   */
  private static Response rename(Response r, String from, String to) {
    Headers.Builder b = r.headers().newBuilder().removeAll(from);
    for (String v : r.headers(from)) b.addUnsafeNonAscii(to, v);
    return r.newBuilder().headers(b.build()).build();
  }

  private RetryAfterShield() {}

}
