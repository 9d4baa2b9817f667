package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.internal.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code Retry-After} on 429 and 503: the delay the policy chose is read from the listener,
 * never timed. Backoff is a fixed 7 ms (no jitter) and the max delay 50 ms, so nothing waits
 * long; a {@code Retry-After} beyond the budget ends the call at once.
 */
@Timeout(20)
class RetryAfterTest extends RetryFixture {
  private static final Instant T = Instant.parse("2026-01-02T03:04:05Z");
  private static final Clock CLOCK = Clock.fixed(T, ZoneOffset.UTC);

  @BeforeEach
  void sevenMillisBackoff() {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(2)
        .backoff(Duration.ofMillis(7), Duration.ofMillis(50)).jitter(0).build()).build();
  }

  private static String date(Instant i) {
    return DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(i, ZoneOffset.UTC));
  }

  private long chosenDelayMillis(int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    server.enqueue(b.build());
    server.enqueue(b.build());
    ApiException e = assertThrows(ApiException.class,
        () -> client.send(ApiRequest.get("books/1"), Book.class));
    assertEquals(code, e.status());
    assertEquals(1, retries.size());
    return retries.get(0).delay().toMillis();
  }

  @ParameterizedTest(name = "{0} Retry-After: {1} → {2} ms")
  @CsvSource({
      "503, 0, 0", "429, 0, 0",
      "503, garbage, 7", "429, -5, 7", "503, 1.5, 7", "503, '', 7",
      "500, 0, 7", "502, 0, 7", "504, 0, 7",
  })
  void secondsAreHonouredOn429And503(int code, String value, long expected) {
    assertEquals(expected, chosenDelayMillis(code, "Retry-After", value));
  }

  @Test
  void aRetryAfterWithinMaxDelayIsWaitedFor() {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(2)
        .backoff(Duration.ofMillis(7), Duration.ofSeconds(2)).jitter(0).build()).build();
    assertEquals(1000, chosenDelayMillis(429, "Retry-After", "1"));
  }

  @Test
  void anHttpDateIsMeasuredFromTheServersDateHeader() {
    assertEquals(0, chosenDelayMillis(503, "Date", date(T), "Retry-After", date(T)));
  }

  /** Sends once and expects the call to give up at once on the server's Retry-After. */
  private <E extends ApiException> E givesUpAtOnce(boolean async, Class<E> type,
      ApiRequest request, int code, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(code);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    always(b.build());
    E e = assertThrows(type, () -> send(async, client, request, Book.class));
    assertEquals(1, server.getRequestCount(), "not retried");
    assertEquals(1, e.attempts());
    assertTrue(retries.isEmpty(), "no retry scheduled");
    assertEquals(1, giveUps.size());
    assertEquals(GiveUpReason.RETRY_AFTER_BEYOND_BUDGET, giveUps.get(0).reason());
    assertSame(e, giveUps.get(0).failure());
    return e;
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetryAfterBeyondMaxDelayGivesUpAtOnceSayingWhen(boolean async) {
    ApiException.TooManyRequests e = givesUpAtOnce(async, ApiException.TooManyRequests.class,
        ApiRequest.get("books/1"), 429, "Date", date(T), "Retry-After", "3600");
    assertEquals(Optional.of(Duration.ofHours(1)), e.retryAfter());
    assertEquals(Optional.of(T.plusSeconds(3600)), e.retryAt());
    assertEquals("GET " + url("books/1") + " → 429 Too Many Requests: retry after 3600 s"
        + " (at 2026-01-02T04:04:05Z)", e.getMessage());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aLaterHttpDateBeyondMaxDelayGivesUpAtOnce(boolean async) {
    ApiException.ServiceUnavailable e = givesUpAtOnce(async,
        ApiException.ServiceUnavailable.class, ApiRequest.get("books/1"), 503,
        "Date", date(T), "Retry-After", date(T.plusSeconds(3600)));
    assertEquals(Optional.of(T.plusSeconds(3600)), e.retryAt());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void anAbsurdRetryAfterIsBeyondTheBudgetNeverNow(boolean async) {
    ApiException.ServiceUnavailable e = givesUpAtOnce(async,
        ApiException.ServiceUnavailable.class, ApiRequest.get("books/1"), 503,
        "Retry-After", "99999999999999999999");
    assertEquals(Optional.of(RetryAfter.FOREVER), e.retryAfter());
    assertEquals("GET " + url("books/1") + " → 503 Service Unavailable: the server's"
        + " Retry-After is beyond any retry budget", e.getMessage());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetryAfterBeyondTheDeadlineGivesUpAtOnce(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(2)
        .backoff(Duration.ofMillis(7), Duration.ofSeconds(10)).jitter(0).build()).build();
    ApiException.TooManyRequests e = givesUpAtOnce(async, ApiException.TooManyRequests.class,
        ApiRequest.get("books/1").timeout(Duration.ofSeconds(3)), 429, "Retry-After", "5");
    assertEquals(Optional.of(Duration.ofSeconds(5)), e.retryAfter());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRetryAfterBeyondWhatIsLeftOfMaxDurationGivesUpAtOnce(boolean async) {
    client.close();
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(2)
        .backoff(Duration.ofMillis(7), Duration.ofSeconds(10)).jitter(0)
        .maxDuration(Duration.ofSeconds(3)).build()).build();
    givesUpAtOnce(async, ApiException.TooManyRequests.class, ApiRequest.get("books/1"), 429,
        "Retry-After", "5");
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a429IsRetriedForAPostToo(boolean async) {
    server.enqueue(new MockResponse.Builder().code(429).build());
    server.enqueue(json(200, BOOK));
    send(async, client, ApiRequest.post("books").body(new Book("a", "b")), Book.class);
    assertEquals(2, server.getRequestCount());
    assertEquals(1, retries.size());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a503WithRetryAfterIsRetriedForAPostButNotWithout(boolean async) {
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(json(200, BOOK));
    send(async, client, ApiRequest.post("books").body(new Book("a", "b")), Book.class);
    assertEquals(2, server.getRequestCount());
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    ApiException.ServiceUnavailable e = assertThrows(ApiException.ServiceUnavailable.class,
        () -> send(async, client, ApiRequest.post("books").body(new Book("a", "b")), Book.class));
    assertEquals(3, server.getRequestCount());
    assertEquals(GiveUpReason.NOT_SAFE_TO_RETRY, giveUps.get(0).reason());
    assertEquals(1, e.attempts());
  }

  @Test
  void aPastHttpDateMeansNow() {
    assertEquals(0, chosenDelayMillis(503, "Date", date(T),
        "Retry-After", date(T.minusSeconds(60))));
  }

  @Test
  void parseHandlesSecondsDatesAndGarbage() {
    assertEquals(Optional.of(Duration.ofSeconds(120)), RetryAfter.parse("120", null, CLOCK));
    assertEquals(Optional.of(Duration.ofSeconds(7)), RetryAfter.parse(" 7 ", null, CLOCK));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse(date(T.plusSeconds(30)), null, CLOCK));
    assertEquals(Optional.of(Duration.ofSeconds(10)),
        RetryAfter.parse(date(T.plusSeconds(30)), date(T.plusSeconds(20)), CLOCK));
    assertEquals(Optional.of(Duration.ofSeconds(30)),
        RetryAfter.parse(date(T.plusSeconds(30)), "not a date", CLOCK));
    assertEquals(Optional.of(Duration.ZERO),
        RetryAfter.parse(date(T.minusSeconds(30)), null, CLOCK));
    for (String bad : new String[] {"", "soon", "-1", "1.5", "0x10", "12 s",
        "Mon, 32 Jan 2026 00:00:00 GMT"}) {
      assertTrue(RetryAfter.parse(bad, null, CLOCK).isEmpty(), bad);
    }
    for (String absurd : new String[] {"9999999999999", "99999999999999999999"}) {
      assertEquals(Optional.of(RetryAfter.FOREVER), RetryAfter.parse(absurd, null, CLOCK), absurd);
    }
    assertEquals(Optional.of(Duration.ofSeconds(999_999_999_999L)),
        RetryAfter.parse("999999999999", null, CLOCK));
    assertTrue(RetryAfter.parse(null, null, CLOCK).isEmpty());
  }
}
