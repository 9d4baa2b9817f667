package io.restsdk.core.retry;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.ClientTest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.SdkException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A fresh server and a client with fast retries per test; every OkHttp call must end by the end
 * of the test, and the listener's events are kept for assertions.
 */
abstract class RetryFixture extends ClientTest {
  static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  /** Fast: 3 attempts, 2 ms doubling up to 50 ms, no jitter. */
  static final RetryOptions FAST = RetryOptions.builder()
      .maxAttempts(3).backoff(Duration.ofMillis(2), Duration.ofMillis(50)).jitter(0).build();

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

  @Override
  protected RestClient.Builder builder() {
    return super.builder().retryOptions(FAST).retryListener(listener);
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
