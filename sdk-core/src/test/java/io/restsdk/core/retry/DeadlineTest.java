package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TransportException;
import java.time.Duration;
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

  @Test
  void deadlinesMustBePositive() {
    assertThrows(IllegalArgumentException.class,
        () -> builder().deadline(Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get("x").timeout(Duration.ofMillis(-1)));
  }
}
