package io.restsdk.etag.redis;

import static io.restsdk.etag.redis.Redis.b;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.output.StatusOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;
import io.restsdk.core.EtagCache;
import io.restsdk.core.RestClient;
import io.restsdk.etag.redis.Fleet.Counts;
import io.restsdk.etag.redis.Fleet.Doc;
import io.restsdk.testkit.MockApiServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Redis killed mid-run, paused ({@code DEBUG SLEEP}), or given garbage under the prefix: every
 * read still returns the right body, and a dead or stalled Redis adds at most the timeout to the
 * few calls before the breaker opens, nothing after.
 */
@RequiresRedis
class FaultsTest {
  private static final Duration TIMEOUT = Duration.ofMillis(250);
  /** Generous for a busy 2-core machine: a read without Redis takes a few milliseconds. */
  private static final Duration SLACK = Duration.ofMillis(1500);
  private static final int DOCS = 5;

  private MockApiServer api;
  private final List<AutoCloseable> closing = new ArrayList<>();

  @BeforeEach
  void api() {
    api = MockApiServer.builder().collection("docs").build();
    Random random = new Random(7);
    for (int i = 0; i < DOCS; i++) {
      char[] text = new char[10_000];
      for (int j = 0; j < text.length; j++) text[j] = (char) ('a' + random.nextInt(26));
      api.collection("docs").put("d" + i, new Doc("d" + i, new String(text)));
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = closing.size() - 1; i >= 0; i--) closing.get(i).close();
    api.close();
  }

  private <T extends AutoCloseable> T closing(T c) {
    closing.add(c);
    return c;
  }

  /** Connection set up, scripts loaded and code warmed by another store, with time to spare. */
  private static void warmUp(String uri, String prefix) {
    try (RedisEtagStore warm = RedisEtagStore.builder(uri).prefix(prefix)
        .timeout(Duration.ofSeconds(10)).build()) {
      io.restsdk.core.CacheKey key = new io.restsdk.core.CacheKey("http://warm/up", "p", "a");
      warm.put(key, EtagStoreContract.version("w", 10));
      warm.invalidate("http://warm/up");
      warm.get(key);
      warm.put(key, EtagStoreContract.version("w", 10));
      warm.put(key, EtagStoreContract.version("w", 10));
    }
  }

  private RedisEtagStore store(String uri, String prefix) {
    warmUp(uri, prefix);
    return closing(RedisEtagStore.builder(uri).prefix(prefix).frontMaxBytes(0)
        .timeout(TIMEOUT).breaker(3, Duration.ofHours(1)).build());
  }

  private RestClient client(RedisEtagStore store, Counts counts) {
    return closing(Fleet.client(api, EtagCache.using(store), counts));
  }

  /**
   * Reads every doc {@code rounds} times, checking each body, alternately through the sync and
   * the async API; the duration of each read.
   */
  private List<Long> read(RestClient client, int rounds) {
    List<Long> nanos = new ArrayList<>();
    for (int r = 0; r < rounds; r++) {
      for (int i = 0; i < DOCS; i++) {
        String id = "d" + i;
        long start = System.nanoTime();
        Doc d = (r + i) % 2 == 0 ? client.resource("docs", Doc.class).get(id)
            : client.resource("docs", Doc.class).async().get(id).join();
        nanos.add(System.nanoTime() - start);
        assertEquals(api.collection("docs").get(id, Doc.class), d, "the right body for " + id);
      }
    }
    return nanos;
  }

  private static long max(List<Long> nanos) {
    return nanos.stream().mapToLong(Long::longValue).max().orElse(0);
  }

  private static long waited(List<Long> nanos, Duration atLeast) {
    return nanos.stream().filter(n -> n >= atLeast.toNanos()).count();
  }

  @Test
  void redisKilledMidRun() {
    RedisServer own = closing(RedisServer.start());
    RedisEtagStore store = store(own.uri(), Redis.uniquePrefix());
    Counts counts = new Counts();
    RestClient client = client(store, counts);
    read(client, 4);
    assertTrue(store.stats().redisHits() >= 10 && !store.stats().breakerOpen(), store.toString());
    assertTrue(counts.notModified.sum() >= 10, counts.toString());
    long failuresBefore = store.stats().failures();

    own.kill();
    List<Long> nanos = read(client, 20);
    RedisEtagStore.Stats s = store.stats();
    long failures = s.failures() - failuresBefore;
    assertTrue(failures >= 1 && failures <= 3, "failures before the breaker opened: " + s);
    assertEquals(1, s.breakerOpens(), s.toString());
    assertTrue(s.skipped() >= 150, "the breaker kept the calls away from Redis: " + s);
    assertTrue(max(nanos) < TIMEOUT.plus(SLACK).toNanos(),
        "a read waited at most the timeout: " + max(nanos) / 1_000_000 + " ms");
    assertTrue(waited(nanos, TIMEOUT) <= 3, "only reads that met a failure may wait");
  }

  @Test
  void redisPausedByDebugSleep() throws Exception {
    RedisServer own = closing(RedisServer.start());
    RedisEtagStore store = store(own.uri(), Redis.uniquePrefix());
    RestClient client = client(store, new Counts());
    read(client, 2);
    assertTrue(!store.stats().breakerOpen() && store.stats().redisHits() > 0, store.toString());
    long timeoutsBefore = store.stats().timeouts();
    long t0 = System.nanoTime();

    RedisClient admin = RedisClient.create(own.uri());
    closing(() -> admin.shutdown(Duration.ZERO, Duration.ofSeconds(1)));
    StatefulRedisConnection<String, String> sleeper = admin.connect();
    StatefulRedisConnection<String, String> prober = admin.connect();
    sleeper.async().dispatch(CommandType.DEBUG, new StatusOutput<>(StringCodec.UTF8),
        new CommandArgs<>(StringCodec.UTF8).add("SLEEP").add(3));
    awaitUnresponsive(prober);
    long t1 = System.nanoTime();

    long start = System.nanoTime();
    List<Long> nanos = read(client, 6);
    long elapsed = System.nanoTime() - start;
    RedisEtagStore.Stats s = store.stats();
    System.out.printf("[sdk-etag-redis] DEBUG SLEEP: %d ms to see it, %d reads in %d ms, %s%n",
        (t1 - t0) / 1_000_000, nanos.size(), elapsed / 1_000_000, s);
    long timeouts = s.timeouts() - timeoutsBefore;
    assertTrue(timeouts >= 1 && timeouts <= 3, "timeouts until the breaker opened: " + s);
    assertTrue(s.breakerOpen() && s.skipped() > 0, s.toString());
    assertTrue(max(nanos) < TIMEOUT.multipliedBy(2).plus(SLACK).toNanos(),
        "one read waits at most its get's and its put's timeout: " + max(nanos) / 1_000_000);
    assertTrue(waited(nanos, TIMEOUT.multipliedBy(4).dividedBy(5)) <= 3,
        "only the reads that met a timeout waited");
    assertTrue(elapsed < TIMEOUT.multipliedBy(3).plus(SLACK).toNanos(),
        "the stall added at most three timeouts to the whole run: " + elapsed / 1_000_000 + " ms");
    own.kill(); // the clients close at once instead of waiting out the sleep
  }

  /** Returns once a PING goes unanswered for 100 ms: the server is inside DEBUG SLEEP. */
  private static void awaitUnresponsive(StatefulRedisConnection<String, String> prober)
      throws Exception {
    for (int i = 0; i < 100; i++) {
      CompletableFuture<String> ping = prober.async().ping().toCompletableFuture();
      try {
        ping.get(100, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        return;
      }
    }
    throw new AssertionError("redis-server never started sleeping");
  }

  @Test
  void garbageUnderThePrefix() {
    String prefix = Redis.uniquePrefix();
    RedisEtagStore first = store(RedisServer.shared().uri(), prefix);
    read(client(first, new Counts()), 2);

    Redis redis = closing(new Redis(RedisServer.shared()));
    Random random = new Random(3);
    int n = 0;
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<byte[]> page = redis.sync().scan(cursor,
          ScanArgs.Builder.matches(RedisEtagStore.globEscape(prefix) + "*").limit(1000));
      for (byte[] key : page.getKeys()) {
        redis.sync().del(key);
        byte[] junk = new byte[1 + random.nextInt(200)];
        random.nextBytes(junk);
        switch (n++ % 3) {
          case 0 -> redis.sync().set(key, junk);
          case 1 -> redis.sync().rpush(key, junk);
          default -> redis.sync().hset(key, b("m"), junk);
        }
      }
      cursor = page;
    } while (!cursor.isFinished());
    assertTrue(n >= DOCS, "keys replaced: " + n);
    redis.sync().set(b(prefix + "e:" + "f".repeat(64)), "stray".getBytes(StandardCharsets.UTF_8));

    RedisEtagStore second = store(RedisServer.shared().uri(), prefix);
    Counts counts = new Counts();
    read(client(second, counts), 1);
    RedisEtagStore.Stats s = second.stats();
    assertTrue(s.foreign() >= 1, "garbage seen and ignored: " + s);
    assertEquals(0, s.failures(), s.toString());
    assertEquals(DOCS, counts.ok.sum(), "garbage is a miss: every body downloaded again");

    RedisEtagStore third = store(RedisServer.shared().uri(), prefix);
    Counts healed = new Counts();
    read(client(third, healed), 1);
    assertEquals(DOCS, healed.notModified.sum(), "the garbage was overwritten: " + healed);
    assertTrue(third.stats().redisHits() >= DOCS, third.toString());
  }
}
