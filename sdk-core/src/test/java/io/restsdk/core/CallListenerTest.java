package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** What a {@link CallListener} hears of calls, attempts, retries, the breaker and the cache. */
class CallListenerTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final RetryOptions FAST = RetryOptions.builder()
      .maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).jitter(0).build();

  /** Every event as a line; a latch counts the calls that ended (async ends on completion). */
  static final class Recorder implements CallListener {
    final List<String> events = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Call> calls = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<Attempt> attempts = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile CountDownLatch ended = new CountDownLatch(1);

    @Override
    public void onCallStart(Call call) {
      events.add("start " + call.method() + " " + call.route());
    }

    @Override
    public void onAttemptStart(Attempt a) {
      a.header("X-Trace", "t-" + a.number());
    }

    @Override
    public void onAttemptEnd(Attempt a) {
      attempts.add(a);
      events.add("attempt " + a.number() + " " + a.kind() + " " + a.method() + " " + a.status()
          + (a.isRevalidation() ? " revalidation" : ""));
    }

    @Override
    public void onRetry(Call call, RetryListener.RetryEvent e) {
      events.add("retry after " + e.attempt());
    }

    @Override
    public void onGiveUp(Call call, RetryListener.GiveUpEvent e) {
      events.add("give up " + e.reason());
    }

    @Override
    public void onDeadlineExceeded(Call call) {
      events.add("deadline");
    }

    @Override
    public void onCacheEvent(CacheEventKind kind, EtagCache.Stats stats) {
      events.add("cache " + kind);
    }

    @Override
    public void onBreakerStateChange(BreakerState from, BreakerState to) {
      events.add("breaker " + from + " -> " + to);
    }

    @Override
    public void onCallEnd(Call call) {
      calls.add(call);
      events.add("end " + call.outcome() + " " + call.status() + " " + call.statusClass());
      ended.countDown();
    }

    /** Waits for the call's end (the async path reports it as its future completes). */
    List<String> await() throws InterruptedException {
      assertTrue(ended.await(10, TimeUnit.SECONDS), "the call ended: " + events);
      List<String> out = List.copyOf(events);
      events.clear();
      ended = new CountDownLatch(1);
      return out;
    }
  }

  private final Recorder recorder = new Recorder();

  private Resource<Book> books() {
    if (client.observation == null) client = builder().retryOptions(FAST).callListener(recorder).build();
    return client.resource("books", Book.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ok200(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.get(books(), "42");
    // The cache's events come while the attempt's answer is handled, before the attempt ends.
    assertEquals(List.of("start GET books", "cache MISS", "cache STORE",
        "attempt 1 INITIAL GET 200", "end OK 200 2xx"), recorder.await());
    CallListener.Call call = recorder.calls.get(0);
    assertEquals(url("books/42"), call.url());
    assertEquals(mode == Mode.ASYNC, call.isAsync());
    assertEquals(1, call.attempts());
    assertTrue(call.durationNanos() >= 0);
    assertNull(call.failure());
    assertEquals("t-1", server.takeRequest().getHeaders().get("X-Trace"), "the header a listener added");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModifiedFromCache(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    mode.get(books(), "42");
    recorder.await();
    mode.get(books(), "42");
    assertEquals(List.of("start GET books", "cache HIT",
        "attempt 1 INITIAL GET 304 revalidation", "end NOT_MODIFIED_FROM_CACHE 304 3xx"),
        recorder.await());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createdAndLocationFollowed(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.create(books(), new Book("Dune", "Herbert"));
    assertEquals(List.of("start POST books", "cache MISS", "attempt 1 INITIAL POST 201",
        "cache STORE", "attempt 2 LOCATION GET 200", "end CREATED 201 2xx"), recorder.await());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retried503Then200(Mode mode) throws Exception {
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    mode.get(books(), "42");
    assertEquals(List.of("start GET books", "cache MISS", "attempt 1 INITIAL GET 503",
        "retry after 1", "attempt 2 RETRY GET 200", "end OK 200 2xx"), recorder.await());
    assertEquals("t-1", server.takeRequest().getHeaders().get("X-Trace"));
    assertEquals("t-2", server.takeRequest().getHeaders().get("X-Trace"), "one per attempt");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notFound(Mode mode) throws Exception {
    server.enqueue(status(404));
    assertThrows(ApiException.NotFound.class, () -> mode.get(books(), "42"));
    assertEquals(List.of("start GET books", "cache MISS", "attempt 1 INITIAL GET 404",
        "end NOT_FOUND 404 4xx"), recorder.await());
    assertTrue(recorder.calls.get(0).failure() instanceof ApiException.NotFound);
    assertTrue(recorder.attempts.get(0).failure() instanceof ApiException.NotFound);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void transportFailure(Mode mode) throws Exception {
    books();
    server.close();
    client = builder().retryOptions(RetryOptions.none()).callListener(recorder).build();
    assertThrows(TransportException.class, () -> mode.get(books(), "42"));
    assertEquals(List.of("start GET books", "cache MISS", "attempt 1 INITIAL GET 0",
        "give up RETRIES_EXHAUSTED", "end CONNECT 0 none"), recorder.await());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deadlineExpiry(Mode mode) throws Exception {
    client = builder().retryOptions(RetryOptions.none()).deadline(Duration.ofMillis(200))
        .callListener(recorder).build();
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    TransportException e = assertThrows(TransportException.class, () -> mode.get(books(), "42"));
    assertEquals(TransportException.Kind.DEADLINE_EXCEEDED, e.kind());
    List<String> events = recorder.await();
    assertTrue(events.contains("deadline"), events.toString());
    // On the async path the call ends at the deadline, before the cancelled attempt reports.
    assertTrue(events.contains("end DEADLINE_EXCEEDED 0 none"), events.toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void breakerOpensAndTheCallGivesUp(Mode mode) throws Exception {
    client = builder().retryOptions(FAST).circuitBreaker(2, Duration.ofMinutes(1))
        .callListener(recorder).build();
    server.enqueue(status(503));
    server.enqueue(status(503));
    assertThrows(CircuitOpenException.class, () -> mode.get(books(), "42"));
    assertEquals(List.of("start GET books", "cache MISS", "attempt 1 INITIAL GET 503",
        "retry after 1", "attempt 2 RETRY GET 503", "breaker CLOSED -> OPEN",
        "give up CIRCUIT_OPEN", "end CIRCUIT_OPEN 0 none"), recorder.await());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void routeGivenOnTheRequestAndNoneWithout(Mode mode) throws Exception {
    books();
    server.enqueue(json(200, BOOK));
    server.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.get("books/42/reviews").route("books/{id}/reviews"), Book.class);
    assertEquals("start GET books/{id}/reviews", recorder.await().get(0));
    mode.send(client, ApiRequest.get("books/42"), Book.class);
    assertEquals("start GET none", recorder.await().get(0));
  }

  @Test
  void attemptHeadersHaveCredentialsMasked() throws Exception {
    books();
    server.enqueue(json(200, BOOK));
    client.send(ApiRequest.get("books/42").credentialHeader("X-Tenant-Pass", "hunter2-secret")
        .header("X-Api-Key", "k-123456").header("Cookie", "sid=abcdef")
        .query(Query.of("access_token", "q-secret-1")), Book.class);
    recorder.await();
    CallListener.Attempt a = recorder.attempts.get(0);
    String shown = a.requestHeaders().toString() + a.url() + recorder.calls.get(0).url();
    for (String secret : List.of(TOKEN, "hunter2-secret", "k-123456", "sid=abcdef", "q-secret-1")) {
      assertFalse(shown.contains(secret), secret + " in " + shown);
    }
    assertEquals("REDACTED", a.requestHeaders().get("Authorization"));
    assertEquals("application/json", a.requestHeaders().get("Accept"));
    RecordedRequest sent = server.takeRequest();
    assertEquals("k-123456", sent.getHeaders().get("X-Api-Key"), "the request itself is intact");
  }

  @Test
  void aThrowingListenerDoesNotBreakTheCall() throws Exception {
    client = builder().callListener(new CallListener() {
      @Override
      public void onCallStart(Call call) {
        throw new IllegalStateException("listener bug");
      }
    }).callListener(recorder).build();
    server.enqueue(json(200, BOOK));
    assertEquals(new Book("Dune", "Herbert"), client.resource("books", Book.class).get("42"));
    List<String> events = recorder.await();
    assertEquals("end OK 200 2xx", events.get(events.size() - 1));
  }

  @Test
  void aClientWithoutListenersHasNoObservation() {
    assertNull(client.observation);
  }
}
