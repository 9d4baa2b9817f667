package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Read-modify-write with If-Match: no lost updates. */
class ModifyTest extends ClientTest {
  record Counter(int value) {}

  /** A counter resource with a version ETag that honours If-Match, like a conforming server. */
  static final class CounterServer extends Dispatcher {
    private final ObjectMapper json = new ObjectMapper();
    int value;
    int version = 1;
    final AtomicInteger preconditionFailures = new AtomicInteger();

    @Override
    public synchronized MockResponse dispatch(RecordedRequest r) {
      String etag = "\"" + version + "\"";
      switch (r.getMethod()) {
        case "GET":
          if (etag.equals(r.getHeaders().get("If-None-Match"))) {
            return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
          }
          return json(200, "{\"value\":" + value + "}", etag);
        case "PUT":
          String ifMatch = r.getHeaders().get("If-Match");
          if (ifMatch != null && !ifMatch.equals(etag)) {
            preconditionFailures.incrementAndGet();
            return status(412);
          }
          try {
            value = json.readTree(r.getBody().utf8()).get("value").asInt();
          } catch (Exception e) {
            return status(400);
          }
          version++;
          return new MockResponse.Builder().code(204).build();
        default:
          return status(405);
      }
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void concurrentModifiesLoseNoUpdate(Mode mode) throws Exception {
    CounterServer counter = new CounterServer();
    server.setDispatcher(counter);
    // unbounded attempts without waits: this test is about lost updates, not about pacing
    client = builder().modifyAttempts(10_000).modifyBackoff(Duration.ZERO, Duration.ZERO).build();
    Resource<Counter> counters = client.resource("counters", Counter.class);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < 250; i++) mode.modify(counters, "c", c -> new Counter(c.value() + 1));
      }));
    }
    for (Future<?> f : done) f.get();
    pool.shutdown();
    assertEquals(1000, counter.value);
    System.out.println("modify (" + mode + "): 1000 increments, "
        + counter.preconditionFailures.get() + " re-done after 412");
    assertTrue(counter.preconditionFailures.get() > 0, "no 412 was provoked: the test proved nothing");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void plainUpdatesWithoutIfMatchLoseUpdates() throws Exception {
    CounterServer counter = new CounterServer();
    server.setDispatcher(counter);
    client = builder().conditionalWrites(false).build();
    Resource<Counter> counters = client.resource("counters", Counter.class);
    CyclicBarrier allRead = new CyclicBarrier(4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 4; t++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < 25; i++) {
          Counter c = counters.get("c");
          allRead.await(); // every thread has read the same value before anyone writes
          counters.update("c", new Counter(c.value() + 1));
          allRead.await();
        }
        return null;
      }));
    }
    for (Future<?> f : done) f.get();
    pool.shutdown();
    assertEquals(25, counter.value, "100 increments, 75 lost: each round's four writes collapse");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyGivesUpAfterTheConfiguredAttempts(Mode mode) {
    client = builder().modifyAttempts(3).build();
    server.setDispatcher(new Dispatcher() {
      int n;

      @Override
      public synchronized MockResponse dispatch(RecordedRequest r) {
        return r.getMethod().equals("GET")
            ? json(200, "{\"value\":1}", "\"g" + (++n) + "\"") : status(412);
      }
    });
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.modify(client.resource("counters", Counter.class), "c",
            c -> new Counter(c.value() + 1)));
    assertEquals(3, e.attempts());
    assertEquals(6, server.getRequestCount(), "GET, PUT, then (GET, PUT) twice");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyStopsAtOnceOnOtherFailures(Mode mode) {
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(json(400, "{\"code\":400,\"type\":\"Bad Request\",\"message\":\"no\"}"));
    assertThrows(ApiException.BadRequest.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals(2, server.getRequestCount());
    server.enqueue(status(404));
    assertThrows(ApiException.NotFound.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a412IsReDoneOnAFreshRead(Mode mode) throws Exception {
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(status(412));
    server.enqueue(json(200, "{\"value\":5}", "\"2\""));
    server.enqueue(status(204));
    Counter done = mode.modify(client.resource("counters", Counter.class), "c",
        c -> new Counter(c.value() + 1)).body();
    assertEquals(new Counter(6), done);
    assertEquals("GET", take().getMethod());
    assertEquals("\"1\"", take().getHeaders().get("If-Match"));
    RecordedRequest reRead = take();
    assertEquals("GET", reRead.getMethod());
    assertEquals(null, reRead.getHeaders().get("If-None-Match"), "the re-read bypasses the cache");
    RecordedRequest second = take();
    assertEquals("\"2\"", second.getHeaders().get("If-Match"));
    assertEquals("{\"value\":6}", second.getBody().utf8());
    assertEquals(4, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a409AfterWhichTheEtagMovedIsReApplied(Mode mode) throws Exception {
    // the server let If-Match "1" through, then lost its version check to another write
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(json(409, "{\"code\":409,\"type\":\"Conflict\","
        + "\"message\":\"Row was updated or deleted by another transaction\"}"));
    server.enqueue(json(200, "{\"value\":5}", "\"2\""));
    server.enqueue(status(204));
    Counter done = mode.modify(client.resource("counters", Counter.class), "c",
        c -> new Counter(c.value() + 1)).body();
    assertEquals(new Counter(6), done);
    assertEquals(4, server.getRequestCount());
    take();
    take();
    assertEquals("GET", take().getMethod());
    RecordedRequest second = take();
    assertEquals("PUT", second.getMethod());
    assertEquals("\"2\"", second.getHeaders().get("If-Match"));
    assertEquals("{\"value\":6}", second.getBody().utf8());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a409WithAnUnchangedEtagIsARealConflictAfterOneReRead(Mode mode) throws Exception {
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(json(409, "{\"code\":409,\"type\":\"Conflict\",\"message\":\"in use\"}"));
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(status(204)); // never asked for
    ApiException.Conflict e = assertThrows(ApiException.Conflict.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals("PUT " + url("counters/c") + " → 409 Conflict: in use", e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(3, server.getRequestCount());
    assertEquals("GET", take().getMethod());
    assertEquals("PUT", take().getMethod());
    assertEquals("GET", take().getMethod());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a409OnTheLastAttemptIsThrownWithoutAReRead(Mode mode) {
    client = builder().modifyAttempts(1).build();
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(json(409, "{\"code\":409,\"type\":\"Conflict\",\"message\":\"in use\"}"));
    ApiException.Conflict e = assertThrows(ApiException.Conflict.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals(1, e.attempts());
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void anInterruptWhileModifyWaitsEndsItInterrupted() throws Exception {
    client = builder().modifyBackoff(Duration.ofSeconds(30), Duration.ofSeconds(30)).build();
    server.enqueue(json(200, "{\"value\":1}", "\"1\""));
    server.enqueue(status(412));
    java.util.concurrent.CompletableFuture<List<Object>> outcome =
        new java.util.concurrent.CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        client.resource("counters", Counter.class).modify("c", c -> new Counter(2));
        outcome.complete(List.of());
      } catch (RuntimeException e) {
        outcome.complete(List.of(e, Thread.currentThread().isInterrupted()));
      }
    });
    caller.start();
    take();
    take(); // the 412'd PUT: the caller now reads the 412 or waits to try again
    caller.interrupt();
    List<Object> failed = outcome.get(10, TimeUnit.SECONDS);
    TransportException e = (TransportException) failed.get(0);
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind());
    assertEquals(true, failed.get(1), "the interrupt flag is set again");
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void theBackoffGrowsFromMinToMaxWithJitter() {
    ModifyBackoff b = ModifyBackoff.DEFAULT;
    for (int i = 0; i < 1000; i++) {
      long first = b.delayNanos(1);
      long second = b.delayNanos(2);
      long fourth = b.delayNanos(4);
      long later = b.delayNanos(29);
      assertTrue(first >= 10_000_000 && first <= 20_000_000, "after 1 lost: " + first);
      assertTrue(second >= 10_000_000 && second <= 40_000_000, "after 2 lost: " + second);
      assertTrue(fourth >= 10_000_000 && fourth <= 160_000_000, "after 4 lost: " + fourth);
      assertTrue(later >= 10_000_000 && later <= 200_000_000, "after 29 lost: " + later);
    }
    assertEquals(0, new ModifyBackoff(Duration.ZERO, Duration.ofMillis(50)).delayNanos(3));
    assertEquals(7_000_000,
        new ModifyBackoff(Duration.ofMillis(7), Duration.ofMillis(7)).delayNanos(3));
  }

  @Test
  void modifyBackoffRefusesBadBounds() {
    RestClient.Builder b = RestClient.builder();
    assertEquals("min must not be negative: PT-0.001S", assertThrows(IllegalArgumentException.class,
        () -> b.modifyBackoff(Duration.ofMillis(-1), Duration.ZERO)).getMessage());
    assertEquals("max must be >= min: PT0.001S < PT0.002S", assertThrows(
        IllegalArgumentException.class,
        () -> b.modifyBackoff(Duration.ofMillis(2), Duration.ofMillis(1))).getMessage());
    assertEquals("min == null", assertThrows(NullPointerException.class,
        () -> b.modifyBackoff(null, Duration.ZERO)).getMessage());
    assertEquals("max == null", assertThrows(NullPointerException.class,
        () -> b.modifyBackoff(Duration.ZERO, null)).getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyNeedsAnEtag(Mode mode) {
    server.enqueue(json(200, "{\"value\":1}"));
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.modify(client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertTrue(v.violation().startsWith("modify needs a strong ETag"), v.violation());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyByLocationReReadsTheSameUri(Mode mode) throws Exception {
    CounterServer counter = new CounterServer();
    server.setDispatcher(new Dispatcher() {
      boolean interfered;

      @Override
      public MockResponse dispatch(RecordedRequest r) {
        synchronized (counter) {
          if (r.getMethod().equals("PUT") && !interfered) {
            interfered = true;
            counter.version++; // someone else wrote in between
          }
        }
        return counter.dispatch(r);
      }
    });
    java.net.URI where = java.net.URI.create(url("odd/place/counter"));
    Resource<Counter> counters = client.resource("counters", Counter.class);
    Counter done = (mode == Mode.SYNC
        ? counters.modify(where, c -> new Counter(c.value() + 5))
        : Mode.join(counters.async().modify(where, c -> new Counter(c.value() + 5)))).body();
    assertEquals(5, done.value());
    assertEquals(5, counter.value);
    for (int i = 0; i < 4; i++) assertEquals("/v1/odd/place/counter", take().getTarget());
  }
}
