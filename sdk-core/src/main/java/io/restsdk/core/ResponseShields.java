package io.restsdk.core;

import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/**
 * The two interceptors the client puts on every {@code OkHttpClient} it uses, a caller's
 * included: one application interceptor (above OkHttp's follow-ups and redirects) and one network
 * interceptor (below them, after the connection is chosen). Each only chains rules that live in
 * their own classes, so that the rules cost one interceptor hop each way instead of one per rule:
 *
 * <ul>
 *   <li>{@link SendTracker}: tracks whether the request started to be written, and sends it again
 *       on another connection when {@link StaleConnectionCheck} found its pooled one dead;
 *   <li>{@link RetryAfterShield}: hides a 503's {@code Retry-After} from OkHttp's own re-send;
 *   <li>{@link ProxyAuthShield}: hides a 407 that no proxy sent from OkHttp's proxy logic.
 * </ul>
 *
 * <p>The network interceptor is the {@link StaleConnectionCheck} (one per client, with its idle
 * time): it checks the pooled connection, then hides from the response what OkHttp's follow-ups
 * must not act on ({@link #hide}).
 */
final class ResponseShields {
  /** Above OkHttp's follow-ups: restores what the network interceptor hid. */
  static final Interceptor APPLICATION = chain ->
      RetryAfterShield.restore(ProxyAuthShield.restore(SendTracker.proceed(chain)));

  private ResponseShields() {}

  /** Installs both once (a derived client already has them). */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    if (!ok.interceptors().contains(APPLICATION)) ok.addInterceptor(APPLICATION);
    return StaleConnectionCheck.install(ok);
  }

  /** Below OkHttp's follow-ups (in the network interceptor): hides what they must not act on. */
  static Response hide(Response r, Interceptor.Chain chain) {
    return ProxyAuthShield.hide(RetryAfterShield.hide(r), chain.connection());
  }
}
