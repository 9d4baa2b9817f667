package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.SdkException;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh server and a client with fast retries per test; every OkHttp call must end by the end
 * of the test, and the listener's events are kept for assertions.
 */
abstract class RetryFixture {
  static final String TOKEN = "tok-retry-7c1e";
  static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  /** Fast: 3 attempts, 2 ms doubling up to 50 ms, no jitter. */
  static final RetryOptions FAST = RetryOptions.builder()
      .maxAttempts(3).backoff(Duration.ofMillis(2), Duration.ofMillis(50)).jitter(0).build();

  MockWebServer server;
  RestClient client;
  OkHttpClient ok;
  final AtomicInteger started = new AtomicInteger();
  final AtomicInteger ended = new AtomicInteger();
  final List<RetryListener.RetryEvent> retries = new CopyOnWriteArrayList<>();
  final List<RetryListener.GiveUpEvent> giveUps = new CopyOnWriteArrayList<>();
  final RetryListener listener = new RetryListener() {
    @Override
    public void onRetry(RetryEvent event) {
      retries.add(event);
    }

    @Override
    public void onGiveUp(GiveUpEvent event) {
      giveUps.add(event);
    }
  };

  @BeforeEach
  void startServer() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(new io.restsdk.core.NoDelayServerSocketFactory());
    server.start();
    ok = new OkHttpClient.Builder()
        .readTimeout(Duration.ofSeconds(5))
        .eventListener(new EventListener() {
          @Override
          public void callStart(Call call) {
            started.incrementAndGet();
          }

          @Override
          public void callEnd(Call call) {
            ended.incrementAndGet();
          }

          @Override
          public void callFailed(Call call, IOException ioe) {
            ended.incrementAndGet();
          }
        }).build();
    client = builder().build();
  }

  RestClient.Builder builder() {
    return RestClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .bearerToken(TOKEN)
        .okHttpClient(ok)
        .retryOptions(FAST)
        .retryListener(listener);
  }

  @AfterEach
  void stopServer() {
    client.close();
    server.close();
    assertEquals(started.get(), ended.get(), "every OkHttp call must end with its response closed");
  }

  static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build();
  }

  static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  String url(String path) {
    return server.url("/v1/" + path).toString();
  }

  RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("no request recorded");
    return r;
  }

  /** Sends on the sync or async path; the async failure is rethrown as the sync one. */
  static <T> ApiResponse<T> send(boolean async, RestClient c, ApiRequest r, Class<T> type) {
    return async ? join(c.sendAsync(r, type)) : c.send(r, type);
  }

  static <T> T join(CompletableFuture<T> f) {
    try {
      return f.get(20, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof SdkException s) throw s;
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new AssertionError(e.getCause());
    } catch (InterruptedException | TimeoutException e) {
      throw new AssertionError(e);
    }
  }
}
