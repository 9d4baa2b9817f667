package io.restsdk.core.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Parses {@code Retry-After} (RFC 9110 §10.2.3): delay-seconds or an HTTP date. Anything else
 * (negative numbers, fractions, garbage) is ignored, so the caller falls back to its backoff.
 * A number of seconds too large to mean anything is read as {@link #FOREVER}, never as "now":
 * the server asked for a very long wait, and no retry budget covers it.
 */
public final class RetryAfter {
  private static final int MAX_DIGITS = 12; // beyond any useful delay; avoids overflow

  /** What an absurdly large delay-seconds value is read as: longer than any retry budget. */
  public static final Duration FOREVER = Duration.ofSeconds(999_999_999_999L);

  private RetryAfter() {}

  /**
   * The delay the server asked for, or empty when {@code value} is absent or invalid. An HTTP
   * date is measured from the response's {@code Date} header when it has a valid one (so the
   * clocks of client and server need not agree), else from {@code clock}; a date in the past
   * means "now" ({@link Duration#ZERO}). More than 12 digits of seconds, or a delay beyond
   * {@link #FOREVER}, gives {@link #FOREVER}.
   */
  public static Optional<Duration> parse(
      @Nullable String value, @Nullable String dateHeader, Clock clock) {
    if (value == null) return Optional.empty();
    String v = value.trim();
    if (v.isEmpty()) return Optional.empty();
    if (isDigits(v)) {
      if (v.length() > MAX_DIGITS) return Optional.of(FOREVER);
      return Optional.of(Duration.ofSeconds(Long.parseLong(v)));
    }
    Instant at = httpDate(v);
    if (at == null) return Optional.empty();
    Instant now = dateHeader == null ? null : httpDate(dateHeader.trim());
    if (now == null) now = clock.instant();
    Duration d = Duration.between(now, at);
    return Optional.of(d.isNegative() ? Duration.ZERO : d.compareTo(FOREVER) > 0 ? FOREVER : d);
  }

  private static boolean isDigits(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c < '0' || c > '9') return false;
    }
    return true;
  }

  private static @Nullable Instant httpDate(String v) {
    try {
      return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
