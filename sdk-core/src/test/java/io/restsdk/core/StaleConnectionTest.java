package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ServerSocketFactory;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import okhttp3.Protocol;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Pooled connections the server closed while they were idle (a keep-alive timeout shorter than
 * OkHttp's 10 s): {@link StaleConnectionCheck} finds them dead before a request that is not safe
 * to repeat is written, and {@link SendTracker} sends the request again on another connection.
 * The fake server's sockets report when they are closed, so no test waits on time.
 */
@Timeout(20)
class StaleConnectionTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private final ClosingSockets sockets = new ClosingSockets();
  private final List<String> events = new CopyOnWriteArrayList<>();
  private final List<IOException> callFailures = new CopyOnWriteArrayList<>();
  private final Semaphore callsEnded = new Semaphore(0);
  private final List<Protocol> protocols = new CopyOnWriteArrayList<>();

  @Override
  protected ServerSocketFactory serverSocketFactory() {
    return sockets;
  }

  @Override
  protected void onCallFailed(Call call, IOException ioe) {
    callFailures.add(ioe);
  }

  /**
   * A client on the test's OkHttp client plus {@code check} (so the default one is not added)
   * and an event listener of the caller's own, which records what it sees.
   */
  private RestClient.Builder with(StaleConnectionCheck check) {
    return with(check, ok.newBuilder());
  }

  private RestClient.Builder with(StaleConnectionCheck check, OkHttpClient.Builder base) {
    OkHttpClient own = base.addNetworkInterceptor(check).eventListener(new Recording()).build();
    return builder().okHttpClient(own);
  }

  /** The server speaks TLS from now on; the client trusts it and offers {@code protocols}. */
  private OkHttpClient.Builder tls(Protocol... protocols) {
    HeldCertificate cert = new HeldCertificate.Builder().addSubjectAlternativeName("localhost")
        .build();
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(cert).build()
        .sslSocketFactory());
    HandshakeCertificates trusting = new HandshakeCertificates.Builder()
        .addTrustedCertificate(cert.certificate()).build();
    return ok.newBuilder().protocols(List.of(protocols))
        .sslSocketFactory(trusting.sslSocketFactory(), trusting.trustManager());
  }

  private static ApiRequest post() {
    return ApiRequest.post("books").body(new Book("Dune", "Herbert"));
  }

  /** The server answers and then closes the connection, and the test waits until it has. */
  private void leaveAClosedConnectionInThePool(Mode mode, RestClient c) throws Exception {
    server.enqueue(status(204).newBuilder()
        .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build());
    mode.send(c, ApiRequest.delete("books/1"), Book.class);
    assertTrue(callsEnded.tryAcquire(5, TimeUnit.SECONDS), "the DELETE's call ended");
    assertTrue(sockets.closed.tryAcquire(5, TimeUnit.SECONDS), "the server closed the socket");
    assertEquals("DELETE", take().getMethod());
    events.clear();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostOnAPooledConnectionTheServerClosedWhileIdleIsSentOnceOnANewConnection(Mode mode)
      throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    try (RestClient c = with(check).retryOptions(RetryOptions.none()).build()) {
      leaveAClosedConnectionInThePool(mode, c);
      server.enqueue(status(204));
      ApiResponse<Book> r = mode.send(c, post(), Book.class);
      assertInstanceOf(ApiResponse.NoContent.class, r);
    }
    RecordedRequest posted = take();
    assertEquals("POST", posted.getMethod());
    assertEquals(1, posted.getConnectionIndex(), "a new connection");
    assertEquals(2, server.getRequestCount(), "DELETE, then the POST exactly once");
    assertEquals(1, check.probes());
    assertEquals(List.of(), callFailures);
    // the caller's listener sees the dead connection taken and given back, then the new one
    assertEquals(List.of("callStart", "connectionAcquired", "connectionReleased", "connectStart",
        "connectionAcquired", "requestHeadersStart", "connectionReleased", "callEnd"), events);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostMeetingEveryPooledConnectionClosedGoesOnceOnANewConnection(Mode mode)
      throws Exception {
    // two DELETEs in flight at once leave two connections in the pool, both closed by the server
    CyclicBarrier bothArrived = new CyclicBarrier(2);
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        if (request.getMethod().equals("POST")) return status(204);
        try {
          bothArrived.await(5, TimeUnit.SECONDS);
        } catch (BrokenBarrierException | java.util.concurrent.TimeoutException e) {
          throw new AssertionError(e);
        }
        return status(204).newBuilder()
            .onResponseEnd(SocketEffect.ShutdownConnection.INSTANCE).build();
      }
    });
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    ExecutorService two = Executors.newFixedThreadPool(2);
    try (RestClient c = with(check).retryOptions(RetryOptions.none()).build()) {
      List<Future<?>> deletes = List.of(
          two.submit(() -> mode.send(c, ApiRequest.delete("books/1"), Book.class)),
          two.submit(() -> mode.send(c, ApiRequest.delete("books/2"), Book.class)));
      for (Future<?> f : deletes) f.get(10, TimeUnit.SECONDS);
      assertTrue(callsEnded.tryAcquire(2, 5, TimeUnit.SECONDS), "both DELETEs' calls ended");
      assertTrue(sockets.closed.tryAcquire(2, 5, TimeUnit.SECONDS), "the server closed both");
      assertInstanceOf(ApiResponse.NoContent.class, mode.send(c, post(), Book.class));
    } finally {
      two.shutdown();
    }
    assertEquals(2, check.probes(), "each pooled connection, found dead");
    assertEquals(3, server.getRequestCount(), "two DELETEs, then the POST exactly once");
    take();
    take();
    RecordedRequest posted = take();
    assertEquals("POST", posted.getMethod());
    assertEquals(2, posted.getConnectionIndex(), "a third connection");
    assertEquals(List.of(), callFailures);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void overTlsAPostOnAPooledConnectionTheServerClosedWhileIdleIsSentOnceOnANewConnection(
      Mode mode) throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    OkHttpClient.Builder tls = tls(Protocol.HTTP_1_1);
    try (RestClient c = with(check, tls).retryOptions(RetryOptions.none()).build()) {
      leaveAClosedConnectionInThePool(mode, c);
      server.enqueue(status(204));
      assertInstanceOf(ApiResponse.NoContent.class, mode.send(c, post(), Book.class));
    }
    RecordedRequest posted = take();
    assertEquals("POST", posted.getMethod());
    assertEquals(1, posted.getConnectionIndex(), "a new connection");
    assertEquals(2, server.getRequestCount());
    assertEquals(1, check.probes());
    assertEquals(List.of(), callFailures);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void overTlsAHealthyConnectionStaysUsableAfterTheProbe(Mode mode) throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    OkHttpClient.Builder tls = tls(Protocol.HTTP_1_1);
    server.enqueue(status(204));
    server.enqueue(status(204));
    server.enqueue(json(200, BOOK));
    try (RestClient c = with(check, tls).retryOptions(RetryOptions.none()).build()) {
      mode.send(c, post(), Book.class);
      mode.send(c, post(), Book.class);
      ApiResponse<Book> r = mode.send(c, ApiRequest.post("books/search")
          .body(new Book("Dune", "Herbert")), Book.class);
      assertEquals(new Book("Dune", "Herbert"), assertInstanceOf(ApiResponse.Ok.class, r).body());
    }
    for (int i = 0; i < 3; i++) {
      RecordedRequest posted = take();
      assertEquals(0, posted.getConnectionIndex(), "one connection, still usable");
      assertEquals("{\"title\":\"Dune\",\"author\":\"Herbert\"}", posted.getBody().utf8());
    }
    assertEquals(2, check.probes());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostOnAnHttp2ConnectionIsNeverProbed(Mode mode) throws Exception {
    // OkHttp's reader thread owns an HTTP/2 socket; GOAWAY and pings tell OkHttp it is gone
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    OkHttpClient.Builder h2 = tls(Protocol.HTTP_2, Protocol.HTTP_1_1);
    server.enqueue(status(204));
    server.enqueue(status(204));
    try (RestClient c = with(check, h2).build()) {
      mode.send(c, post(), Book.class);
      mode.send(c, post(), Book.class);
    }
    assertEquals(List.of(Protocol.HTTP_2, Protocol.HTTP_2), protocols);
    assertEquals(0, take().getConnectionIndex());
    assertEquals(0, take().getConnectionIndex());
    assertEquals(0, check.probes());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostOnAHealthyConnectionIdleForTheThresholdIsProbedAndSentOnIt(Mode mode)
      throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ZERO);
    server.enqueue(status(204));
    server.enqueue(status(204));
    try (RestClient c = with(check).build()) {
      mode.send(c, post(), Book.class); // a fresh connection: nothing to probe
      assertEquals(0, check.probes());
      mode.send(c, post(), Book.class);
    }
    assertEquals(0, take().getConnectionIndex());
    assertEquals(0, take().getConnectionIndex(), "the same connection, still usable");
    assertEquals(1, check.probes());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPostOnAConnectionIdleForLessThanTheThresholdIsNotProbed(Mode mode) throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ofHours(1));
    server.enqueue(status(204));
    server.enqueue(status(204));
    try (RestClient c = with(check).build()) {
      mode.send(c, post(), Book.class);
      mode.send(c, post(), Book.class);
    }
    assertEquals(0, take().getConnectionIndex());
    assertEquals(0, take().getConnectionIndex());
    assertEquals(0, check.probes(), "back-to-back writes pay nothing");
  }

  /**
   * Within the threshold nothing is probed, the POST is written into the closed connection and
   * meets the end of the stream only when it reads: that is after the write started, so the
   * server may have read it and failed before answering, and a POST without a key is not sent
   * again. A GET is never probed; the retry rules send it again.
   */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void aConnectionClosedWithinTheThresholdFailsAWrittenPostButAGetIsRetried(Mode mode)
      throws Exception {
    StaleConnectionCheck check = new StaleConnectionCheck(Duration.ofHours(1));
    StaleConnectionCheck probeAll = new StaleConnectionCheck(Duration.ZERO);
    RetryOptions fast = RetryOptions.builder().maxAttempts(3)
        .backoff(Duration.ofMillis(2), Duration.ofMillis(50)).jitter(0).build();
    List<RetryListener.RetryEvent> retries = new CopyOnWriteArrayList<>();
    RetryListener listener = new RetryListener() {
      @Override
      public void onRetry(RetryEvent event) {
        retries.add(event);
      }
    };
    try (RestClient c = with(check).retryOptions(fast).retryListener(listener).build();
        RestClient probing = with(probeAll).retryOptions(fast).retryListener(listener).build()) {
      leaveAClosedConnectionInThePool(mode, c);
      TransportException e = assertThrows(TransportException.class,
          () -> mode.send(c, post(), Book.class));
      assertEquals(TransportException.Kind.IO, e.kind());
      assertTrue(e.mayHaveReachedServer());
      assertEquals(1, e.attempts());

      leaveAClosedConnectionInThePool(mode, probing);
      server.enqueue(json(200, BOOK));
      ApiResponse<Book> r = mode.send(probing, ApiRequest.get("books/1"), Book.class);
      assertEquals(new Book("Dune", "Herbert"), assertInstanceOf(ApiResponse.Ok.class, r).body());
    }
    assertEquals(1, retries.size(), "the GET, once");
    assertTrue(((TransportException) retries.get(0).failure()).mayHaveReachedServer());
    assertEquals(0, check.probes());
    assertEquals(0, probeAll.probes(), "a GET is safe to repeat: never probed");
    assertEquals("GET", take().getMethod());
    assertEquals(3, server.getRequestCount(), "DELETE, DELETE, GET: the POST met a closed socket");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anHttp2GoawayBeforeTheStreamWasCreatedSaysThePostWasNotSent(Mode mode) throws Exception {
    // OkHttp throws ConnectionShutdownException after requestHeadersStart and before the stream
    // exists; a listener added after the SDK's tracker throws it at that very point
    AtomicBoolean once = new AtomicBoolean();
    OkHttpClient racing = ok.newBuilder().addNetworkInterceptor(chain -> {
      if (once.compareAndSet(false, true)) chain.call().addEventListener(new EventListener() {
        @Override
        public void requestHeadersStart(Call call) {
          throwUnchecked(goaway());
        }
      });
      return chain.proceed(chain.request());
    }).build();
    try (RestClient c = builder().okHttpClient(racing).retryOptions(RetryOptions.none())
        .build()) {
      TransportException e = assertThrows(TransportException.class,
          () -> mode.send(c, post(), Book.class));
      assertEquals(TransportException.Kind.IO, e.kind());
      assertFalse(e.mayHaveReachedServer());
      assertEquals("POST " + url("books") + ": connection broken (the request was not sent): "
          + "ConnectionShutdownException", e.getMessage());
    }
    assertEquals(0, server.getRequestCount());

    once.set(false);
    server.enqueue(status(204));
    try (RestClient c = builder().okHttpClient(racing).build()) {
      assertInstanceOf(ApiResponse.NoContent.class, mode.send(c, post(), Book.class));
    }
    assertEquals("POST", take().getMethod());
    assertEquals(1, server.getRequestCount(), "sent again, and received once");
  }

  @Test
  void everyClientProbesAfterTheDefaultIdleTimeUnlessItsOkHttpClientHasACheck() {
    List<StaleConnectionCheck> checks = client.okHttp.networkInterceptors().stream()
        .filter(StaleConnectionCheck.class::isInstance).map(StaleConnectionCheck.class::cast)
        .toList();
    assertEquals(1, checks.size());
    assertEquals(Duration.ofSeconds(1), StaleConnectionCheck.DEFAULT_IDLE);
    StaleConnectionCheck own = new StaleConnectionCheck(Duration.ZERO);
    try (RestClient c = with(own).build(); RestClient derived = c.newBuilder().build()) {
      assertEquals(List.of(own), derived.okHttp.networkInterceptors().stream()
          .filter(StaleConnectionCheck.class::isInstance).toList());
    }
  }

  private static IOException goaway() {
    try {
      return (IOException) Class.forName("okhttp3.internal.http2.ConnectionShutdownException")
          .getDeclaredConstructor().newInstance();
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <E extends Throwable> void throwUnchecked(Throwable t) throws E {
    throw (E) t;
  }

  /** The caller's own listener: records the events that tell connections apart. */
  private final class Recording extends EventListener {
    @Override
    public void callStart(Call call) {
      started.incrementAndGet();
      events.add("callStart");
    }

    @Override
    public void connectStart(Call call, InetSocketAddress address, java.net.Proxy proxy) {
      events.add("connectStart");
    }

    @Override
    public void connectionAcquired(Call call, Connection connection) {
      events.add("connectionAcquired");
      protocols.add(connection.protocol());
    }

    @Override
    public void connectionReleased(Call call, Connection connection) {
      events.add("connectionReleased");
    }

    @Override
    public void requestHeadersStart(Call call) {
      events.add("requestHeadersStart");
    }

    @Override
    public void callEnd(Call call) {
      ended.incrementAndGet();
      events.add("callEnd");
      callsEnded.release();
    }

    @Override
    public void callFailed(Call call, IOException ioe) {
      ended.incrementAndGet();
      events.add("callFailed");
      onCallFailed(call, ioe);
      callsEnded.release();
    }
  }

  /**
   * Server sockets with Nagle off whose accepted sockets release {@link #closed} once when the
   * server closes them.
   */
  private static final class ClosingSockets extends ServerSocketFactory {
    final Semaphore closed = new Semaphore(0);

    @Override
    public ServerSocket createServerSocket() throws IOException {
      return new ServerSocket() {
        @Override
        public Socket accept() throws IOException {
          Socket socket = new Socket() {
            private final AtomicBoolean once = new AtomicBoolean();

            @Override
            public synchronized void close() throws IOException {
              super.close();
              if (once.compareAndSet(false, true)) closed.release();
            }
          };
          implAccept(socket);
          socket.setTcpNoDelay(true);
          return socket;
        }
      };
    }

    @Override
    public ServerSocket createServerSocket(int port) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new InetSocketAddress(port));
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog) throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new InetSocketAddress(port), backlog);
      return s;
    }

    @Override
    public ServerSocket createServerSocket(int port, int backlog, InetAddress address)
        throws IOException {
      ServerSocket s = createServerSocket();
      s.bind(new InetSocketAddress(address, port), backlog);
      return s;
    }
  }
}
