package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TransportException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.SocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.Dispatcher;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * How I/O failures are classified: by exception type and by whether OkHttp started to write the
 * request (its {@code requestHeadersStart} event), never by the wording of a message.
 */
@Timeout(20)
class TransportFailureTest extends RetryFixture {

  /** Sockets whose first {@code failures} connects time out the way the JDK reports it. */
  static final class TimingOutSockets extends SocketFactory {
    final AtomicInteger failures;

    TimingOutSockets(int failures) {
      this.failures = new AtomicInteger(failures);
    }

    @Override
    public Socket createSocket() {
      return new Socket() {
        @Override
        public void connect(SocketAddress endpoint, int timeout) throws IOException {
          if (failures.getAndDecrement() > 0) throw new SocketTimeoutException("Connect timed out");
          super.connect(endpoint, timeout);
        }
      };
    }

    @Override
    public Socket createSocket(String host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress host, int port) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Socket createSocket(InetAddress address, int port, InetAddress local, int localPort) {
      throw new UnsupportedOperationException();
    }
  }

  private static ApiRequest post() {
    return ApiRequest.post("books").body(new Book("Dune", "Herbert"));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void connectTimeoutWasNotSentSoAPostIsRetried(boolean async) throws Exception {
    OkHttpClient timingOut = ok.newBuilder().socketFactory(new TimingOutSockets(1)).build();
    server.enqueue(status(204));
    try (RestClient c = builder().okHttpClient(timingOut).build()) {
      ApiResponse<Book> r = send(async, c, post(), Book.class);
      assertInstanceOf(ApiResponse.NoContent.class, r);
    }
    assertEquals(1, server.getRequestCount());
    assertEquals("POST", take().getMethod());
    assertEquals(1, retries.size());
    TransportException first = assertInstanceOf(TransportException.class, retries.get(0).failure());
    assertEquals(TransportException.Kind.TIMEOUT, first.kind());
    assertFalse(first.mayHaveReachedServer());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void connectTimeoutSaysTheRequestWasNotSent(boolean async) {
    OkHttpClient timingOut = ok.newBuilder().socketFactory(new TimingOutSockets(1)).build();
    try (RestClient c = builder().okHttpClient(timingOut).retryOptions(RetryOptions.none())
        .build()) {
      TransportException e = assertThrows(TransportException.class,
          () -> send(async, c, post(), Book.class));
      assertEquals(TransportException.Kind.TIMEOUT, e.kind());
      assertFalse(e.mayHaveReachedServer());
      assertEquals("POST " + url("books") + ": timed out (the request was not sent): "
          + "SocketTimeoutException Connect timed out", e.getMessage());
    }
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aDerivedClientOverAListenedOkHttpClientStillKnowsAConnectTimeoutSentNothing(boolean async)
      throws Exception {
    // the caller's listener and the SDK's tracker are composed once, also in a derived client
    List<String> events = new CopyOnWriteArrayList<>();
    OkHttpClient timingOut = ok.newBuilder().socketFactory(new TimingOutSockets(1))
        .eventListener(new EventListener() {
          @Override
          public void connectStart(Call call, java.net.InetSocketAddress address,
              java.net.Proxy proxy) {
            events.add("connectStart");
          }

          @Override
          public void requestHeadersStart(Call call) {
            events.add("requestHeadersStart");
          }
        }).build();
    server.enqueue(status(204));
    try (RestClient parent = builder().okHttpClient(timingOut).build();
        RestClient c = parent.newBuilder().userAgent("derived").build()) {
      ApiResponse<Book> r = send(async, c, post(), Book.class);
      assertInstanceOf(ApiResponse.NoContent.class, r);
    }
    assertEquals(1, server.getRequestCount(), "the POST timed out connecting, then was sent");
    assertEquals("derived", take().getHeaders().get("User-Agent"));
    assertEquals(List.of("connectStart", "connectStart", "requestHeadersStart"), events);
    assertEquals(1, retries.size());
    TransportException first = assertInstanceOf(TransportException.class, retries.get(0).failure());
    assertFalse(first.mayHaveReachedServer());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aPostThatBrokeAfterItWasWrittenIsSentOnce(boolean async) throws Exception {
    // the server reads the request and closes: the write happened, so it may have been applied
    server.enqueue(new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket())
        .build());
    TransportException e = assertThrows(TransportException.class,
        () -> send(async, client, post(), Book.class));
    assertEquals(TransportException.Kind.IO, e.kind());
    assertTrue(e.mayHaveReachedServer());
    assertEquals(1, server.getRequestCount());
    assertEquals(GiveUpReason.NOT_SAFE_TO_RETRY, giveUps.get(0).reason());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void theCallersOwnEventListenerStillSeesEveryEvent(boolean async) throws Exception {
    List<String> events = new CopyOnWriteArrayList<>();
    OkHttpClient listened = ok.newBuilder().eventListener(new EventListener() {
      @Override
      public void requestHeadersStart(Call call) {
        events.add("requestHeadersStart");
      }

      @Override
      public void callEnd(Call call) {
        events.add("callEnd");
      }
    }).build();
    server.enqueue(status(204));
    try (RestClient c = builder().okHttpClient(listened).build()) {
      send(async, c, post(), Book.class);
    }
    assertEquals(List.of("requestHeadersStart", "callEnd"), events);
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a407FromAServerThatIsNoProxyIsAnApiExceptionNotRetried(boolean async) throws Exception {
    always(json(407, "{\"code\":407,\"type\":\"Proxy Authentication Required\","
        + "\"message\":\"no\"}"));
    ApiException e = assertThrows(ApiException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertInstanceOf(ApiException.Other.class, e);
    assertEquals(407, e.status());
    assertEquals("no", e.error().orElseThrow().message());
    assertFalse(e.headers().names().contains("X-Restsdk-Hidden-Status"));
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount());
    assertTrue(retries.isEmpty());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void a407FromARealHttpProxyIsStillAnsweredByTheProxyAuthenticator(boolean async)
      throws Exception {
    OkHttpClient proxied = ok.newBuilder()
        .proxy(server.getProxyAddress())
        .proxyAuthenticator((route, response) -> response.request().newBuilder()
            .header("Proxy-Authorization", okhttp3.Credentials.basic("u", "p")).build())
        .build();
    server.enqueue(new MockResponse.Builder().code(407)
        .addHeader("Proxy-Authenticate", "Basic realm=\"proxy\"").build());
    server.enqueue(json(200, BOOK));
    try (RestClient c = RestClient.builder().baseUrl("http://api.example.test/v1/")
        .okHttpClient(proxied).retryOptions(FAST).retryListener(listener).build()) {
      ApiResponse<Book> r = send(async, c, ApiRequest.get("books/1"), Book.class);
      assertEquals(new Book("Dune", "Herbert"), assertInstanceOf(ApiResponse.Ok.class, r).body());
    }
    assertEquals(null, take().getHeaders().get("Proxy-Authorization"));
    assertEquals(okhttp3.Credentials.basic("u", "p"), take().getHeaders().get("Proxy-Authorization"));
    assertTrue(retries.isEmpty());
  }

  @Test
  void aSyncCallOnAnInterruptedThreadEndsInterruptedAndKeepsTheFlag() {
    server.enqueue(json(200, BOOK));
    Thread.currentThread().interrupt();
    TransportException e;
    try {
      e = assertThrows(TransportException.class,
          () -> client.send(ApiRequest.get("books/1"), Book.class));
    } finally {
      assertTrue(Thread.interrupted(), "the interrupt flag is set again");
    }
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind());
    assertEquals(1, e.attempts());
    assertTrue(retries.isEmpty());
  }

  @Test
  void aSyncCallInterruptedWhileReadingTheResponseEndsInterrupted() throws Exception {
    // the headers come 300 ms after the request and the body 8 bytes at a time, so the caller,
    // interrupted in between, reads from the socket again after the interrupt
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(BOOK).headersDelay(300, TimeUnit.MILLISECONDS)
        .throttleBody(8, 20, TimeUnit.MILLISECONDS).build());
    CompletableFuture<Object> outcome = new CompletableFuture<>();
    Thread caller = new Thread(() -> {
      try {
        outcome.complete(client.send(ApiRequest.get("books/1"), Book.class));
      } catch (RuntimeException e) {
        outcome.complete(List.of(e, Thread.currentThread().isInterrupted()));
      }
    });
    caller.start();
    take();
    caller.interrupt();
    List<?> failed = assertInstanceOf(List.class, outcome.get(10, TimeUnit.SECONDS));
    TransportException e = assertInstanceOf(TransportException.class, failed.get(0));
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind());
    assertTrue(e.mayHaveReachedServer());
    assertEquals(true, failed.get(1), "the interrupt flag is set again");
    assertEquals(1, server.getRequestCount());
    assertTrue(retries.isEmpty());
  }

  @Test
  void anAsyncCallWhoseThreadIsInterruptedEndsInterrupted() throws Exception {
    CompletableFuture<Boolean> flag = new CompletableFuture<>();
    Dispatcher interrupting = new Dispatcher(new AbstractExecutorService() {
      @Override
      public void execute(Runnable task) {
        Thread t = new Thread(() -> {
          Thread.currentThread().interrupt();
          task.run();
          flag.complete(Thread.currentThread().isInterrupted());
        });
        t.start();
      }

      @Override
      public void shutdown() {}

      @Override
      public List<Runnable> shutdownNow() {
        return List.of();
      }

      @Override
      public boolean isShutdown() {
        return false;
      }

      @Override
      public boolean isTerminated() {
        return false;
      }

      @Override
      public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
      }
    });
    server.enqueue(json(200, BOOK));
    try (RestClient c = builder().okHttpClient(ok.newBuilder().dispatcher(interrupting).build())
        .build()) {
      TransportException e = assertThrows(TransportException.class,
          () -> join(c.sendAsync(ApiRequest.get("books/1"), Book.class)));
      assertEquals(TransportException.Kind.INTERRUPTED, e.kind());
      assertEquals(1, e.attempts());
    }
    assertTrue(retries.isEmpty());
    assertTrue(flag.get(5, TimeUnit.SECONDS), "the dispatcher thread's flag is set again");
  }
}
