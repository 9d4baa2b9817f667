package io.restsdk.testkit.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code modify} under real contention, with the client's default attempt budget and backoff:
 * four writers incrementing one counter on the conforming fake all get their change applied.
 */
class ModifyContentionTest {
  private static final int THREADS = 4;
  private static final int INCREMENTS = 50;

  record Counter(int n) {}

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fourWritersOfFiftyIncrementsEachEndAtExactlyTwoHundred(boolean async) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(THREADS);
    try (MockApiServer server = MockApiServer.builder()
            .collection("counters", c -> c.put("1", "{\"n\":0}")).build();
        RestClient client = RestClient.builder().baseUrl(server.baseUrl())
            .bearerToken(server.token()).build()) {
      Resource<Counter> counters = client.resource("counters", Counter.class);
      CountDownLatch go = new CountDownLatch(1);
      List<Future<?>> writers = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        writers.add(pool.submit(() -> {
          go.await();
          for (int i = 0; i < INCREMENTS; i++) {
            if (async) {
              counters.async().modify("1", c -> new Counter(c.n() + 1)).get(30, TimeUnit.SECONDS);
            } else {
              counters.modify("1", c -> new Counter(c.n() + 1));
            }
          }
          return null;
        }));
      }
      go.countDown();
      for (Future<?> w : writers) w.get(); // a failed modify fails the test here
      assertEquals(THREADS * INCREMENTS, server.collection("counters").get("1").get("n").asInt());
      long lost = server.requests().stream().filter(r -> r.status() == 412).count();
      assertTrue(lost > 0, "no write was lost to another: the test proved nothing");
    } finally {
      pool.shutdownNow();
    }
  }
}
