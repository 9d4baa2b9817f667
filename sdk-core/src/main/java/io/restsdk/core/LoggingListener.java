package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.lang.System.Logger;
import java.lang.System.Logger.Level;
import java.util.concurrent.TimeUnit;
import okhttp3.Headers;

/**
 * A {@link CallListener} that logs each HTTP attempt and each call's end on a
 * {@link System.Logger} (by default {@code io.restsdk.http}), with no credential in it: the
 * method, the URL with secret query values redacted, the status or failure, the attempt's number
 * and kind, the ETag cache's part, the time taken and the request headers, the value of every
 * credential ({@code Authorization}, {@code Cookie}, credential headers, names that look secret)
 * replaced by {@code REDACTED}. Nothing is formatted unless the logger logs at the level.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .callListener(LoggingListener.at(System.Logger.Level.DEBUG))
 *     .build();
 * // GET https://api.example.com/v1/books/42 -> 304 (attempt 1 INITIAL, cache hit, 12 ms)
 * //   [Accept: application/json, Authorization: REDACTED, If-None-Match: "v1"]
 * // GET books: NOT_MODIFIED_FROM_CACHE 304 in 13 ms (1 attempt)
 * }</pre>
 */
public final class LoggingListener implements CallListener {
  /** The logger {@link #at(Level)} logs to. */
  public static final String LOGGER_NAME = "io.restsdk.http";

  private final Logger logger;
  private final Level level;

  private LoggingListener(Logger logger, Level level) {
    this.logger = logger;
    this.level = level;
  }

  /**
   * Logs to {@link #LOGGER_NAME} at {@code level}.
   *
   * @throws NullPointerException if {@code level} is null
   */
  public static LoggingListener at(Level level) {
    return to(System.getLogger(LOGGER_NAME), level);
  }

  /**
   * Logs to {@code logger} at {@code level}.
   *
   * @throws NullPointerException if an argument is null
   */
  public static LoggingListener to(Logger logger, Level level) {
    return new LoggingListener(requireNonNull(logger, "logger == null"),
        requireNonNull(level, "level == null"));
  }

  @Override
  public void onAttemptEnd(Attempt a) {
    if (!logger.isLoggable(level)) return;
    logger.log(level, attemptLine(a));
  }

  @Override
  public void onCallEnd(Call call) {
    if (!logger.isLoggable(level)) return;
    logger.log(level, call.method() + " " + call.route() + ": " + call.outcome()
        + (call.status() == 0 ? "" : " " + call.status()) + " in "
        + millis(call.durationNanos()) + " ms (" + call.attempts()
        + (call.attempts() == 1 ? " attempt)" : " attempts)"));
  }

  /** The line for one attempt. */
  static String attemptLine(Attempt a) {
    StringBuilder s = new StringBuilder(160).append(a.method()).append(' ').append(a.url())
        .append(" -> ");
    Throwable f = a.failure();
    if (a.status() != 0) s.append(a.status());
    else s.append(f == null ? "?" : Observation.outcome(f));
    s.append(" (attempt ").append(a.number()).append(' ').append(a.kind());
    if (a.isRevalidation()) s.append(a.status() == 304 ? ", cache hit" : ", cache stale");
    s.append(", ").append(millis(a.durationNanos())).append(" ms)");
    Headers h = a.requestHeaders();
    s.append(" [");
    for (int i = 0; i < h.size(); i++) {
      if (i > 0) s.append(", ");
      s.append(h.name(i)).append(": ").append(h.value(i));
    }
    return s.append(']').toString();
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(Math.max(0, nanos));
  }

  @Override
  public String toString() {
    return "LoggingListener{" + logger.getName() + ", " + level + "}";
  }
}
