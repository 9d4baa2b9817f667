package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.CircuitOpenException;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The per-client breaker opens after consecutive retryable failures, fails fast, recovers. */
@Timeout(20)
class CircuitBreakerTest extends RetryFixture {
  private static final Duration HALF_OPEN_AFTER = Duration.ofMillis(300);

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void opensFailsFastAndRecovers(boolean async) throws Exception {
    client.close();
    client = builder().retryOptions(RetryOptions.none())
        .circuitBreaker(2, HALF_OPEN_AFTER).build();
    server.enqueue(status(503));
    server.enqueue(status(500));
    server.enqueue(json(200, BOOK));
    ApiRequest get = ApiRequest.get("books/1");
    assertEquals(503, assertThrows(ApiException.class,
        () -> send(async, client, get, Book.class)).status());
    assertEquals(500, assertThrows(ApiException.class,
        () -> send(async, client, get, Book.class)).status());

    long opened = System.nanoTime();
    CircuitOpenException open = assertThrows(CircuitOpenException.class,
        () -> send(async, client, get, Book.class));
    assertEquals(2, server.getRequestCount(), "not sent while open");
    assertTrue(open.getMessage().startsWith("GET " + url("books/1")
        + ": circuit breaker open, request not sent; half-opens in "), open.getMessage());
    assertTrue(open.retryIn().compareTo(HALF_OPEN_AFTER) <= 0);
    assertEquals(GiveUpReason.CIRCUIT_OPEN, giveUps.get(giveUps.size() - 1).reason());
    assertEquals(null, open.getCause(), "no Failsafe type reachable from the exception");

    // Wait out the open state (not a timed assertion: the breaker says how long it needs).
    Thread.sleep(Math.max(0, open.retryIn().toMillis() + 20
        - (System.nanoTime() - opened) / 1_000_000));
    ApiResponse<Book> r = send(async, client, get, Book.class);
    assertInstanceOf(ApiResponse.Ok.class, r);
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void openingMidCallStopsTheRetries(boolean async) {
    client.close();
    client = builder().circuitBreaker(2, Duration.ofSeconds(30)).build();
    server.enqueue(status(503));
    server.enqueue(status(503));
    CircuitOpenException e = assertThrows(CircuitOpenException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(2, server.getRequestCount());
    assertEquals(2, e.attempts());
    assertEquals(2, e.getSuppressed().length);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailureThatOpensTheBreakerEndsTheCallWithoutWaitingForTheBackoff(boolean async) {
    client.close();
    // The breaker stays open for longer than the backoff: the retry would surely be refused.
    client = builder().circuitBreaker(1, Duration.ofSeconds(120))
        .retryOptions(RetryOptions.builder().maxAttempts(3)
            .backoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).jitter(0).build())
        .build();
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    CircuitOpenException e = assertThrows(CircuitOpenException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(1, e.attempts());
    assertEquals(1, e.getSuppressed().length, "the 503 that opened the breaker");
    assertEquals(503, ((ApiException) e.getSuppressed()[0]).status());
    assertTrue(retries.isEmpty(), "no retry was scheduled: " + retries);
    assertEquals(GiveUpReason.CIRCUIT_OPEN, giveUps.get(0).reason());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aBreakerThatHalfOpensBeforeTheBackoffEndsLetsTheRetryThrough(boolean async) {
    client.close();
    // Opened by the 503 for 50 ms; the retry comes 300 ms later, when it is half-open.
    client = builder().circuitBreaker(1, Duration.ofMillis(50))
        .retryOptions(RetryOptions.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(300), Duration.ofMillis(300)).jitter(0).build())
        .build();
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    assertInstanceOf(ApiResponse.Ok.class,
        send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(1, retries.size());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void firstAttemptsCountWhenRetriesAreOnAndASuccessResetsTheCount(boolean async) {
    client.close();
    client = builder().circuitBreaker(3, Duration.ofSeconds(30)).build();
    // 503, 200 | 503, 200 | 503, 503, 503: only the last call's three failures in a row
    // (its first attempt included) open the breaker.
    for (int code : new int[] {503, 200, 503, 200, 503, 503, 503}) {
      server.enqueue(code == 200 ? json(200, BOOK) : status(code));
    }
    send(async, client, ApiRequest.get("books/1"), Book.class);
    send(async, client, ApiRequest.get("books/1"), Book.class);
    ApiException third = assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(503, third.status(), "the earlier failures were reset by the 200s");
    assertEquals(3, third.attempts());
    assertEquals(7, server.getRequestCount());
    CircuitOpenException open = assertThrows(CircuitOpenException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(0, open.attempts());
    assertEquals(7, server.getRequestCount(), "open: the next call's first attempt is not sent");
  }

  @Test
  void answersThatAreNotRetryableDoNotCountAsFailures() {
    client.close();
    client = builder().retryOptions(RetryOptions.none())
        .circuitBreaker(2, Duration.ofSeconds(30)).build();
    for (int i = 0; i < 5; i++) {
      server.enqueue(status(503));
      server.enqueue(status(404));
    }
    for (int i = 0; i < 10; i++) {
      assertThrows(ApiException.class, () -> client.send(ApiRequest.get("books/1"), Book.class));
    }
    assertEquals(10, server.getRequestCount());
  }

  @Test
  void offByDefault() {
    client.close();
    client = builder().retryOptions(RetryOptions.none()).build();
    for (int i = 0; i < 10; i++) server.enqueue(status(503));
    for (int i = 0; i < 10; i++) {
      assertThrows(ApiException.class, () -> client.send(ApiRequest.get("books/1"), Book.class));
    }
    assertEquals(10, server.getRequestCount());
  }
}
