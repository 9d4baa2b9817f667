package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A fresh server and client per test. Every call the client starts must end (response closed)
 * by the end of the test: a counting {@link EventListener} checks it.
 */
public abstract class ClientTest {
  protected static final String TOKEN = "tok-3f9a8c7e-secret";

  protected MockWebServer server;
  protected RestClient client;
  protected final AtomicInteger started = new AtomicInteger();
  protected final AtomicInteger ended = new AtomicInteger();
  protected OkHttpClient ok;

  @BeforeEach
  protected void startServer() throws IOException {
    server = new MockWebServer();
    server.setServerSocketFactory(serverSocketFactory());
    server.start();
    ok = new OkHttpClient.Builder().readTimeout(java.time.Duration.ofSeconds(5)).eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        started.incrementAndGet();
      }

      @Override
      public void callEnd(Call call) {
        callEnded();
      }

      @Override
      public void callFailed(Call call, IOException ioe) {
        callEnded();
        onCallFailed(call, ioe);
      }
    }).build();
    client = builder().build();
  }

  /** The fake server's sockets: Nagle off (see {@link NoDelayServerSocketFactory}). */
  protected javax.net.ServerSocketFactory serverSocketFactory() {
    return new NoDelayServerSocketFactory();
  }

  private void callEnded() {
    synchronized (ended) {
      ended.incrementAndGet();
      ended.notifyAll();
    }
  }

  /** Called when an OkHttp call of the test's client fails (after it is counted as ended). */
  protected void onCallFailed(Call call, IOException ioe) {}

  protected RestClient.Builder builder() {
    RestClient.Builder b = RestClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .bearerToken(TOKEN)
        .okHttpClient(ok);
    BodyCodec codec = codec();
    return codec == null ? b : b.codec(codec);
  }

  /** The codec of the test's clients; null: the default. Cross-codec suites override it. */
  protected BodyCodec codec() {
    return null;
  }

  @AfterEach
  protected void stopServer() {
    client.close();
    server.close();
    // OkHttp reports a cancelled call's end on its own thread, possibly just after the test's
    // future completed: wait for it (bounded), then insist.
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(5);
    synchronized (ended) {
      while (ended.get() < started.get() && System.nanoTime() < until) {
        try {
          ended.wait(50);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    assertEquals(started.get(), ended.get(), "every OkHttp call must end with its response closed");
  }

  protected String url(String path) {
    return server.url("/v1/" + path).toString();
  }

  protected static MockResponse json(int code, String body) {
    return new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body).build();
  }

  protected static MockResponse json(int code, String body, String etag) {
    return new MockResponse.Builder().code(code).addHeader("ETag", etag)
        .addHeader("Content-Type", "application/json").body(body).build();
  }

  protected static MockResponse status(int code) {
    return new MockResponse.Builder().code(code).build();
  }

  /** Answers every request with {@code response} (retries, if any, see the same answer). */
  protected void always(MockResponse response) {
    server.setDispatcher(new mockwebserver3.Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return response;
      }
    });
  }

  protected RecordedRequest take() throws InterruptedException {
    RecordedRequest r = server.takeRequest(5, java.util.concurrent.TimeUnit.SECONDS);
    if (r == null) throw new AssertionError("no request recorded");
    return r;
  }
}
