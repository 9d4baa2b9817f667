package io.restsdk.etag.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.EtagCache;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.etag.redis.Fleet.Counts;
import io.restsdk.etag.redis.Fleet.Doc;
import io.restsdk.testkit.MockApiServer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The fleet measurement: 4 instances (RestClients) each read 20 resources of ~100 KB 1,000 times
 * in a random order against the testkit's fake API, once with per-instance in-memory caches
 * under a small budget (1 MiB: about 9 of the 20 bodies) and once sharing one Redis store (each
 * with a 1 MiB front cache). Both start cold. The shared fleet must receive at least 3.5× fewer
 * body bytes; after a write through one instance, no instance serves the old body.
 */
@RequiresRedis
class FleetTest {
  private static final int INSTANCES = 4;
  private static final int READS = 1_000;
  private static final int RESOURCES = 20;
  private static final int SIZE = 100_000;
  private static final long LOCAL_BUDGET = 1L << 20;

  @Test
  void aFleetSharingRedisDownloadsUnchangedBodiesOnce() throws Exception {
    try (MockApiServer server = MockApiServer.builder().collection("docs").build()) {
      Random random = new Random(16);
      for (int i = 0; i < RESOURCES; i++) server.collection("docs").put("d" + i, doc(random, "d" + i));

      long t0 = System.nanoTime();
      Counts local = run(server, () -> EtagCache.inMemory(LOCAL_BUDGET), null);
      long t1 = System.nanoTime();

      String prefix = Redis.uniquePrefix();
      List<RedisEtagStore> stores = new ArrayList<>();
      Supplier<EtagCache> shared = () -> {
        RedisEtagStore s = RedisEtagStore.builder(RedisServer.shared().uri()).prefix(prefix)
            .frontMaxBytes(LOCAL_BUDGET).maxBytes(64L << 20).timeout(Duration.ofSeconds(2))
            .build();
        stores.add(s);
        return EtagCache.using(s);
      };
      List<RestClient> clients = new ArrayList<>();
      try {
        Counts redis = run(server, shared, clients);
        System.out.printf("[sdk-etag-redis] in-memory fleet %d ms, shared fleet %d ms%n",
            (t1 - t0) / 1_000_000, (System.nanoTime() - t1) / 1_000_000);
        double ratio = (double) local.bodyBytes.sum() / redis.bodyBytes.sum();
        System.out.printf("[sdk-etag-redis] fleet of %d × %d reads of %d × ~100 KB: "
            + "per-instance in-memory (1 MiB each): %s; shared Redis: %s; %.1f× fewer body bytes%n",
            INSTANCES, READS, RESOURCES, local, redis, ratio);
        assertTrue(ratio >= 3.5, "shared must receive ≥ 3.5× fewer body bytes: " + ratio);
        assertEquals(INSTANCES * READS, redis.ok.sum() + redis.notModified.sum());
        assertEquals(INSTANCES * READS, local.ok.sum() + local.notModified.sum());
        for (RedisEtagStore s : stores) assertEquals(0, s.stats().breakerOpens(), s.toString());

        // A write through one instance: no instance serves the old body afterwards.
        Resource<Doc> writer = clients.get(0).resource("docs", Doc.class);
        Doc changed = new Doc("d3", "changed by instance 0");
        writer.update("d3", changed);
        for (RestClient c : clients) {
          Resource<Doc> docs = c.resource("docs", Doc.class);
          assertEquals(changed.text(), docs.get("d3").text(), "no stale body on " + c);
          assertEquals(changed.text(), docs.get("d3").text());
        }
      } finally {
        clients.forEach(RestClient::close);
        stores.forEach(RedisEtagStore::close);
      }
    }
  }

  private static Doc doc(Random random, String id) {
    char[] text = new char[SIZE];
    for (int i = 0; i < SIZE; i++) text[i] = (char) ('a' + random.nextInt(26));
    return new Doc(id, new String(text));
  }

  /** 4 instances reading concurrently, each its own order; the fleet's counts. */
  private static Counts run(MockApiServer server, Supplier<EtagCache> caches,
      List<RestClient> keep) throws Exception {
    Counts fleet = new Counts();
    ExecutorService pool = Executors.newFixedThreadPool(INSTANCES);
    CyclicBarrier start = new CyclicBarrier(INSTANCES);
    try {
      List<Future<Counts>> done = new ArrayList<>();
      for (int n = 0; n < INSTANCES; n++) {
        Counts counts = new Counts();
        RestClient client = Fleet.client(server, caches.get(), counts);
        if (keep != null) keep.add(client);
        long seed = n;
        done.add(pool.submit(() -> {
          Resource<Doc> docs = client.resource("docs", Doc.class);
          Random order = new Random(seed);
          start.await();
          for (int i = 0; i < READS; i++) {
            String id = "d" + order.nextInt(RESOURCES);
            Doc d = docs.get(id);
            if (!d.id().equals(id) || d.text().length() != SIZE) {
              throw new AssertionError("wrong body for " + id + ": " + d.id());
            }
          }
          if (keep == null) client.close();
          return counts;
        }));
      }
      for (Future<Counts> f : done) fleet.add(f.get());
    } finally {
      pool.shutdownNow();
    }
    return fleet;
  }
}
