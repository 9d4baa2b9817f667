package io.restsdk.micrometer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.CallListener;
import io.restsdk.core.Query;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TransportException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The meters of {@link RestClientMetrics}, on Micrometer's own {@link SimpleMeterRegistry}. */
class RestClientMetricsTest {
  static final String TOKEN = "tok-5b1e-very-secret";
  static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  /** A test body type. */
  public record Book(String title, String author) {}

  enum Mode {
    SYNC, ASYNC;

    <T> T run(Supplier<T> sync, Supplier<CompletableFuture<T>> async) {
      if (this == SYNC) return sync.get();
      try {
        return async.get().get(10, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) throw r;
        throw new AssertionError(e);
      } catch (Exception e) {
        throw new AssertionError(e);
      }
    }
  }

  /** Counts ended calls, so a test waits for the async path's events, which follow completion. */
  static final class Ends implements CallListener {
    volatile CountDownLatch latch = new CountDownLatch(1);

    @Override
    public void onCallEnd(Call call) {
      latch.countDown();
    }

    void await() throws InterruptedException {
      assertTrue(latch.await(10, TimeUnit.SECONDS), "the call ended");
      latch = new CountDownLatch(1);
    }
  }

  MockWebServer server;
  SimpleMeterRegistry registry;
  RestClient client;
  final Ends ends = new Ends();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.start();
    registry = new SimpleMeterRegistry();
    client = builder().build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  RestClient.Builder builder() {
    RestClient.Builder b = RestClient.builder().baseUrl(server.url("/v1/").toString())
        .bearerToken(TOKEN)
        .retryOptions(RetryOptions.builder().maxAttempts(3)
            .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).jitter(0).build());
    return RestClientMetrics.create(registry, Tags.of("api", "library")).configure(b)
        .callListener(ends);
  }

  Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  Book get(Mode mode, String id) throws InterruptedException {
    try {
      return mode.run(() -> books().get(id), () -> books().async().get(id));
    } finally {
      ends.await();
    }
  }

  static MockResponse json(int code, String body, String etag) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    return (etag == null ? b : b.addHeader("ETag", etag)).build();
  }

  double calls(String method, String status, String outcome) {
    Timer t = registry.find("restsdk.calls").tags("api", "library", "method", method,
        "route", "books", "status", status, "outcome", outcome).timer();
    return t == null ? 0 : t.count();
  }

  double counter(String name, String... tags) {
    var c = registry.find(name).tags(tags).counter();
    return c == null ? 0 : c.count();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ok200AndThe304FromCache(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    get(mode, "42");
    get(mode, "42");
    assertEquals(1, calls("GET", "2xx", "OK"));
    assertEquals(1, calls("GET", "3xx", "NOT_MODIFIED_FROM_CACHE"));
    assertEquals(1, counter("restsdk.cache.hits"));
    assertEquals(1, counter("restsdk.cache.misses"));
    assertEquals(1, counter("restsdk.cache.stores"));
    assertTrue(registry.get("restsdk.cache.bytes").gauge().value() > 0, "bytes held");
    assertEquals(0, registry.get("restsdk.cache.evictions").functionCounter().count());
    Timer first = registry.get("restsdk.attempts").tags("kind", "INITIAL", "status", "2xx").timer();
    assertEquals(1, first.count());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createdAndItsLocation(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    Book dune = new Book("Dune", "Herbert");
    mode.run(() -> books().create(dune), () -> books().async().create(dune));
    ends.await();
    assertEquals(1, calls("POST", "2xx", "CREATED"));
    assertEquals(1, registry.get("restsdk.attempts").tags("kind", "LOCATION", "method", "POST")
        .timer().count(), "the Location GET is an attempt of the POST's call");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retried503Then200(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(200, BOOK, null));
    get(mode, "42");
    assertEquals(1, calls("GET", "2xx", "OK"));
    assertEquals(1, counter("restsdk.retries", "reason", "SERVICE_UNAVAILABLE", "route", "books"));
    assertEquals(0, counter("restsdk.giveups"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notFound(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).build());
    assertThrows(ApiException.NotFound.class, () -> get(mode, "42"));
    assertEquals(1, calls("GET", "4xx", "NOT_FOUND"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void transportFailureAndGiveUp(Mode mode) throws Exception {
    server.close();
    assertThrows(TransportException.class, () -> get(mode, "42"));
    assertEquals(1, calls("GET", "none", "CONNECT"));
    assertEquals(2, counter("restsdk.retries", "reason", "CONNECT"));
    assertEquals(1, counter("restsdk.giveups", "reason", "RETRIES_EXHAUSTED"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deadlineExpiry(Mode mode) throws Exception {
    client.close();
    client = builder().deadline(Duration.ofMillis(100)).build();
    server.enqueue(new MockResponse.Builder().headersDelay(5, TimeUnit.SECONDS).body(BOOK).build());
    assertThrows(TransportException.class, () -> get(mode, "42"));
    assertEquals(1, counter("restsdk.deadline.expiries", "route", "books"));
    assertEquals(1, calls("GET", "none", "DEADLINE_EXCEEDED"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void breakerState(Mode mode) throws Exception {
    client.close();
    registry = new SimpleMeterRegistry(); // gauges are the first registrant's: one per client
    client = builder().retryOptions(RetryOptions.none()).circuitBreaker(1, Duration.ofMinutes(5))
        .build();
    assertEquals(1, registry.get("restsdk.breaker.state").tag("state", "CLOSED").gauge().value());
    server.enqueue(new MockResponse.Builder().code(503).build());
    assertThrows(ApiException.ServiceUnavailable.class, () -> get(mode, "42"));
    assertEquals(1, registry.get("restsdk.breaker.state").tag("state", "OPEN").gauge().value());
    assertEquals(0, registry.get("restsdk.breaker.state").tag("state", "CLOSED").gauge().value());
  }

  /**
   * Over requests with ids in their paths, secrets in their queries and credential headers, no
   * meter's tag holds an id, a secret, a URL or the token.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void noTagHoldsAnIdOrACredential(Mode mode) throws Exception {
    java.util.Random random = new java.util.Random(42);
    List<String> forbidden = new ArrayList<>(List.of(TOKEN, "http", "/", "?", "="));
    for (int i = 0; i < 12; i++) {
      String id = "id" + (100000 + random.nextInt(900000));
      String secret = "s3cr3t-" + random.nextInt(1 << 30);
      forbidden.add(id);
      forbidden.add(secret);
      int code = List.of(200, 404, 503, 500).get(i % 4);
      server.enqueue(code == 200 ? json(200, BOOK, "\"" + id + "\"")
          : new MockResponse.Builder().code(code).build());
      if (code >= 500) {
        server.enqueue(new MockResponse.Builder().code(code).build());
        server.enqueue(new MockResponse.Builder().code(code).build());
      }
      ApiRequest req = ApiRequest.get("books/" + id)
          .query(Query.of("access_token", secret).and("page", id))
          .credentialHeader("X-Api-Key", secret);
      try {
        if (i % 2 == 0) {
          mode.run(() -> books().get(id, Query.of("api_key", secret)),
              () -> books().async().get(id, Query.of("api_key", secret)));
        } else {
          mode.run(() -> client.send(req, Book.class), () -> client.sendAsync(req, Book.class));
        }
      } catch (ApiException expected) {
        // a failing status: its meters are what is checked
      }
      ends.await();
    }
    List<Meter> meters = registry.getMeters();
    assertFalse(meters.isEmpty());
    for (Meter m : meters) {
      for (Tag t : m.getId().getTags()) {
        for (String f : forbidden) {
          assertFalse(t.getValue().contains(f), m.getId() + ": tag " + t + " holds " + f);
        }
      }
    }
    assertNotNull(registry.find("restsdk.calls").tag("route", "none").timer(),
        "a request without a route is tagged none, not with its path");
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> RestClientMetrics.create(null));
    assertThrows(NullPointerException.class, () -> RestClientMetrics.create(registry, null));
    assertThrows(NullPointerException.class, () -> RestClientMetrics.create(registry).configure(null));
  }
}
