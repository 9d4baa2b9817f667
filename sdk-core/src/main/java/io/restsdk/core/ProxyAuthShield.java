package io.restsdk.core;

import java.net.Proxy;
import okhttp3.Connection;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Keeps OkHttp's proxy-authentication follow-up away from a 407 that no proxy sent. OkHttp fails
 * such a response with a raw {@code ProtocolException} ("Received HTTP_PROXY_AUTH (407) code
 * while not using proxy"), which would surface as an I/O failure and be retried. So {@link #hide},
 * in the network interceptor ({@link StaleConnectionCheck}, below OkHttp's follow-ups), gives a
 * 407 from a server reached without an HTTP proxy another status and a marker header, and
 * {@link #restore}, in the application interceptor of {@link ResponseShields} (above them),
 * brings back the 407, which then maps to an {@link ApiException} like any other failing
 * status. A 407 from a real HTTP proxy is left to OkHttp's proxy authenticator.
 */
final class ProxyAuthShield {
  private static final String MARKER = "X-Restsdk-Hidden-Status";
  /** Any status OkHttp's follow-up logic leaves alone. */
  private static final int STAND_IN = 499;

  /** Below OkHttp's follow-ups: a 407 that came on {@code connection} without a proxy hides. */
  static Response hide(Response r, @Nullable Connection connection) {
    if (r.code() != 407 || throughHttpProxy(connection)) return r;
    return r.newBuilder().code(STAND_IN).header(MARKER, "407").build();
  }

  /** Above OkHttp's follow-ups: the hidden 407 comes back. */
  static Response restore(Response r) {
    if (r.code() != STAND_IN || !"407".equals(r.header(MARKER))) return r;
    return r.newBuilder().code(407).removeHeader(MARKER).build();
  }

  private ProxyAuthShield() {}

  private static boolean throughHttpProxy(@Nullable Connection connection) {
    return connection != null && connection.route().proxy().type() == Proxy.Type.HTTP;
  }

}
