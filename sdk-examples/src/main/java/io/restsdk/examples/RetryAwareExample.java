package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.CircuitOpenException;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.SdkException;
import io.restsdk.testkit.MockApiServer;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.HttpUrl;

/**
 * A retry-aware integration: a client whose retries are tuned with {@link RetryOptions} and
 * watched with a {@link RetryListener}, that honours the server's {@code Retry-After}, makes a
 * POST safe to retry with an idempotency key, and stops hammering a failing server with a
 * circuit breaker. The test kit's fake server plays the flaky API.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .bearerToken(token)
 *     .retryOptions(RetryOptions.builder()
 *         .maxAttempts(4)
 *         .backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
 *         .build())
 *     .retryListener(metrics)                       // every retry and every give-up
 *     .circuitBreaker(3, Duration.ofMillis(300))    // 3 failed attempts in a row: stop sending
 *     .build();
 * client.send(ApiRequest.post("books").body(book).idempotencyKey(UUID.randomUUID().toString()),
 *     Book.class);                                  // a POST that may be retried
 * }</pre>
 *
 * <p>Run it with
 * {@code mvn -q -pl sdk-examples -am compile exec:java -Dexec.mainClass=io.restsdk.examples.RetryAwareExample}.
 */
public final class RetryAwareExample {
  private RetryAwareExample() {}

  /**
   * What happened.
   *
   * @param retryAfterDelay how long the client waited after the 503 that asked for 1 s
   * @param keyedPostAttempts how often the fake received the POST with the idempotency key
   *     (2: the 500, then the success), each time with the same key
   * @param unkeyedPostAttempts attempts of the POST without a key (1: a 500 to a plain POST is
   *     not retried, since it may have been applied)
   * @param giveUps the reasons the listener heard for each give-up, in order
   * @param sentWhileOpen requests that reached the server while the breaker was open (0)
   * @param recovered whether a call succeeded again once the breaker let a trial through
   */
  public record Outcome(Duration retryAfterDelay, int keyedPostAttempts, int unkeyedPostAttempts,
      List<RetryListener.GiveUpReason> giveUps, int sentWhileOpen, boolean recovered) {}

  /** Runs the example against an in-process fake server. */
  public static void main(String[] args) {
    try (MockApiServer server = MockApiServer.builder()
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build()) {
      System.out.println(run(server, System.out));
    }
  }

  /**
   * Runs the example against {@code server}, scripting its failures, and prints what the client
   * does.
   */
  public static Outcome run(MockApiServer server, PrintStream out) {
    requireNonNull(server, "server == null");
    requireNonNull(out, "out == null");
    java.net.URI author = server.collection("authors").uri(
        server.collection("authors").add("{\"name\":\"N. K. Jemisin\",\"email\":\"nkj@example.com\"}"));
    String book = server.collection("books").add(new Book("The Fifth Season", author));
    Listener listener = new Listener(out);

    try (RestClient client = RestClient.builder()
        .baseUrl(server.baseUrl())
        .bearerToken(server.token())
        .retryOptions(RetryOptions.builder()
            .maxAttempts(4)
            .backoff(Duration.ofMillis(50), Duration.ofSeconds(2))
            .build())
        .retryListener(listener)
        .build()) {
      Resource<Book> books = client.resource("books", Book.class);

      // 1. A 503 with Retry-After: the client waits what the server asked, when that fits the retry
      //    budget (maxDelay, maxDuration, the deadline); a longer one ends the call at once with
      //    ApiException.ServiceUnavailable, whose retryAfter() says when to come back.
      out.println("1. GET a book while the server asks for a second's patience");
      server.faults().failNext(1, "GET", "books/" + book, 503).withRetryAfter("1");
      out.println("   got \"" + books.get(book).title() + "\"");
      Duration retryAfterDelay = listener.retries.get(0).delay();

      // 2. A POST is retried only with an idempotency key: the server can then tell a repeat.
      out.println("2. POST with an idempotency key; the first attempt gets a 500");
      server.faults().failNext(1, "POST", "books", 500);
      String key = UUID.randomUUID().toString();
      ApiResponse<Book> created = client.send(ApiRequest.post("books")
          .body(new Book("The Obelisk Gate", author))
          .idempotencyKey(key), Book.class);
      int keyedAttempts = (int) server.requests().stream()
          .filter(c -> c.method().equals("POST") && key.equals(c.header("Idempotency-Key")))
          .count();
      out.println("   " + created.getClass().getSimpleName() + " " + created.status()
          + " after " + keyedAttempts + " attempts with Idempotency-Key " + key);

      // 3. Without a key a 500 is final: the POST may have been applied, so repeating it could
      //    create the book twice.
      out.println("3. POST without a key; it gets a 500");
      server.faults().failNext(1, "POST", "books", 500);
      int unkeyedAttempts;
      try {
        books.create(new Book("The Stone Sky", author));
        throw new IllegalStateException("the scripted 500 did not come");
      } catch (ApiException.InternalServerError e) {
        unkeyedAttempts = e.attempts();
        out.println("   " + e.getClass().getSimpleName() + " after " + e.attempts() + " attempt");
      }

      // 4. A circuit breaker, on a client of its own: when the server is down it stops sending.
      int sentWhileOpen;
      boolean recovered;
      try (RestClient guarded = client.newBuilder()
          .circuitBreaker(3, Duration.ofMillis(300))
          .build()) {
        Resource<Book> guardedBooks = guarded.resource("books", Book.class);
        out.println("4. the server is down: every GET gets a 503");
        server.faults().failNext(1_000, "GET", "books/*", 503);
        CircuitOpenException open = expectOpen(guardedBooks, book, out);

        int before = server.requests().size();
        expectOpen(guardedBooks, book, out); // refused at once: nothing is sent
        sentWhileOpen = server.requests().size() - before;

        out.println("   the server is back");
        server.faults().clear();
        recovered = awaitRecovery(guardedBooks, book, open.retryIn(), out);
      }
      return new Outcome(retryAfterDelay, keyedAttempts, unkeyedAttempts,
          List.copyOf(listener.giveUps), sentWhileOpen, recovered);
    }
  }

  private static CircuitOpenException expectOpen(Resource<Book> books, String id, PrintStream out) {
    try {
      books.get(id);
    } catch (CircuitOpenException e) {
      out.println("   CircuitOpenException after " + e.attempts() + " attempt(s): nothing sent; "
          + "a trial call may go through in " + e.retryIn().toMillis() + " ms");
      return e;
    }
    throw new IllegalStateException("the circuit breaker did not open");
  }

  /**
   * After the breaker's delay it lets one trial call through; a success closes it. A real
   * application would serve a degraded answer meanwhile, or schedule the next try.
   */
  private static boolean awaitRecovery(
      Resource<Book> books, String id, Duration retryIn, PrintStream out) {
    Duration wait = retryIn;
    for (int tries = 0; tries < 10; tries++) {
      pause(wait.plusMillis(20));
      try {
        out.println("   trial call: got \"" + books.get(id).title() + "\"; the breaker is closed");
        return true;
      } catch (CircuitOpenException e) {
        wait = e.retryIn(); // not yet half-open
      }
    }
    return false;
  }

  private static void pause(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  /** Prints every retry and give-up, as a metrics or logging listener would record them. */
  private static final class Listener implements RetryListener {
    final List<RetryEvent> retries = new CopyOnWriteArrayList<>();
    final List<GiveUpReason> giveUps = new CopyOnWriteArrayList<>();
    private final PrintStream out;

    Listener(PrintStream out) {
      this.out = out;
    }

    @Override
    public void onRetry(RetryEvent e) {
      retries.add(e);
      out.println("   retry: " + e.method() + " " + path(e.url()) + " attempt " + e.attempt()
          + " failed (" + what(e.failure()) + "), next attempt in " + e.delay().toMillis() + " ms");
    }

    @Override
    public void onGiveUp(GiveUpEvent e) {
      giveUps.add(e.reason());
      out.println("   gave up: " + e.method() + " " + path(e.url()) + " after " + e.attempts()
          + " attempt(s): " + e.reason());
    }

    private static String what(SdkException failure) {
      return failure instanceof ApiException a
          ? a.status() + " " + a.getClass().getSimpleName() : failure.getClass().getSimpleName();
    }

    private static String path(String url) {
      HttpUrl parsed = HttpUrl.parse(url);
      return parsed == null ? url : parsed.encodedPath();
    }
  }
}
