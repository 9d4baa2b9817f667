package io.restsdk.core;

import java.io.IOException;
import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * Keeps OkHttp's own follow-up logic away from {@code Retry-After}. OkHttp re-sends any request,
 * a POST included, that got a 503 with {@code Retry-After: 0}, behind the client's retry rules,
 * and fails with a raw {@code NumberFormatException} on a value too large for an int. So a
 * network interceptor (below OkHttp's follow-ups) renames the header on 503s, and an
 * application interceptor (above them) restores it before anyone else sees the response.
 */
final class RetryAfterShield {
  private static final String HIDDEN = "X-Restsdk-Retry-After";

  static final Interceptor HIDE = chain -> {
    Response r = chain.proceed(chain.request());
    if (r.code() != 503 || r.header("Retry-After") == null) return r;
    Response.Builder b = r.newBuilder().removeHeader("Retry-After");
    for (String v : r.headers("Retry-After")) b.addHeader(HIDDEN, v);
    return b.build();
  };

  static final Interceptor RESTORE = new Interceptor() {
    @Override
    public Response intercept(Chain chain) throws IOException {
      Response r = chain.proceed(chain.request());
      if (r.header(HIDDEN) == null) return r;
      Response.Builder b = r.newBuilder().removeHeader(HIDDEN);
      for (String v : r.headers(HIDDEN)) b.addHeader("Retry-After", v);
      return b.build();
    }
  };

  private RetryAfterShield() {}

  /** Installs both interceptors once (a derived client already has them). */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    if (!ok.interceptors().contains(RESTORE)) ok.addInterceptor(RESTORE);
    if (!ok.networkInterceptors().contains(HIDE)) ok.addNetworkInterceptor(HIDE);
    return ok;
  }
}
