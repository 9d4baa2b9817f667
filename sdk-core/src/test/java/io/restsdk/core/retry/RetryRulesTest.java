package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Which statuses and methods are retried, counted from the requests the server recorded. */
@Timeout(20)
class RetryRulesTest extends RetryFixture {

  private void always(int code) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        if ("HEAD".equals(request.getMethod())) return status(code); // no body for HEAD
        return json(code, "{\"code\":" + code + ",\"type\":\"x\",\"message\":\"m\"}");
      }
    });
  }

  private static ApiRequest request(String kind) {
    return switch (kind) {
      case "GET" -> ApiRequest.get("books/1");
      case "HEAD" -> ApiRequest.of("HEAD", "books/1");
      case "OPTIONS" -> ApiRequest.of("OPTIONS", "books/1");
      case "PUT" -> ApiRequest.put("books/1").body(new Book("a", "b"));
      case "DELETE" -> ApiRequest.delete("books/1");
      case "PATCH" -> ApiRequest.patch("books/1").body(new Book("a", "b"));
      case "POST" -> ApiRequest.post("books").body(new Book("a", "b"));
      case "POST+key" -> ApiRequest.post("books").body(new Book("a", "b")).idempotencyKey("k-1");
      case "PATCH+key" -> ApiRequest.patch("books/1").body(new Book("a", "b"))
          .idempotencyKey("k-2");
      default -> throw new IllegalArgumentException(kind);
    };
  }

  @ParameterizedTest(name = "{0} {1} async={2} → {3} attempts")
  @CsvSource({
      "GET, 503, false, 3", "GET, 503, true, 3",
      "GET, 429, false, 3", "GET, 500, true, 3", "GET, 502, false, 3", "GET, 504, true, 3",
      "HEAD, 503, false, 3", "OPTIONS, 500, true, 3",
      "PUT, 500, false, 3", "PUT, 503, true, 3",
      "DELETE, 502, false, 3", "DELETE, 429, true, 3",
      "POST+key, 503, false, 3", "POST+key, 500, true, 3", "PATCH+key, 504, false, 3",
      "POST, 503, false, 1", "POST, 500, true, 1", "POST, 429, false, 3", "POST, 429, true, 3",
      "PATCH, 503, true, 1", "PATCH, 500, false, 1",
  })
  void retryableStatusesAreRetriedOnlyWhenSafe(String kind, int code, boolean async,
      int expected) {
    always(code);
    ApiException e = assertThrows(ApiException.class,
        () -> send(async, client, request(kind), Book.class));
    assertEquals(code, e.status());
    assertEquals(expected, server.getRequestCount());
    assertEquals(expected, e.attempts());
    assertEquals(expected - 1, e.getSuppressed().length);
    for (Throwable earlier : e.getSuppressed()) {
      assertEquals(code, assertInstanceOf(ApiException.class, earlier).status());
    }
    assertEquals(expected - 1, retries.size());
    assertEquals(1, giveUps.size());
    assertEquals(expected == 1 ? GiveUpReason.NOT_SAFE_TO_RETRY : GiveUpReason.RETRIES_EXHAUSTED,
        giveUps.get(0).reason());
    assertEquals(expected, giveUps.get(0).attempts());
    assertEquals(e, giveUps.get(0).failure());
  }

  @ParameterizedTest(name = "GET {0} async={1} is never retried")
  @CsvSource({
      "400, false", "401, true", "403, false", "404, true", "409, false", "412, true",
      "405, false", "410, true", "418, false", "422, true", "501, false", "505, true",
  })
  void otherFailuresAreNeverRetried(int code, boolean async) {
    always(code);
    ApiException e = assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(code, e.status());
    assertEquals(1, server.getRequestCount());
    assertEquals(1, e.attempts());
    assertEquals(0, e.getSuppressed().length);
    assertTrue(retries.isEmpty());
    assertTrue(giveUps.isEmpty(), "a plain answer is not a give-up");
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aRetriedCallThatSucceedsReturnsTheSuccess(boolean async) {
    server.enqueue(status(503));
    server.enqueue(status(500));
    server.enqueue(json(200, BOOK));
    ApiResponse<Book> r = send(async, client, ApiRequest.get("books/1"), Book.class);
    assertEquals(new Book("Dune", "Herbert"), assertInstanceOf(ApiResponse.Ok.class, r).body());
    assertEquals(3, server.getRequestCount());
    assertEquals(2, retries.size());
    assertEquals(1, retries.get(0).attempt());
    assertEquals(503, ((ApiException) retries.get(0).failure()).status());
    assertEquals(2, retries.get(1).attempt());
    assertTrue(giveUps.isEmpty());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void backoffDoublesUpToTheMaxDelay(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(5)
        .backoff(java.time.Duration.ofMillis(4), java.time.Duration.ofMillis(10)).jitter(0)
        .build()).build();
    always(503);
    assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(5, server.getRequestCount());
    assertEquals(java.util.List.of(4L, 8L, 10L, 10L),
        retries.stream().map(r -> r.delay().toMillis()).toList());
  }

  @Test
  void jitterKeepsDelaysWithinItsBoundsAndTheMaxDelay() {
    RetryOptions o = RetryOptions.builder().maxAttempts(40)
        .backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(4)).jitter(0.5)
        .build();
    client.close();
    client = builder().retryOptions(o).build();
    always(503);
    assertThrows(ApiException.class, () -> client.send(ApiRequest.get("books/1"), Book.class));
    Set<Long> seen = new HashSet<>();
    for (var r : retries) {
      long micros = r.delay().toNanos() / 1000;
      seen.add(micros);
      assertTrue(micros <= 4000, "capped by maxDelay: " + r.delay());
      assertTrue(r.attempt() < 3 || micros >= 2000, "at least half of 4 ms: " + r.delay());
    }
    assertTrue(seen.size() > 5, "jitter varies the delays: " + seen);
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void noneMakesOneAttempt(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.none()).build();
    always(503);
    ApiException e = assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(1, server.getRequestCount());
    assertEquals(1, e.attempts());
    assertEquals(GiveUpReason.RETRIES_EXHAUSTED, giveUps.get(0).reason());
  }

  @Test
  void retriesAreOnByDefaultWithThreeAttempts() {
    assertEquals(3, RetryOptions.defaults().maxAttempts());
    client.close();
    client = builder().retryOptions(RetryOptions.defaults().newBuilder()
        .backoff(java.time.Duration.ZERO, java.time.Duration.ZERO).build()).build();
    always(503);
    assertThrows(ApiException.class, () -> client.send(ApiRequest.get("books/1"), Book.class));
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void optionsRejectBadValuesNamingTheField() {
    assertEquals("maxAttempts must be >= 1: 0", assertThrows(IllegalArgumentException.class,
        () -> RetryOptions.builder().maxAttempts(0)).getMessage());
    assertEquals("jitter must be in [0, 1]: 1.5", assertThrows(IllegalArgumentException.class,
        () -> RetryOptions.builder().jitter(1.5)).getMessage());
    assertThrows(IllegalArgumentException.class, () -> RetryOptions.builder()
        .backoff(java.time.Duration.ofSeconds(2), java.time.Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class,
        () -> RetryOptions.builder().maxDuration(java.time.Duration.ZERO));
    assertNotNull(RetryOptions.defaults().toString());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void maxDurationCountsTheFirstAttempt(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(3)
        .maxDuration(java.time.Duration.ofMillis(150))
        .backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)).jitter(0).build())
        .build();
    server.enqueue(new MockResponse.Builder().code(503)
        .headersDelay(400, java.util.concurrent.TimeUnit.MILLISECONDS).build());
    server.enqueue(json(200, BOOK));
    ApiException failure = assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(503, failure.status());
    assertEquals(1, server.getRequestCount(), "the first attempt alone outlasted maxDuration");
    assertEquals(1, failure.attempts());
    assertEquals(GiveUpReason.RETRIES_EXHAUSTED, giveUps.get(0).reason());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void withinMaxDurationTheRetryIsMade(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(3)
        .maxDuration(java.time.Duration.ofSeconds(10))
        .backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(1)).jitter(0).build())
        .build();
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    assertInstanceOf(ApiResponse.Ok.class,
        send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(2, server.getRequestCount());
    assertEquals(1, retries.size());
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheCall() {
    // The warning (with the listener's exception) is captured here, not printed by the build.
    java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.restsdk.core");
    List<java.util.logging.LogRecord> logged = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.logging.Handler capture = new java.util.logging.Handler() {
      @Override
      public void publish(java.util.logging.LogRecord r) {
        logged.add(r);
      }

      @Override
      public void flush() {}

      @Override
      public void close() {}
    };
    log.addHandler(capture);
    log.setUseParentHandlers(false);
    try {
      client.close();
      client = builder().retryListener(new io.restsdk.core.RetryListener() {
        @Override
        public void onRetry(RetryEvent event) {
          throw new IllegalStateException("boom");
        }
      }).build();
      server.enqueue(status(503));
      server.enqueue(json(200, BOOK));
      assertInstanceOf(ApiResponse.Ok.class, client.send(ApiRequest.get("books/1"), Book.class));
    } finally {
      log.removeHandler(capture);
      log.setUseParentHandlers(true);
    }
    List<java.util.logging.LogRecord> warned = logged.stream()
        .filter(r -> "RetryListener threw; ignored".equals(r.getMessage())).toList();
    assertEquals(1, warned.size(), "one warning for the one throwing call: " + logged);
    assertEquals(java.util.logging.Level.WARNING, warned.get(0).getLevel());
    assertEquals("boom", warned.get(0).getThrown().getMessage());
  }
}
