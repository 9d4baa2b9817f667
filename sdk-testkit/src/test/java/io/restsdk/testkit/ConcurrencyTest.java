package io.restsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import okhttp3.ConnectionPool;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;

/** Conditional writes are atomic: exactly one winner per version. */
class ConcurrencyTest {
  private static final int THREADS = 16;
  private static final int ROUNDS = 5;

  @Test
  void exactlyOneConditionalPutWinsPerVersion() throws Exception {
    OkHttpClient client = Http.CLIENT.newBuilder()
        .connectionPool(new ConnectionPool(THREADS, 1, TimeUnit.MINUTES))
        .dispatcher(new Dispatcher())
        .build();
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (MockApiServer server = MockApiServer.builder().collection("books", c -> c.put("1", "{\"n\":0}")).build()) {
      for (int round = 0; round < ROUNDS; round++) {
        String etag = server.collection("books").etag("1");
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Integer>> results = new ArrayList<>();
        for (int t = 0; t < THREADS; t++) {
          int writer = t;
          results.add(pool.submit(() -> {
            Http request = Http.request(server, "PUT", "books/1").client(client)
                .header("If-Match", etag).body("{\"writer\":" + writer + "}");
            ready.countDown();
            go.await();
            return request.send().code();
          }));
        }
        ready.await();
        go.countDown();
        int wins = 0;
        int conflicts = 0;
        for (Future<Integer> result : results) {
          int code = result.get(30, TimeUnit.SECONDS);
          if (code == 204) {
            wins++;
          } else if (code == 412) {
            conflicts++;
          }
        }
        assertEquals(1, wins, "round " + round);
        assertEquals(THREADS - 1, conflicts, "round " + round);
      }
      assertEquals(ROUNDS * THREADS, server.requests().size());
    } finally {
      pool.shutdownNow();
      client.dispatcher().executorService().shutdown();
      client.connectionPool().evictAll();
    }
  }

  @Test
  void concurrentPostsGetDistinctIds() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try (MockApiServer server = MockApiServer.builder().collection("books").build()) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<String>> locations = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        locations.add(pool.submit(() -> {
          go.await();
          return Http.request(server, "POST", "books").body("{}").send().header("Location");
        }));
      }
      go.countDown();
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (Future<String> location : locations) {
        distinct.add(location.get(30, TimeUnit.SECONDS));
      }
      assertEquals(40, distinct.size());
      assertEquals(40, server.collection("books").size());
    } finally {
      pool.shutdownNow();
    }
  }
}
