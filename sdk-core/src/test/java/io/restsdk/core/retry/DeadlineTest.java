package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TransportException;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import org.jspecify.annotations.Nullable;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** A call's deadline covers every attempt and every wait between them. */
@Timeout(20)
class DeadlineTest extends RetryFixture {

  /** Retries that would wait 10 s: any test here that waited for them would time out. */
  private void slowRetries() {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(5)
        .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build()).build();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetryThatWouldStartAfterTheDeadlineIsNotWaitedFor(boolean async) {
    slowRetries();
    server.enqueue(status(503));
    long start = System.nanoTime();
    TransportException e = assertThrows(TransportException.class, () -> send(async, client,
        ApiRequest.get("books/1").timeout(Duration.ofMillis(800)), Book.class));
    assertTrue(System.nanoTime() - start < 5_000_000_000L, "did not wait for the retry");
    assertEquals(TransportException.Kind.DEADLINE_EXCEEDED, e.kind());
    assertTrue(e.getMessage().contains("deadline of 800 ms exceeded after 1 attempt(s)"),
        e.getMessage());
    assertEquals(503, assertInstanceOf(ApiException.class, e.getCause()).status());
    assertTrue(e.mayHaveReachedServer());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(retries.isEmpty());
    assertEquals(GiveUpReason.DEADLINE_EXCEEDED, giveUps.get(0).reason());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void theDeadlineCutsAStalledAttemptShort(boolean async) {
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    long start = System.nanoTime();
    TransportException e = assertThrows(TransportException.class, () -> send(async, client,
        ApiRequest.get("books/1").timeout(Duration.ofMillis(300)), Book.class));
    assertTrue(System.nanoTime() - start < 4_000_000_000L, "read timeout is 5 s");
    assertEquals(TransportException.Kind.DEADLINE_EXCEEDED, e.kind(), e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void theClientDefaultDeadlineApplies(boolean async) {
    client.close();
    client = builder().deadline(Duration.ofMillis(500)).retryOptions(RetryOptions.builder()
        .backoff(Duration.ofSeconds(10), Duration.ofSeconds(10)).build()).build();
    server.enqueue(status(502));
    TransportException e = assertThrows(TransportException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(TransportException.Kind.DEADLINE_EXCEEDED, e.kind());
  }

  @Test
  void retriesWithinTheDeadlineStillHappen() {
    server.enqueue(status(503));
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    client.send(ApiRequest.get("books/1").timeout(Duration.ofSeconds(10)), Book.class);
    assertEquals(3, server.getRequestCount());
  }

  private volatile @Nullable CountDownLatch callsEnded;

  @Override
  protected void onCallFailed(Call call, IOException ioe) {
    CountDownLatch l = callsEnded;
    if (l != null) l.countDown();
  }

  @Test
  void asyncCallsQueuedInOkHttpsDispatcherEndAtTheirDeadline() throws Exception {
    // The test's own OkHttpClient keeps OkHttp's dispatcher default: 5 calls per host at once.
    int n = 30;
    callsEnded = new CountDownLatch(n);
    always(new MockResponse.Builder().headersDelay(2, TimeUnit.SECONDS).body(BOOK).build());
    long start = System.nanoTime();
    List<CompletableFuture<ApiResponse<Book>>> calls = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      calls.add(client.sendAsync(
          ApiRequest.get("books/" + i).timeout(Duration.ofMillis(400)), Book.class));
    }
    CompletableFuture.allOf(calls.toArray(new CompletableFuture<?>[0]))
        .handle((v, e) -> null).get(20, TimeUnit.SECONDS);
    long tookMillis = (System.nanoTime() - start) / 1_000_000;
    // Timed from the dispatcher's start, six rounds of five would end after 6 × 400 ms.
    assertTrue(tookMillis < 1_500, "all ended by their deadline; took " + tookMillis + " ms");
    for (CompletableFuture<ApiResponse<Book>> call : calls) {
      TransportException e = assertThrows(TransportException.class, () -> join(call));
      assertEquals(TransportException.Kind.DEADLINE_EXCEEDED, e.kind(), e.getMessage());
      assertTrue(e.getMessage().contains("deadline of 400 ms"), e.getMessage());
      assertEquals(1, e.attempts());
    }
    assertTrue(callsEnded.await(10, TimeUnit.SECONDS), "every OkHttp call ended");
    assertEquals(n, giveUps.size());
  }

  @Test
  void theClientsOwnDispatcherRunsMoreThanFiveCallsToOneHostAtOnce() throws Exception {
    int n = 20;
    CountDownLatch arrived = new CountDownLatch(n);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        arrived.countDown();
        arrived.await(5, TimeUnit.SECONDS); // answers once all are in flight together
        return json(200, BOOK);
      }
    });
    try (RestClient own = RestClient.builder().baseUrl(server.url("/v1/").toString()).build()) {
      List<CompletableFuture<ApiResponse<Book>>> calls = new ArrayList<>();
      for (int i = 0; i < n; i++) calls.add(own.sendAsync(ApiRequest.get("books/" + i), Book.class));
      assertTrue(arrived.await(4, TimeUnit.SECONDS),
          "all " + n + " in flight at once; missing: " + arrived.getCount());
      for (CompletableFuture<ApiResponse<Book>> call : calls) {
        assertInstanceOf(ApiResponse.Ok.class, join(call));
      }
    }
  }

  @Test
  void maxConcurrentRequestsIsValidatedAndRefusedWhereTheDispatcherIsNotTheClientsOwn() {
    assertThrows(IllegalArgumentException.class, () -> builder().maxConcurrentRequests(0));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> builder().maxConcurrentRequests(10).build());
    assertEquals("maxConcurrentRequests configures the client's own OkHttp dispatcher; set the"
        + " limits on the dispatcher of the okHttpClient given", e.getMessage());
    try (RestClient own = RestClient.builder().baseUrl(url("")).maxConcurrentRequests(10).build()) {
      own.newBuilder().maxConcurrentRequests(10).build().close();
      assertEquals("a client derived with newBuilder() shares the OkHttp dispatcher of the client"
          + " it came from; maxConcurrentRequests cannot differ", assertThrows(
              IllegalStateException.class,
              () -> own.newBuilder().maxConcurrentRequests(11).build()).getMessage());
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void attemptTimeoutBoundsEachAttemptAndCallTimeoutIsItsOldName(boolean async) {
    for (RestClient c : new RestClient[] {
        builder().attemptTimeout(Duration.ofMillis(200)).retryOptions(RetryOptions.none()).build(),
        deprecatedCallTimeout()}) {
      try (c) {
        server.enqueue(new MockResponse.Builder()
            .onResponseStart(SocketEffect.Stall.INSTANCE).build());
        TransportException e = assertThrows(TransportException.class,
            () -> send(async, c, ApiRequest.get("books/1"), Book.class));
        assertEquals(TransportException.Kind.TIMEOUT, e.kind(), e.getMessage());
      }
    }
  }

  @SuppressWarnings("deprecation")
  private RestClient deprecatedCallTimeout() {
    return builder().callTimeout(Duration.ofMillis(200)).retryOptions(RetryOptions.none()).build();
  }

  @Test
  void deadlinesMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> builder().deadline(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get("x").timeout(Duration.ofMillis(-1)));
  }
}
