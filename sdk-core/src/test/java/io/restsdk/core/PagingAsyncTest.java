package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;

/** AsyncResource.forEach: no thread waits, failures and cancellation stop further pages. */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class PagingAsyncTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  private final AtomicInteger thirdPage = new AtomicInteger();
  private final CountDownLatch secondAsked = new CountDownLatch(1);
  private final CountDownLatch releaseSecond = new CountDownLatch(1);

  private static MockResponse page(String title, String next) {
    MockResponse.Builder b = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json")
        .body("[{\"title\":\"" + title + "\",\"author\":\"a\"},{\"title\":\"" + title
            + "2\",\"author\":\"a\"}]");
    if (next != null) b.addHeader("Link", "<" + next + ">; rel=next");
    return b.build();
  }

  /** Page 1 at once; page 2 once released; page 3 counted. */
  private void threePages() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        String p = request.getUrl().queryParameter("p");
        if (p == null) return page("one", "books?p=2");
        if (p.equals("2")) {
          secondAsked.countDown();
          releaseSecond.await(5, TimeUnit.SECONDS);
          return page("two", "books?p=3");
        }
        thirdPage.incrementAndGet();
        return page("three", null);
      }
    });
  }

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  @Test
  void forEachDoesNotWaitForTheNetworkAndSeesEveryItemInOrder() throws Exception {
    threePages();
    List<String> seen = new CopyOnWriteArrayList<>();
    List<Thread> ranOn = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> f = books().async().forEach(Query.of(), b -> {
      seen.add(b.title());
      ranOn.add(Thread.currentThread());
    });
    assertTrue(secondAsked.await(5, TimeUnit.SECONDS));
    assertFalse(f.isDone(), "page 2 is not answered yet: nothing blocks the caller");
    releaseSecond.countDown();
    Mode.join(f);
    assertEquals(List.of("one", "one2", "two", "two2", "three", "three2"), seen);
    assertFalse(ranOn.contains(Thread.currentThread()), "the action never runs on the caller");
  }

  /**
   * A first page answered before {@code forEach} attached its continuation would run the action
   * on the caller, inside {@code forEach}: such a continuation goes to the client's executor.
   */
  @Test
  void aContinuationHandedOverOnTheCallerGoesToTheExecutor() throws Exception {
    Thread caller = Thread.currentThread();
    List<Runnable> queued = new CopyOnWriteArrayList<>();
    AtomicReference<Thread> ran = new AtomicReference<>();
    java.util.concurrent.Executor off = AsyncResource.offThread(caller, queued::add);

    off.execute(() -> ran.set(Thread.currentThread()));
    assertEquals(1, queued.size(), "queued, not run on the caller");
    assertEquals(null, ran.get());

    Thread other = new Thread(() -> off.execute(() -> ran.set(Thread.currentThread())));
    other.start();
    other.join(5_000);
    assertSame(other, ran.get(), "on any other thread it runs where it is handed over");
    assertEquals(1, queued.size());

    java.util.concurrent.Executor refusing = AsyncResource.offThread(caller, task -> {
      throw new java.util.concurrent.RejectedExecutionException("shut down");
    });
    refusing.execute(() -> ran.set(Thread.currentThread()));
    assertSame(caller, ran.get(), "an executor that refuses (a closing client): run all the same");
  }

  @Test
  void cancellingWhileAPageIsInFlightFetchesNoFurtherPage() throws Exception {
    threePages();
    CompletableFuture<Void> f = books().async().forEach(Query.of(), b -> { });
    assertTrue(secondAsked.await(5, TimeUnit.SECONDS));
    assertTrue(f.cancel(true));
    releaseSecond.countDown();
    awaitCallsEnded();
    assertTrue(f.isCancelled());
    assertEquals(0, thirdPage.get(), "no page after the cancellation");
  }

  @Test
  void cancellingFromTheActionStopsAtOnce() throws Exception {
    threePages();
    AtomicReference<CompletableFuture<Void>> future = new AtomicReference<>();
    CountDownLatch set = new CountDownLatch(1);
    List<String> seen = new CopyOnWriteArrayList<>();
    CompletableFuture<Void> f = books().async().forEach(Query.of(), b -> {
      try {
        set.await(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      seen.add(b.title());
      future.get().cancel(false);
    });
    future.set(f);
    set.countDown();
    assertThrows(java.util.concurrent.CancellationException.class,
        () -> f.get(5, TimeUnit.SECONDS));
    awaitCallsEnded();
    assertEquals(List.of("one"), seen, "no item after the cancellation");
    assertEquals(1, server.getRequestCount(), "no page after the cancellation");
  }

  @Test
  void whatTheActionThrowsFailsTheFutureAndEndsTheWalk() {
    threePages();
    IllegalStateException boom = new IllegalStateException("boom");
    CompletableFuture<Void> f = books().async().forEach(Query.of(), b -> {
      throw boom;
    });
    assertSame(boom, assertThrows(IllegalStateException.class, () -> Mode.join(f)));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aFailingPageFailsTheFutureWithTheSameExceptionAsTheSyncPath() {
    server.enqueue(page("one", "books?p=2"));
    server.enqueue(status(404));
    List<String> seen = new CopyOnWriteArrayList<>();
    assertThrows(ApiException.NotFound.class,
        () -> Mode.join(books().async().forEach(Query.of(), b -> seen.add(b.title()))));
    assertEquals(List.of("one", "one2"), seen);
  }

  @Test
  void nextOfTheLastPageSendsNothing() {
    server.enqueue(page("one", null));
    Page<Book> last = Mode.join(books().async().list());
    assertEquals(Optional.empty(), Mode.join(books().async().next(last)));
    assertEquals(1, server.getRequestCount());
  }

  /** Waits (bounded, on the counters' monitor) until every OkHttp call started has ended. */
  private void awaitCallsEnded() throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    synchronized (ended) {
      while (ended.get() < started.get() && System.nanoTime() < until) ended.wait(50);
    }
    assertEquals(started.get(), ended.get());
  }
}
