package io.restsdk.core;

import okhttp3.Interceptor;
import okhttp3.OkHttpClient;

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
 * <p>{@link StaleConnectionCheck} stays an interceptor of its own (one per client, with its idle
 * time), after this network interceptor.
 */
final class ResponseShields {
  /** Above OkHttp's follow-ups: restores what the network interceptor hid. */
  static final Interceptor APPLICATION = chain ->
      RetryAfterShield.restore(ProxyAuthShield.restore(SendTracker.proceed(chain)));

  /** Below OkHttp's follow-ups: hides what they must not act on. */
  static final Interceptor NETWORK = chain -> ProxyAuthShield.hide(
      RetryAfterShield.hide(chain.proceed(chain.request())), chain.connection());

  private ResponseShields() {}

  /** Installs both once (a derived client already has them), then the stale-connection check. */
  static OkHttpClient.Builder install(OkHttpClient.Builder ok) {
    if (!ok.interceptors().contains(APPLICATION)) ok.addInterceptor(APPLICATION);
    if (!ok.networkInterceptors().contains(NETWORK)) ok.addNetworkInterceptor(NETWORK);
    return StaleConnectionCheck.install(ok);
  }
}
