package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
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
    client = builder().modifyAttempts(10_000).build();
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
    server.enqueue(json(409, "{\"code\":409,\"type\":\"Conflict\",\"message\":\"in use\"}"));
    assertThrows(ApiException.Conflict.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals(2, server.getRequestCount());
    server.enqueue(status(404));
    assertThrows(ApiException.NotFound.class, () -> mode.modify(
        client.resource("counters", Counter.class), "c", c -> new Counter(2)));
    assertEquals(3, server.getRequestCount());
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
    Counter done = mode == Mode.SYNC
        ? counters.modify(where, c -> new Counter(c.value() + 5))
        : Mode.join(counters.async().modify(where, c -> new Counter(c.value() + 5)));
    assertEquals(5, done.value());
    assertEquals(5, counter.value);
    for (int i = 0; i < 4; i++) assertEquals("/v1/odd/place/counter", take().getTarget());
  }
}
