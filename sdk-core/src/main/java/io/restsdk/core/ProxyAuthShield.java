package io.restsdk.core;

import java.io.IOException;
import java.net.Proxy;
import okhttp3.Connection;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Keeps OkHttp's proxy-authentication follow-up away from a 407 that no proxy sent. OkHttp fails
 * such a response with a raw {@code ProtocolException} ("Received HTTP_PROXY_AUTH (407) code
 * while not using proxy"), which would surface as an I/O failure and be retried. So a network
 * interceptor (below OkHttp's follow-ups) gives a 407 from a server reached without an HTTP proxy
 * another status and a marker header, and an application interceptor (above them) restores the
 * 407, which then maps to an {@link ApiException} like any other failing status. A 407 from a
 * real HTTP proxy is left to OkHttp's proxy authenticator.
 */
final class ProxyAuthShield {
  private static final String MARKER = "X-Restsdk-Hidden-Status";
  /** Any status OkHttp's follow-up logic leaves alone. */
  private static final int STAND_IN = 499;

  static final Interceptor HIDE = chain -> {
    Response r = chain.proceed(chain.request());
    if (r.code() != 407 || throughHttpProxy(chain.connection())) return r;
    return r.newBuilder().code(STAND_IN).header(MARKER, "407").build();
  };

  static final Interceptor RESTORE = new Interceptor() {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Response r = chain.proceed(chain.request());
      if (r.code() != STAND_IN || !"407".equals(r.header(MARKER))) return r;
      return r.newBuilder().code(407).removeHeader(MARKER).build();
    }
  };

  private ProxyAuthShield() {}

  private static boolean throughHttpProxy(Connection connection) {
    return connection != null && connection.route().proxy().type() == Proxy.Type.HTTP;
  }

  /** Installs both interceptors once (a derived client already has them). */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    if (!ok.interceptors().contains(RESTORE)) ok.addInterceptor(RESTORE);
    if (!ok.networkInterceptors().contains(HIDE)) ok.addNetworkInterceptor(HIDE);
    return ok;
  }
}
