package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
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

/**
 * {@code Retry-After} on 429 and 503: the delay the policy chose is read from the listener,
 * never timed. Backoff is a fixed 7 ms (no jitter) and the max delay 50 ms, so nothing waits.
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
      "503, 120, 50", "429, 120, 50",
      "503, garbage, 7", "429, -5, 7", "503, 1.5, 7", "503, '', 7",
      "503, 99999999999999999999, 7",
      "500, 0, 7", "502, 0, 7", "504, 0, 7",
  })
  void secondsAreHonouredOn429And503CappedByMaxDelay(int code, String value, long expected) {
    assertEquals(expected, chosenDelayMillis(code, "Retry-After", value));
  }

  @Test
  void anHttpDateIsMeasuredFromTheServersDateHeader() {
    assertEquals(0, chosenDelayMillis(503, "Date", date(T), "Retry-After", date(T)));
  }

  @Test
  void aLaterHttpDateIsCappedByMaxDelay() {
    assertEquals(50, chosenDelayMillis(429, "Date", date(T),
        "Retry-After", date(T.plusSeconds(3600))));
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
        "Mon, 32 Jan 2026 00:00:00 GMT", "9999999999999999999"}) {
      assertTrue(RetryAfter.parse(bad, null, CLOCK).isEmpty(), bad);
    }
    assertTrue(RetryAfter.parse(null, null, CLOCK).isEmpty());
  }
}
