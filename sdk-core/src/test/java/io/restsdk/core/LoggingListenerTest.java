package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The redacting log hook: what it writes, captured here (never printed), with no secret. */
class LoggingListenerTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  /** A logger that keeps its lines; the latch counts call-end lines. */
  static final class Captured implements System.Logger {
    final List<String> lines = java.util.Collections.synchronizedList(new ArrayList<>());
    final Level enabled;
    volatile CountDownLatch calls = new CountDownLatch(1);

    Captured(Level enabled) {
      this.enabled = enabled;
    }

    @Override
    public String getName() {
      return "captured";
    }

    @Override
    public boolean isLoggable(Level level) {
      return level.getSeverity() >= enabled.getSeverity();
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String msg, Throwable thrown) {
      record(msg);
    }

    @Override
    public void log(Level level, ResourceBundle bundle, String format, Object... params) {
      record(format);
    }

    @Override
    public void log(Level level, Supplier<String> msg) {
      record(msg.get());
    }

    private void record(String line) {
      lines.add(line);
      if (line.contains(" attempt")) {
        if (!line.contains(" -> ")) calls.countDown();
      }
    }

    List<String> await() throws InterruptedException {
      assertTrue(calls.await(10, TimeUnit.SECONDS), "a call ended: " + lines);
      List<String> out = List.copyOf(lines);
      lines.clear();
      calls = new CountDownLatch(1);
      return out;
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void logsEachAttemptAndTheCallWithCredentialsMasked(Mode mode) throws Exception {
    Captured log = new Captured(Level.DEBUG);
    client = builder().callListener(LoggingListener.to(log, Level.DEBUG)).build();
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    ApiRequest get = ApiRequest.get("books/42").query(Query.of("api_key", "qk-98765"))
        .credentialHeader("X-Tenant-Pass", "hunter2-secret").header("Cookie", "sid=abcdef");
    mode.send(client, get, Book.class);
    List<String> first = log.await();
    mode.send(client, get, Book.class);
    List<String> second = log.await();

    assertEquals(2, first.size(), first.toString());
    String attempt = first.get(0);
    assertTrue(attempt.startsWith("GET " + url("books/42?api_key=REDACTED") + " -> 200 (attempt 1"
        + " INITIAL, "), attempt);
    assertTrue(attempt.contains("Authorization: REDACTED"), attempt);
    assertTrue(attempt.contains("X-Tenant-Pass: REDACTED"), attempt);
    assertTrue(attempt.contains("Cookie: REDACTED"), attempt);
    assertTrue(attempt.contains("Accept: application/json"), attempt);
    assertTrue(first.get(1).startsWith("GET none: OK 200 in "), first.get(1));
    assertTrue(first.get(1).endsWith(" ms (1 attempt)"), first.get(1));
    assertTrue(second.get(0).contains(" -> 304 (attempt 1 INITIAL, cache hit, "), second.get(0));
    assertTrue(second.get(0).contains("If-None-Match: \"v1\""), second.get(0));
    assertTrue(second.get(1).startsWith("GET none: NOT_MODIFIED_FROM_CACHE 304 in "), second.get(1));

    String all = String.join("\n", first) + String.join("\n", second);
    for (String secret : List.of(TOKEN, "qk-98765", "hunter2-secret", "sid=abcdef")) {
      assertFalse(all.contains(secret), secret + " in " + all);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void logsARetryAndAFailure(Mode mode) throws Exception {
    Captured log = new Captured(Level.INFO);
    client = builder().retryOptions(RetryOptions.builder().maxAttempts(2)
            .backoff(java.time.Duration.ofMillis(1), java.time.Duration.ofMillis(2)).jitter(0).build())
        .callListener(LoggingListener.to(log, Level.INFO)).build();
    server.enqueue(status(503));
    server.enqueue(status(404));
    assertThrows(ApiException.NotFound.class, () -> mode.get(client.resource("books", Book.class), "7"));
    List<String> lines = log.await();
    assertEquals(3, lines.size(), lines.toString());
    assertTrue(lines.get(0).contains(" -> 503 (attempt 1 INITIAL, "), lines.get(0));
    assertTrue(lines.get(1).contains(" -> 404 (attempt 2 RETRY, "), lines.get(1));
    assertTrue(lines.get(2).startsWith("GET books: NOT_FOUND 404 in "), lines.get(2));
    assertTrue(lines.get(2).endsWith(" ms (2 attempts)"), lines.get(2));
  }

  @Test
  void formatsNothingBelowItsLevel() throws Exception {
    Captured log = new Captured(Level.WARNING);
    CallListenerTest.Recorder recorder = new CallListenerTest.Recorder();
    client = builder().callListener(LoggingListener.to(log, Level.DEBUG)).callListener(recorder)
        .build();
    server.enqueue(json(200, BOOK));
    client.resource("books", Book.class).get("1");
    recorder.await();
    assertEquals(List.of(), log.lines);
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> LoggingListener.at(null));
    assertThrows(NullPointerException.class, () -> LoggingListener.to(null, Level.INFO));
    assertEquals("LoggingListener{io.restsdk.http, INFO}", LoggingListener.at(Level.INFO).toString());
  }
}
