package io.restsdk.etag.redis;

import static io.restsdk.etag.redis.EtagStoreContract.assertSameEntry;
import static io.restsdk.etag.redis.EtagStoreContract.version;
import static io.restsdk.etag.redis.Redis.b;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** What the Redis store adds to the contract: sharing, invalidation, keys, garbage, failures. */
@RequiresRedis
class RedisEtagStoreTest {
  private static final String URL = "http://h/v1/books/1";
  private final String prefix = Redis.uniquePrefix();
  private final List<RedisEtagStore> stores = new ArrayList<>();
  private final Redis redis = new Redis(RedisServer.shared());

  private RedisEtagStore instance() {
    return instance(RedisEtagStore.builder(RedisServer.shared().uri()));
  }

  private RedisEtagStore instance(RedisEtagStore.Builder b) {
    RedisEtagStore s = b.prefix(prefix).timeout(Duration.ofSeconds(5)).build();
    stores.add(s);
    return s;
  }

  @AfterEach
  void close() {
    stores.forEach(RedisEtagStore::close);
    redis.close();
  }

  private List<byte[]> keys() {
    List<byte[]> keys = new ArrayList<>();
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      KeyScanCursor<byte[]> page = redis.sync().scan(cursor,
          ScanArgs.Builder.matches(RedisEtagStore.globEscape(prefix) + "*").limit(1000));
      keys.addAll(page.getKeys());
      cursor = page;
    } while (!cursor.isFinished());
    return keys;
  }

  private byte[] entryKey(CacheKey key) {
    return b(prefix + "e:" + EntryCodec.hex(EntryCodec.keyDigest(key)));
  }

  @Test
  void anotherInstanceReadsWhatOneStoredThenFromItsFrontCache() {
    RedisEtagStore a = instance();
    RedisEtagStore b = instance();
    CacheKey key = new CacheKey(URL, "p", "application/json");
    CachedResponse r = version("v1", 5000);
    a.put(key, r);
    assertSameEntry(r, b.get(key));
    assertSameEntry(r, b.get(key));
    RedisEtagStore.Stats s = b.stats();
    assertEquals(1, s.redisHits());
    assertEquals(1, s.frontHits(), "the second lookup costs no round trip");
  }

  @Test
  void oneInvalidationRemovesEveryPrincipalsAndAcceptsEntriesInOneRoundTrip() {
    RedisEtagStore a = instance();
    String[][] variants = {{"alice", "application/json"}, {"alice", "application/xml"},
        {"bob", "application/json"}, {"carol", "*/*"}};
    for (String[] v : variants) a.put(new CacheKey(URL, v[0], v[1]), version(v[0], 100));
    a.put(new CacheKey(URL + "/x", "alice", "application/json"), version("other", 100));
    long evalsBefore = evalshaCalls();
    instance().invalidate(URL);
    assertEquals(1, evalshaCalls() - evalsBefore, "one script call");
    RedisEtagStore fresh = instance();
    for (String[] v : variants) assertNull(fresh.get(new CacheKey(URL, v[0], v[1])));
    assertNotNull(fresh.get(new CacheKey(URL + "/x", "alice", "application/json")));
  }

  private long evalshaCalls() {
    String info = redis.sync().info("commandstats");
    for (String line : info.split("\r?\n")) {
      if (line.startsWith("cmdstat_evalsha:")) {
        return Long.parseLong(line.replaceAll(".*calls=(\\d+).*", "$1"));
      }
    }
    return 0;
  }

  @Test
  void theBudgetEvictsTheLeastRecentlyUsedNotTheOldest() {
    RedisEtagStore s = instance(RedisEtagStore.builder(RedisServer.shared().uri())
        .maxBytes(50_000).frontMaxBytes(0));
    for (int i = 0; i < 4; i++) {
      s.put(new CacheKey(URL + i, "p", "a"), version("v" + i, 10_000));
    }
    assertNotNull(s.get(new CacheKey(URL + 0, "p", "a"))); // used: now the most recent
    s.put(new CacheKey(URL + 4, "p", "a"), version("v4", 10_000));
    s.put(new CacheKey(URL + 5, "p", "a"), version("v5", 10_000));
    assertNotNull(s.get(new CacheKey(URL + 0, "p", "a")), "used recently: kept");
    assertNull(s.get(new CacheKey(URL + 1, "p", "a")), "least recently used: evicted");
    assertNotNull(s.get(new CacheKey(URL + 5, "p", "a")));
    assertTrue(s.bytesInUse() <= 50_000);
    assertTrue(s.evictionCount() >= 2);
  }

  @Test
  void entriesAndIndexesExpireAfterTheTtl() {
    RedisEtagStore s = instance(RedisEtagStore.builder(RedisServer.shared().uri())
        .ttl(Duration.ofMinutes(5)));
    CacheKey key = new CacheKey(URL, "p", "a");
    s.put(key, version("v1", 10));
    for (byte[] k : keys()) {
      String name = new String(k, StandardCharsets.UTF_8);
      long ttl = redis.sync().pttl(k);
      if (name.startsWith(prefix + "e:") || name.startsWith(prefix + "u:")) {
        assertTrue(ttl > 0 && ttl <= 300_000, name + " " + ttl);
      }
    }
  }

  @Test
  void neitherTheUrlThePrincipalNorACredentialIsWrittenToRedis() {
    RedisEtagStore s = instance();
    CacheKey key = new CacheKey("http://h/v1/books/1?api_key=URLSECRET", "PRINCIPALHASH",
        "application/json");
    Headers headers = Headers.of("ETag", "\"v1\"", "Set-Cookie", "session=COOKIESECRET",
        "Authentication-Info", "nextnonce=NONCESECRET", "X-Rate", "7");
    s.put(key, new CachedResponse(ETag.strong("v1"), b("{\"title\":\"Dune\"}"), headers));
    StringBuilder everything = new StringBuilder();
    for (byte[] k : keys()) {
      everything.append(new String(k, StandardCharsets.ISO_8859_1)).append('\n');
      String type = redis.sync().type(k);
      if (type.equals("hash")) {
        for (Map.Entry<byte[], byte[]> e : redis.sync().hgetall(k).entrySet()) {
          everything.append(new String(e.getKey(), StandardCharsets.ISO_8859_1))
              .append(new String(e.getValue(), StandardCharsets.ISO_8859_1));
        }
      } else if (type.equals("set")) {
        redis.sync().smembers(k).forEach(m -> everything.append(new String(m, StandardCharsets.ISO_8859_1)));
      } else if (type.equals("zset")) {
        redis.sync().zrange(k, 0, -1).forEach(m -> everything.append(new String(m, StandardCharsets.ISO_8859_1)));
      }
    }
    String all = everything.toString();
    assertTrue(all.contains("Dune") && all.contains("X-Rate"), "the entry is there");
    for (String secret : List.of("URLSECRET", "books", "PRINCIPALHASH", "COOKIESECRET",
        "NONCESECRET")) {
      assertFalse(all.contains(secret), secret + " was written to Redis");
    }
    CachedResponse back = instance().get(key);
    assertNotNull(back);
    assertNull(back.headers().get("Set-Cookie"));
    assertEquals("7", back.headers().get("X-Rate"));
  }

  @Test
  void refreshedHeadersAreWrittenWithoutTheBody() {
    RedisEtagStore a = instance();
    CacheKey key = new CacheKey(URL, "p", "a");
    CachedResponse r = version("v1", 20_000);
    a.put(key, r);
    CachedResponse held = a.get(key);
    assertNotNull(held);
    CachedResponse refreshed = held.withHeaders(held.headers().newBuilder().set("X-Rate", "2").build());
    a.put(key, refreshed);
    assertEquals(1, a.stats().writes());
    assertEquals(1, a.stats().refreshes());
    CachedResponse seen = instance().get(key);
    assertNotNull(seen);
    assertEquals("2", seen.headers().get("X-Rate"));
    assertArrayEquals(r.body(), seen.body());
  }

  @Test
  void foreignAndCorruptValuesAreIgnoredThenOverwritten() {
    RedisEtagStore writer = instance();
    CacheKey key = new CacheKey(URL, "p", "a");
    CacheKey other = new CacheKey(URL, "q", "a");
    writer.put(other, version("q", 100));
    byte[] entry = entryKey(key);
    List<Runnable> garbage = List.of(
        () -> redis.sync().set(entry, b("not an entry")),
        () -> redis.sync().rpush(entry, b("a"), b("list")),
        () -> redis.sync().hset(entry, Map.of(b("m"), b("garbage"), b("b"), b("body"))),
        () -> { // another key's entry, copied whole: its digest does not match
          redis.sync().hset(entry, redis.sync().hgetall(entryKey(other)));
        },
        () -> { // this key's own entry with one body byte flipped
          writer.put(key, version("v1", 100));
          byte[] body = redis.sync().hget(entry, b("b"));
          body[50] ^= 1;
          redis.sync().hset(entry, b("b"), body);
        });
    for (Runnable g : garbage) {
      redis.sync().del(entry);
      g.run();
      RedisEtagStore reader = instance(RedisEtagStore.builder(RedisServer.shared().uri()).frontMaxBytes(0));
      assertNull(reader.get(key), "garbage is never served");
      assertEquals(1, reader.stats().foreign(), "counted as foreign");
      CachedResponse fresh = version("v2", 100);
      reader.put(key, fresh);
      assertSameEntry(fresh, reader.get(key));
    }
  }

  @Test
  void garbageInTheBookkeepingNeitherFailsNorDeletesKeysOutsideTheStore() {
    RedisEtagStore s = instance(RedisEtagStore.builder(RedisServer.shared().uri()).frontMaxBytes(0));
    CacheKey key = new CacheKey(URL, "p", "a");
    s.put(key, version("v1", 100));
    byte[] outside = b("{outside-" + prefix + "}");
    redis.sync().set(outside, b("keep me"));
    redis.sync().del(b(prefix + "lru"), b(prefix + "size"), b(prefix + "bytes"),
        b(prefix + "evictions"));
    redis.sync().set(b(prefix + "lru"), b("garbage"));
    redis.sync().rpush(b(prefix + "size"), b("garbage"));
    redis.sync().set(b(prefix + "bytes"), b("abc"));
    redis.sync().hset(b(prefix + "evictions"), b("x"), b("y"));
    byte[] index = b(prefix + "u:" + EntryCodec.urlDigest(URL));
    redis.sync().sadd(index, outside);
    assertSameEntry(version("v1", 100), s.get(key));
    s.put(key, version("v2", 100));
    assertSameEntry(version("v2", 100), s.get(key));
    s.invalidate(URL);
    assertNull(s.get(key));
    assertArrayEquals(b("keep me"), redis.sync().get(outside), "a key outside the store is never deleted");
    redis.sync().del(outside);
    s.put(key, version("v3", 100));
    assertTrue(s.bytesInUse() > 100);
    assertEquals(0, s.stats().failures());
  }

  @Test
  void anUnreachableRedisIsAMissWithinTheTimeoutThenTheBreakerStopsTrying() {
    int closedPort;
    try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    RedisEtagStore s = RedisEtagStore.builder("redis://127.0.0.1:" + closedPort)
        .timeout(Duration.ofMillis(300)).breaker(3, Duration.ofHours(1)).build();
    stores.add(s);
    CacheKey key = new CacheKey(URL, "p", "a");
    for (int i = 0; i < 20; i++) {
      long start = System.nanoTime();
      assertNull(s.get(new CacheKey(URL + i, "p", "a")));
      s.put(key, version("v" + i, 100));
      s.invalidate(URL + i);
      assertTrue(System.nanoTime() - start < Duration.ofMillis(3 * 300 + 1500).toNanos());
    }
    assertSameEntry(version("v19", 100), s.get(key)); // the front cache goes on
    RedisEtagStore.Stats stats = s.stats();
    assertEquals(3, stats.failures(), stats.toString());
    assertTrue(stats.breakerOpen());
    assertEquals(1, stats.breakerOpens());
    assertTrue(stats.skipped() >= 50, stats.toString());
    assertEquals(-1, s.bytesInUse());
  }

  @Test
  void theBreakerClosesWhenRedisAnswersAgain() {
    int port = RedisServer.freePort();
    RedisEtagStore s = RedisEtagStore.builder("redis://127.0.0.1:" + port).prefix(prefix)
        .frontMaxBytes(0).timeout(Duration.ofMillis(500)).breaker(1, Duration.ofMillis(50))
        .build();
    stores.add(s);
    CacheKey key = new CacheKey(URL, "p", "a");
    s.put(key, version("v1", 100));
    assertTrue(s.stats().breakerOpen(), s.toString());
    try (RedisServer back = RedisServer.start(port)) {
      assertTrue(back.port() == port, "the server is back on the store's port");
      long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
      while (s.stats().breakerOpen() && System.nanoTime() < deadline) {
        s.get(key); // skipped while open; the first call after 50 ms probes
      }
      assertFalse(s.stats().breakerOpen(), "closed by a probe: " + s);
      s.put(key, version("v2", 100));
      assertSameEntry(version("v2", 100), s.get(key));
      assertTrue(s.stats().redisHits() >= 1);
      s.close();
    }
  }

  /** ACL SETUSER, as an operator types it. */
  private void acl(String... args) {
    io.lettuce.core.protocol.CommandArgs<byte[], byte[]> a =
        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.ByteArrayCodec.INSTANCE);
    for (String arg : args) a.add(arg);
    redis.sync().dispatch(io.lettuce.core.protocol.CommandType.ACL,
        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.ByteArrayCodec.INSTANCE), a);
  }

  @Test
  void anInvalidationRedisRefusedIsReplayedWhenItAnswersAgain() {
    String user = "etag-" + Integer.toHexString(prefix.hashCode());
    // The README's ACL: the store's prefix and commands only.
    acl("SETUSER", user, "on", ">pw-" + user, "~" + prefix + "*", "+evalsha", "+eval", "+get",
        "+scan", "+unlink", "+ping", "+hello", "+type", "+del", "+set", "+time", "+pexpire",
        "+hget", "+hset", "+hdel", "+hmget", "+hexists", "+sadd", "+smembers", "+zadd", "+zrem",
        "+zrange");
    try {
      RedisEtagStore other = instance();
      RedisEtagStore s = instance(RedisEtagStore.builder(
          "redis://" + user + ":pw-" + user + "@127.0.0.1:" + RedisServer.shared().port()));
      CacheKey key = new CacheKey(URL, "p", "a");
      s.put(key, version("v1", 100));
      assertNotNull(instance().get(key), "written through the ACL user");
      assertTrue(s.bytesInUse() > 100);
      s.invalidateAll();
      assertNull(instance().get(key), "cleared through the ACL user");
      s.put(key, version("v1", 100));
      assertEquals(0, s.stats().failures(), "the README's ACL is enough: " + s);

      acl("SETUSER", user, "-evalsha", "-eval");
      s.invalidate(URL);
      assertEquals(1, s.stats().failures(), "refused");
      assertNotNull(other.get(key), "still in Redis");
      acl("SETUSER", user, "+evalsha", "+eval");
      assertNull(s.get(new CacheKey(URL + "/other", "p", "a"))); // any call replays first
      assertNull(instance().get(key), "the invalidation reached Redis");
    } finally {
      redis.sync().aclDeluser(user);
    }
  }

  @Test
  void badSettingsAreRefused() {
    RedisEtagStore.Builder b = RedisEtagStore.builder("redis://127.0.0.1:1");
    assertThrows(IllegalArgumentException.class, () -> b.maxBytes(0));
    assertThrows(IllegalArgumentException.class, () -> b.timeout(Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> b.breaker(0, Duration.ofSeconds(1)));
    assertThrows(IllegalArgumentException.class, () -> b.frontMaxBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> b.prefix(" "));
    assertThrows(NullPointerException.class, () -> RedisEtagStore.builder((String) null));
    assertThrows(IllegalArgumentException.class, () -> RedisEtagStore.builder("http://x"));
  }
}
