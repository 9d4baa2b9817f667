package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Call;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cancelling the future of an async call stops it: the HTTP call in flight is cancelled, a
 * scheduled retry never runs, and an operation of several requests starts no further one.
 */
class CancellationTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  /** Requests the server holds until the test ends. */
  private final CountDownLatch release = new CountDownLatch(1);
  /** Counted down when an OkHttp call fails because it was cancelled. */
  private final CountDownLatch canceled = new CountDownLatch(1);

  @Override
  protected void onCallFailed(Call call, IOException ioe) {
    if (call.isCanceled()) canceled.countDown();
  }

  @AfterEach
  void releaseTheServer() {
    release.countDown();
  }

  /** GETs of books/1 answer 200 with an ETag; every other request waits for the test's end. */
  private void holdWrites() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        if (r.getMethod().equals("GET") && r.getTarget().endsWith("/books/1")) {
          return json(200, BOOK, "\"v1\"");
        }
        release.await(20, TimeUnit.SECONDS);
        return status(503);
      }
    });
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"sendAsync", "get", "getEntity", "create", "update", "delete",
      "modify", "patch", "createIfAbsent"})
  void cancellingTheFutureCancelsTheCallInFlight(String operation) throws Exception {
    holdWrites();
    client.close();
    client = builder().build();
    Resource<Book> books = client.resource("books", Book.class);
    Function<AsyncResource<Book>, CompletableFuture<?>> op = switch (operation) {
      case "sendAsync" -> a -> client.sendAsync(ApiRequest.get("books/2"), Book.class);
      case "get" -> a -> a.get("2");
      case "getEntity" -> a -> a.getEntity("2");
      case "create" -> a -> a.create(new Book("Dune", "Herbert"));
      case "update" -> a -> a.update("1", new Book("Dune", "Herbert"));
      case "delete" -> a -> a.delete("1");
      case "modify" -> a -> a.modify("1", b -> b.withTitle("Children of Dune"));
      case "patch" -> a -> a.patch("1", java.util.Map.of("title", "Children of Dune"));
      case "createIfAbsent" -> a -> a.createIfAbsent("3", new Book("Dune", "Herbert"));
      default -> throw new IllegalArgumentException(operation);
    };
    CompletableFuture<?> f = op.apply(books.async());
    RecordedRequest held = take();
    if (operation.equals("modify")) {
      assertEquals("GET", held.getMethod());
      held = take(); // the PUT, held
    }
    assertTrue(f.cancel(true));
    assertTrue(canceled.await(10, TimeUnit.SECONDS), "the OkHttp call was not cancelled");
    assertTrue(f.isCancelled());
    assertThrows(CancellationException.class, f::join);
    assertEquals(operation.equals("modify") ? 2 : 1, server.getRequestCount());
  }

  @Test
  void cancellingAPatchWhileItIsReadBackCancelsTheGet() throws Exception {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) throws InterruptedException {
        if (r.getMethod().equals("PATCH")) return status(204);
        release.await(20, TimeUnit.SECONDS);
        return status(503);
      }
    });
    CompletableFuture<Entity<Book>> f = client.resource("books", Book.class).async()
        .patch("1", java.util.Map.of("title", "Children of Dune"));
    assertEquals("PATCH", take().getMethod());
    assertEquals("GET", take().getMethod()); // the read back, held
    assertTrue(f.cancel(true));
    assertTrue(canceled.await(10, TimeUnit.SECONDS), "the GET was not cancelled");
    assertThrows(CancellationException.class, f::join);
    assertEquals(2, server.getRequestCount());
  }

  @Test
  void cancellingWhileARetryIsScheduledMeansItNeverRuns() throws Exception {
    CountDownLatch retryScheduled = new CountDownLatch(1);
    client.close();
    client = builder()
        .retryOptions(RetryOptions.builder().maxAttempts(2)
            .backoff(Duration.ofSeconds(2), Duration.ofSeconds(2)).jitter(0).build())
        .retryListener(new RetryListener() {
          @Override
          public void onRetry(RetryEvent event) {
            retryScheduled.countDown();
          }
        })
        .build();
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    CompletableFuture<ApiResponse<Book>> f =
        client.sendAsync(ApiRequest.get("books/1"), Book.class);
    assertTrue(retryScheduled.await(10, TimeUnit.SECONDS));
    assertTrue(f.cancel(true));
    take();
    // The retry was due 2 s after the 503; twice that passes without it.
    assertNull(server.takeRequest(4, TimeUnit.SECONDS), "the scheduled retry was sent");
    assertEquals(1, server.getRequestCount());
  }
}
