package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.SdkException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * 10,000 faulted calls (bodyless answers: on loopback a response body costs a delayed-ACK
 * round of ~40 ms with mockwebserver, which would make this test take minutes), sync and async: every OkHttp call ends (the fixture's counting listener
 * checks it after the test) and no connection is left in use.
 */
@Timeout(60)
class RetryLeakTest extends RetryFixture {

  @Test
  void tenThousandFaultedCallsLeaveNothingOpen() throws Exception {
    AtomicInteger n = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        int i = n.incrementAndGet();
        if (i % 50 == 0) {
          return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
        }
        return switch (i % 4) {
          case 0 -> new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build();
          case 1 -> status(500);
          case 2 -> status(429);
          default -> status(204);
        };
      }
    });
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(3)
        .backoff(Duration.ZERO, Duration.ZERO).build()).build();
    int calls = 10_000;
    int failures = 0;
    long t0 = System.nanoTime();
    for (int i = 0; i < calls / 2; i++) {
      try {
        client.send(ApiRequest.get("books/" + (i % 10)), Void.class);
      } catch (SdkException e) {
        failures++;
      }
    }
    List<CompletableFuture<?>> batch = new ArrayList<>();
    for (int i = 0; i < calls / 2; i++) {
      batch.add(client.sendAsync(ApiRequest.put("books/" + (i % 10)).body(new Book("a", "b")),
          Void.class));
      if (batch.size() == 64) {
        failures += drain(batch);
      }
    }
    failures += drain(batch);
    System.out.println("10,000 faulted calls: " + (System.nanoTime() - t0) / 1_000_000 + " ms");
    assertTrue(failures > 0 && failures < calls, "faults happened: " + failures);
    assertTrue(server.getRequestCount() > calls, "retries happened");
    assertEquals(0, ok.connectionPool().connectionCount() - ok.connectionPool().idleConnectionCount(),
        "no connection in use");
    assertEquals(started.get(), ended.get(), "every call ended");
  }

  private static int drain(List<CompletableFuture<?>> batch) throws Exception {
    int failed = 0;
    for (CompletableFuture<?> f : batch) {
      try {
        f.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        failed++;
      }
    }
    batch.clear();
    return failed;
  }

}
