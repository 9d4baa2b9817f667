package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.TransportException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every fault point mockwebserver offers, for every kind of request: a request that is safe to
 * repeat is tried again and succeeds; a POST without a key that reached the server is sent
 * exactly once.
 */
@Timeout(20)
class RetryFaultsTest extends RetryFixture {
  private static final Duration READ_TIMEOUT = Duration.ofMillis(400); // a stall outlasts it; a busy machine does not

  enum Fault {
    CLOSE_BEFORE_RESPONSE {
      @Override
      MockResponse response() {
        return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
      }
    },
    CLOSE_DURING_BODY {
      @Override
      MockResponse response() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(BOOK).onResponseBody(new SocketEffect.CloseSocket()).build();
      }
    },
    STALL {
      @Override
      MockResponse response() {
        return new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build();
      }
    },
    SLOW_BODY {
      @Override
      MockResponse response() {
        return new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
            .body(BOOK).bodyDelay(1, TimeUnit.SECONDS).build(); // headers, then nothing
      }
    };

    abstract MockResponse response();
  }

  enum Kind {
    GET(true), PUT(true), DELETE(true), POST_WITHOUT_KEY(false), POST_WITH_KEY(true);

    final boolean repeatable;

    Kind(boolean repeatable) {
      this.repeatable = repeatable;
    }

    ApiRequest request() {
      return switch (this) {
        case GET -> ApiRequest.get("books/1");
        case PUT -> ApiRequest.put("books/1").body(new Book("Dune", "Herbert"));
        case DELETE -> ApiRequest.delete("books/1");
        case POST_WITHOUT_KEY -> ApiRequest.post("books").body(new Book("Dune", "Herbert"));
        case POST_WITH_KEY -> ApiRequest.post("books").body(new Book("Dune", "Herbert"))
            .idempotencyKey("key-42");
      };
    }
  }

  static Stream<Arguments> cases() {
    List<Arguments> all = new ArrayList<>();
    for (Fault f : Fault.values()) {
      for (Kind k : Kind.values()) {
        all.add(Arguments.of(f, k, false));
        all.add(Arguments.of(f, k, true));
      }
    }
    return all.stream();
  }

  @BeforeEach
  void shortReadTimeout() {
    client.close();
    client = builder().readTimeout(READ_TIMEOUT).build();
  }

  @ParameterizedTest(name = "{0} {1} async={2}")
  @MethodSource("cases")
  void faultThenSuccess(Fault fault, Kind kind, boolean async) throws Exception {
    server.enqueue(fault.response());
    server.enqueue(json(200, BOOK));
    if (kind.repeatable) {
      ApiResponse<Book> r = send(async, client, kind.request(), Book.class);
      assertEquals(new Book("Dune", "Herbert"), assertInstanceOf(ApiResponse.Ok.class, r).body());
      assertEquals(2, server.getRequestCount());
      RecordedRequest first = take();
      RecordedRequest second = take();
      assertEquals(kind.request().method(), second.getMethod());
      assertEquals(first.getHeaders().get("Idempotency-Key"),
          second.getHeaders().get("Idempotency-Key"));
      if (kind == Kind.POST_WITH_KEY) {
        assertEquals("key-42", second.getHeaders().get("Idempotency-Key"));
      }
      assertEquals(1, retries.size());
      assertInstanceOf(TransportException.class, retries.get(0).failure());
    } else {
      TransportException e = assertThrows(TransportException.class,
          () -> send(async, client, kind.request(), Book.class));
      assertTrue(e.mayHaveReachedServer(), e.getMessage());
      assertEquals(1, e.attempts());
      assertEquals(1, server.getRequestCount(), "a POST without a key is sent exactly once");
      assertEquals("POST", take().getMethod());
      assertTrue(retries.isEmpty());
      assertEquals(GiveUpReason.NOT_SAFE_TO_RETRY, giveUps.get(0).reason());
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aKeyedPostCarriesTheSameKeyOnEveryAttempt(boolean async) throws Exception {
    for (int i = 0; i < 2; i++) server.enqueue(Fault.CLOSE_BEFORE_RESPONSE.response());
    server.enqueue(new MockResponse.Builder().code(503).build());
    io.restsdk.core.ApiException e = assertThrows(io.restsdk.core.ApiException.class,
        () -> send(async, client, Kind.POST_WITH_KEY.request(), Book.class));
    assertEquals(503, e.status());
    assertEquals(3, e.attempts());
    assertEquals(2, e.getSuppressed().length);
    assertEquals(3, server.getRequestCount());
    for (int i = 0; i < 3; i++) assertEquals("key-42", take().getHeaders().get("Idempotency-Key"));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void connectionRefusedIsRetriedEvenForAPostWithoutKey(boolean async) throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (RestClient refused = RestClient.builder().baseUrl("http://127.0.0.1:" + port + "/v1/")
        .okHttpClient(ok).retryOptions(FAST).retryListener(listener).build()) {
      TransportException e = assertThrows(TransportException.class,
          () -> send(async, refused, Kind.POST_WITHOUT_KEY.request(), Book.class));
      assertEquals(TransportException.Kind.CONNECT, e.kind());
      assertFalse(e.mayHaveReachedServer());
      assertEquals(3, e.attempts());
      assertEquals(2, e.getSuppressed().length);
      assertEquals(2, retries.size());
      assertEquals(GiveUpReason.RETRIES_EXHAUSTED, giveUps.get(0).reason());
    }
  }
}
