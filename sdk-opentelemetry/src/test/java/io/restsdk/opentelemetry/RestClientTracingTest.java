package io.restsdk.opentelemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
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
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The spans of {@link RestClientTracing}, read from OpenTelemetry's {@link InMemorySpanExporter}. */
class RestClientTracingTest {
  static final String TOKEN = "tok-7c2d-very-secret";
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

  /** Counts ended calls: the async path's spans end as its future completes. */
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

  final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  OpenTelemetrySdk otel;
  MockWebServer server;
  RestClient client;
  final Ends ends = new Ends();

  @BeforeEach
  void start() throws Exception {
    otel = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(exporter)).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
        .build();
    server = new MockWebServer();
    server.start();
    client = builder(RetryOptions.builder().maxAttempts(3)
        .backoff(Duration.ofMillis(1), Duration.ofMillis(5)).jitter(0).build()).build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
    otel.close();
  }

  RestClient.Builder builder(RetryOptions retries) {
    // ends is added after the tracing: when it hears a call's end, the call's span has ended
    return RestClientTracing.create(otel).configure(RestClient.builder()
            .baseUrl(server.url("/v1/").toString()).bearerToken(TOKEN).retryOptions(retries))
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

  /** The spans of the last call: its span first, then its attempts' in order. */
  List<SpanData> lastCall() {
    List<SpanData> all = new ArrayList<>(exporter.getFinishedSpanItems());
    SpanData call = all.stream().filter(s -> !s.getParentSpanContext().isValid()
            || all.stream().noneMatch(p -> p.getSpanId().equals(s.getParentSpanId())))
        .reduce((a, b) -> b).orElseThrow();
    List<SpanData> out = new ArrayList<>(List.of(call));
    all.stream().filter(s -> s.getParentSpanId().equals(call.getSpanId()))
        .sorted(Comparator.comparingLong(SpanData::getStartEpochNanos)).forEach(out::add);
    exporter.reset();
    return out;
  }

  static <T> T attr(SpanData s, AttributeKey<T> key) {
    return s.getAttributes().get(key);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ok200(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    get(mode, "42");
    List<SpanData> spans = lastCall();
    assertEquals(2, spans.size());
    SpanData call = spans.get(0);
    SpanData attempt = spans.get(1);
    assertEquals("GET books", call.getName());
    assertEquals(SpanKind.CLIENT, call.getKind());
    assertEquals("GET", attr(call, RestClientTracing.METHOD));
    assertEquals(server.getHostName(), attr(call, RestClientTracing.SERVER));
    assertEquals((long) server.getPort(), attr(call, RestClientTracing.PORT));
    assertEquals(server.url("/v1/books/42").toString(), attr(call, RestClientTracing.URL));
    assertEquals("books", attr(call, RestClientTracing.TEMPLATE));
    assertEquals(200L, attr(call, RestClientTracing.STATUS));
    assertEquals("OK", attr(call, RestClientTracing.OUTCOME));
    assertNull(attr(call, RestClientTracing.ERROR));
    assertEquals("GET", attempt.getName());
    assertEquals(SpanKind.CLIENT, attempt.getKind());
    assertEquals(200L, attr(attempt, RestClientTracing.STATUS));
    assertEquals("INITIAL", attr(attempt, RestClientTracing.KIND));
    RecordedRequest sent = server.takeRequest();
    assertEquals("00-" + attempt.getTraceId() + "-" + attempt.getSpanId() + "-"
        + attempt.getSpanContext().getTraceFlags().asHex(),
        sent.getHeaders().get("traceparent"), "the attempt's own context is sent");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModifiedFromCacheIsTheRevalidationAttempt(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    get(mode, "42");
    exporter.reset();
    get(mode, "42");
    List<SpanData> spans = lastCall();
    assertEquals(2, spans.size());
    assertEquals(304L, attr(spans.get(0), RestClientTracing.STATUS));
    assertEquals("NOT_MODIFIED_FROM_CACHE", attr(spans.get(0), RestClientTracing.OUTCOME));
    assertEquals(304L, attr(spans.get(1), RestClientTracing.STATUS));
    assertEquals(true, attr(spans.get(1), RestClientTracing.REVALIDATION));
    assertEquals(StatusCode.UNSET, spans.get(0).getStatus().getStatusCode());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createdWithTheLocationFollowUpAsAChild(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    Book dune = new Book("Dune", "Herbert");
    mode.run(() -> books().create(dune), () -> books().async().create(dune));
    ends.await();
    List<SpanData> spans = lastCall();
    assertEquals(3, spans.size());
    assertEquals("POST books", spans.get(0).getName());
    assertEquals(201L, attr(spans.get(0), RestClientTracing.STATUS));
    assertEquals("INITIAL", attr(spans.get(1), RestClientTracing.KIND));
    assertEquals("POST", spans.get(1).getName());
    assertEquals("LOCATION", attr(spans.get(2), RestClientTracing.KIND));
    assertEquals("GET", spans.get(2).getName());
    assertEquals(server.url("/v1/books/7").toString(), attr(spans.get(2), RestClientTracing.URL));
    server.takeRequest();
    assertEquals(spans.get(2).getSpanId(),
        server.takeRequest().getHeaders().get("traceparent").split("-")[2]);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void retried503Then200(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(200, BOOK, null));
    get(mode, "42");
    List<SpanData> spans = lastCall();
    assertEquals(3, spans.size());
    SpanData first = spans.get(1);
    SpanData retry = spans.get(2);
    assertEquals(503L, attr(first, RestClientTracing.STATUS));
    assertEquals("503", attr(first, RestClientTracing.ERROR));
    assertEquals(StatusCode.ERROR, first.getStatus().getStatusCode());
    assertEquals("RETRY", attr(retry, RestClientTracing.KIND));
    assertEquals(1L, attr(retry, RestClientTracing.RESEND));
    assertEquals(200L, attr(spans.get(0), RestClientTracing.STATUS));
    assertTrue(spans.get(0).getEvents().stream().anyMatch(e -> e.getName().equals("retry")));
    String one = server.takeRequest().getHeaders().get("traceparent");
    String two = server.takeRequest().getHeaders().get("traceparent");
    assertTrue(one.contains(first.getSpanId()) && two.contains(retry.getSpanId()),
        "each attempt sends its own span: " + one + ", " + two);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notFound(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(404).build());
    assertThrows(ApiException.NotFound.class, () -> get(mode, "42"));
    SpanData call = lastCall().get(0);
    assertEquals(404L, attr(call, RestClientTracing.STATUS));
    assertEquals("404", attr(call, RestClientTracing.ERROR));
    assertEquals("NOT_FOUND", attr(call, RestClientTracing.OUTCOME));
    assertEquals(StatusCode.ERROR, call.getStatus().getStatusCode());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void transportFailure(Mode mode) throws Exception {
    client.close();
    client = builder(RetryOptions.none()).build();
    server.close();
    assertThrows(TransportException.class, () -> get(mode, "42"));
    List<SpanData> spans = lastCall();
    assertEquals(2, spans.size());
    for (SpanData s : spans) {
      assertEquals("CONNECT", attr(s, RestClientTracing.ERROR), s.toString());
      assertNull(attr(s, RestClientTracing.STATUS));
      assertEquals(StatusCode.ERROR, s.getStatus().getStatusCode());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCallersContextIsTheParentOnBothPaths(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(503).build());
    server.enqueue(json(200, BOOK, null));
    Span parent = otel.getTracer("test").spanBuilder("parent").startSpan();
    Scope current = parent.makeCurrent();
    try {
      get(mode, "42");
    } finally {
      current.close();
      parent.end();
    }
    List<SpanData> all = exporter.getFinishedSpanItems();
    SpanData call = all.stream().filter(s -> s.getName().equals("GET books")).findFirst()
        .orElseThrow();
    assertEquals(parent.getSpanContext().getSpanId(), call.getParentSpanId());
    long attempts = all.stream().filter(s -> s.getParentSpanId().equals(call.getSpanId())
        && s.getTraceId().equals(parent.getSpanContext().getTraceId())).count();
    assertEquals(2, attempts, "both attempts, on OkHttp's threads when async, in the trace");
  }

  /**
   * Over requests with ids in their paths and secrets in their queries and headers, no span
   * attribute holds a secret, and no span name or route an id.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void noAttributeHoldsACredentialNorANameAnId(Mode mode) throws Exception {
    java.util.Random random = new java.util.Random(7);
    List<String> secrets = new ArrayList<>(List.of(TOKEN));
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 10; i++) {
      String id = "id" + (100000 + random.nextInt(900000));
      String secret = "s3cr3t-" + random.nextInt(1 << 30);
      ids.add(id);
      secrets.add(secret);
      server.enqueue(i % 3 == 0 ? new MockResponse.Builder().code(404).build()
          : json(200, BOOK, "\"" + id + "\""));
      ApiRequest req = ApiRequest.get("books/" + id)
          .query(Query.of("access_token", secret).and("page", id))
          .credentialHeader("X-Api-Key", secret).header("Cookie", "sid=" + secret);
      try {
        if (i % 2 == 0) {
          mode.run(() -> books().get(id, Query.of("api_key", secret)),
              () -> books().async().get(id, Query.of("api_key", secret)));
        } else {
          mode.run(() -> client.send(req, Book.class), () -> client.sendAsync(req, Book.class));
        }
      } catch (ApiException expected) {
        // a failing status: its spans are what is checked
      }
      ends.await();
    }
    List<SpanData> spans = exporter.getFinishedSpanItems();
    assertFalse(spans.isEmpty());
    for (SpanData s : spans) {
      String attrs = s.getAttributes().toString() + s.getEvents();
      for (String secret : secrets) {
        assertFalse(attrs.contains(secret), s.getName() + " holds " + secret + ": " + attrs);
      }
      for (String id : ids) {
        assertFalse(s.getName().contains(id), s.getName());
        String template = attr(s, RestClientTracing.TEMPLATE);
        assertTrue(template == null || !template.contains(id), template);
      }
      assertTrue(attrs.contains("REDACTED") || !attrs.contains("token"), attrs);
    }
    assertNotNull(spans.stream().filter(s -> s.getName().equals("GET")).findFirst().orElse(null),
        "a request without a route is named by its method only");
  }

  @Test
  void rejectsNulls() {
    assertThrows(NullPointerException.class, () -> RestClientTracing.create(null));
    assertThrows(NullPointerException.class, () -> RestClientTracing.create(otel).configure(null));
  }
}
