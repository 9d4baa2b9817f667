package io.restsdk.examples;

import java.util.ArrayList;
import java.util.List;
import okhttp3.Interceptor;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * Notes every exchange that goes over the wire, so the tour can show what was really sent and
 * answered: the 200 behind a followed {@code Location}, the 304 behind a cached read, the 412
 * behind a {@code modify}. It is a plain OkHttp interceptor, handed to the SDK with
 * {@code RestClient.Builder.okHttpClient(...)}. It records methods, paths, statuses and the
 * conditional headers; never a token or a body.
 */
final class WireLog {
  /**
   * One exchange.
   *
   * @param client which client sent it (the tour's own, or the "second client" of step 6)
   * @param status the status, or 0 when no response came
   * @param ifMatch the {@code If-Match} sent, or null
   * @param ifNoneMatch the {@code If-None-Match} sent, or null
   * @param authenticated whether an {@code Authorization} header was sent
   */
  record Exchange(String client, String method, String path, int status,
      @Nullable String ifMatch, @Nullable String ifNoneMatch, boolean authenticated) {}

  private final List<Exchange> exchanges = new ArrayList<>();

  /** An interceptor that records the exchanges of the client named {@code client}. */
  Interceptor interceptor(String client) {
    return chain -> {
      Request request = chain.request();
      String path = request.url().encodedPath()
          + (request.url().encodedQuery() == null ? "" : "?" + request.url().encodedQuery());
      int status = 0;
      try {
        Response response = chain.proceed(request);
        status = response.code();
        return response;
      } finally {
        add(new Exchange(client, request.method(), path, status, request.header("If-Match"),
            request.header("If-None-Match"), request.header("Authorization") != null));
      }
    };
  }

  private synchronized void add(Exchange exchange) {
    exchanges.add(exchange);
  }

  /** A position to pass to {@link #since(int)}. */
  synchronized int mark() {
    return exchanges.size();
  }

  /** The exchanges recorded after {@code mark}, oldest first. */
  synchronized List<Exchange> since(int mark) {
    return List.copyOf(exchanges.subList(mark, exchanges.size()));
  }
}
