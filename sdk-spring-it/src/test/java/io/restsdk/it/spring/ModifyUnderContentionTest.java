package io.restsdk.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restsdk.core.ApiException;
import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code modify} under real contention: four writers increment one book's counter 50 times
 * each through one shared client. Hibernate checks {@code @Version} at commit, so Spring Data
 * REST answers a lost race either with 412 (the If-Match check saw the new version) or with 409
 * (the race was lost between that check and the commit).
 */
@ExtendWith(SpringDataRestServer.class)
class ModifyUnderContentionTest {
  private static final int WRITERS = 4;
  private static final int INCREMENTS = 50;

  private final RestClient client = RestClient.builder()
      .baseUrl(SpringDataRestServer.baseUrl())
      .noAuthentication()
      .build();
  private final Resource<BookView> books = client.resource("books", BookView.class);
  private final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();

  @AfterEach
  void close() {
    client.close();
  }

  private String newBook() {
    Entity<BookView> made = books.create(new BookView("Counter", null, 0));
    String path = made.location().getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static BookView increment(BookView b) {
    return b.withCounter(b.counter() + 1);
  }

  private void assertAllIncrementsLanded(String id) {
    List<String> seen = new ArrayList<>(failures);
    Map<String, Long> byKind = seen.stream().collect(Collectors.groupingBy(
        m -> m.substring(0, m.indexOf(':')), TreeMap::new, Collectors.counting()));
    assertEquals(Map.of(), byKind, seen.size() + " of " + WRITERS * INCREMENTS
        + " modify calls failed" + (seen.isEmpty() ? "" : "; the first: " + seen.get(0)));
    assertEquals(WRITERS * INCREMENTS, books.get(id).counter());
  }

  @Test
  void fourThreadsOfFiftyModifyCallsEndAtExactly200() throws Exception {
    String id = newBook();
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
    try {
      List<Future<?>> writers = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        writers.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < INCREMENTS; i++) {
            try {
              books.modify(id, ModifyUnderContentionTest::increment);
            } catch (RuntimeException e) {
              failures.add(describe(e));
            }
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : writers) f.get(120, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
    assertAllIncrementsLanded(id);
  }

  @Test
  void fourAsyncChainsOfFiftyModifyCallsEndAtExactly200() throws Exception {
    String id = newBook();
    List<CompletableFuture<Void>> chains = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      chains.add(chain(id, new AtomicInteger(INCREMENTS)));
    }
    CompletableFuture.allOf(chains.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
    assertAllIncrementsLanded(id);
  }

  /** E.g. {@code Conflict 409: PUT … → 409 Conflict: Row was updated …}. */
  private static String describe(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
        ? e.getCause() : e;
    String kind = t instanceof ApiException a
        ? t.getClass().getSimpleName() + " " + a.status() : t.getClass().getSimpleName();
    return kind + ": " + t.getMessage();
  }

  /** Calls {@code async().modify} {@code left} times, each after the one before completed. */
  private CompletableFuture<Void> chain(String id, AtomicInteger left) {
    if (left.getAndDecrement() == 0) return CompletableFuture.completedFuture(null);
    return books.async().modify(id, ModifyUnderContentionTest::increment)
        .handle((b, e) -> {
          if (e != null) failures.add(describe(e));
          return null;
        })
        .thenCompose(x -> chain(id, left));
  }
}
