package io.restsdk.core.properties;

import io.restsdk.core.NoDelayServerSocketFactory;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import okhttp3.EventListener;
import okhttp3.OkHttpClient;

/**
 * One mockwebserver3 server for all the tries of a property, answering through a function set
 * per try; an OkHttp client whose calls are counted (started vs ended, as in {@code ClientTest})
 * so a response left open fails the try; and the log records of the SDK and OkHttp, captured
 * through java.util.logging, where the JDK's {@code System.Logger} goes by default.
 */
final class PropertyServer implements AutoCloseable {
  /** Retries that cost almost no time: 3 attempts, 1 ms apart, capped at 5 ms, no jitter. */
  static final RetryOptions FAST = RetryOptions.builder()
      .maxAttempts(3).backoff(Duration.ofMillis(1), Duration.ofMillis(5)).jitter(0).build();

  private static final List<String> LOGGERS = List.of("io.restsdk", "okhttp3");

  final MockWebServer server = new MockWebServer();
  final OkHttpClient ok;
  final List<LogRecord> records = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private int started;
  private int ended;
  private volatile Function<RecordedRequest, MockResponse> answer =
      r -> new MockResponse.Builder().code(500).build();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      records.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Level[] levels = new Level[LOGGERS.size()];
  /** Held so the logging framework keeps the configured loggers (it holds them weakly). */
  private final Logger[] loggers = new Logger[LOGGERS.size()];

  PropertyServer(Duration readTimeout) {
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer.apply(request);
      }
    });
    try {
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ok = new OkHttpClient.Builder().readTimeout(readTimeout).eventListener(new EventListener() {
      @Override
      public void callStart(Call call) {
        synchronized (lock) {
          started++;
        }
      }

      @Override
      public void callEnd(Call call) {
        end();
      }

      @Override
      public void callFailed(Call call, IOException ioe) {
        end();
      }
    }).build();
    for (int i = 0; i < LOGGERS.size(); i++) {
      Logger l = loggers[i] = Logger.getLogger(LOGGERS.get(i));
      levels[i] = l.getLevel();
      l.setLevel(Level.ALL);
      l.setUseParentHandlers(false); // kept here, not printed
      l.addHandler(handler);
    }
  }

  private void end() {
    synchronized (lock) {
      ended++;
      lock.notifyAll();
    }
  }

  /**
   * How every request of this try is answered. Starts the try on fresh connections: one a
   * previous try's server hung up on must not fail this one.
   */
  void answer(Function<RecordedRequest, MockResponse> f) {
    ok.connectionPool().evictAll();
    this.answer = f;
  }

  /** A client on this server with fast retries; the caller closes it. */
  RestClient.Builder client(String token) {
    return RestClient.builder()
        .baseUrl(server.url("/v1/").toString())
        .bearerToken(token)
        .okHttpClient(ok)
        .retryOptions(FAST);
  }

  String url(String path) {
    return server.url(path).toString();
  }

  /**
   * Waits (at most 5 s) until every call started has ended, i.e. its response was closed;
   * a call whose response is never closed never ends, so a leak fails here.
   */
  void assertNoCallLeft(String what) {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (lock) {
      while (started != ended) {
        long left = until - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError(what + ": " + started + " OkHttp calls started, " + ended
              + " ended: a response was not closed");
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(lock, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new AssertionError(e);
        }
      }
    }
  }

  /** The captured log records as text: logger, message with parameters, and thrown. */
  String logText() {
    StringBuilder sb = new StringBuilder();
    for (LogRecord r : records) {
      sb.append(r.getLoggerName()).append(' ').append(r.getLevel()).append(' ')
          .append(new java.util.logging.SimpleFormatter().formatMessage(r)).append('\n');
      if (r.getThrown() != null) sb.append(Secrets.render(r.getThrown())).append('\n');
    }
    return sb.toString();
  }

  @Override
  public void close() {
    for (int i = 0; i < LOGGERS.size(); i++) {
      Logger l = loggers[i];
      l.removeHandler(handler);
      l.setLevel(levels[i]);
      l.setUseParentHandlers(true);
    }
    ok.dispatcher().executorService().shutdown();
    ok.connectionPool().evictAll();
    server.close();
  }
}
