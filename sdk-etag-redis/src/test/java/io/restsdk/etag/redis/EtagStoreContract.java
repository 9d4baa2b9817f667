package io.restsdk.etag.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import io.restsdk.core.EtagStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.Headers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link EtagStore} must do, run against the in-memory store and the Redis store
 * alike: put and get, replacing, invalidation across principals and {@code Accept}s, the byte
 * budget, and concurrent writers on one key (never a torn entry).
 */
abstract class EtagStoreContract {
  static final String URL = "http://h/v1/books/1";
  static final String OTHER = "http://h/v1/books/2";

  private final List<EtagStore> made = new ArrayList<>();

  /** A new, empty store holding at most {@code maxBytes}. */
  abstract EtagStore create(long maxBytes);

  final EtagStore store(long maxBytes) {
    EtagStore s = create(maxBytes);
    made.add(s);
    return s;
  }

  @AfterEach
  void closeStores() throws Exception {
    for (EtagStore s : made) {
      if (s instanceof AutoCloseable c) c.close();
    }
  }

  /** A response whose body is derived from its tag, so a torn entry shows. */
  static CachedResponse version(String tag, int size) {
    byte[] body = new byte[size];
    Arrays.fill(body, (byte) tag.hashCode());
    byte[] t = tag.getBytes(StandardCharsets.UTF_8);
    System.arraycopy(t, 0, body, 0, Math.min(t.length, size));
    return new CachedResponse(ETag.strong(tag), body,
        Headers.of("ETag", "\"" + tag + "\"", "Content-Type", "application/json"));
  }

  static boolean whole(CachedResponse r) {
    CachedResponse expected = version(r.etag().opaqueTag(), r.body().length);
    return Arrays.equals(expected.body(), r.body())
        && r.headers().get("ETag").equals(r.etag().headerValue());
  }

  static void assertSameEntry(CachedResponse expected, CachedResponse actual) {
    assertNotNull(actual, "no entry");
    assertEquals(expected.etag(), actual.etag());
    assertArrayEquals(expected.body(), actual.body());
    assertEquals(expected.headers(), actual.headers());
  }

  @Test
  void anAbsentKeyIsNull() {
    assertNull(store(1 << 20).get(new CacheKey(URL, "p", "application/json")));
  }

  @Test
  void aStoredEntryComesBackWithItsTagBodyAndHeaders() {
    EtagStore store = store(1 << 20);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    CachedResponse r = version("v1", 1000);
    store.put(key, r);
    assertSameEntry(r, store.get(key));
    assertTrue(store.bytesInUse() >= 1000, "bytes in use: " + store.bytesInUse());
  }

  @Test
  void aSecondStoreOfTheSameKeyReplacesTheFirstAndItsWeight() {
    EtagStore store = store(1 << 20);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    store.put(key, version("v1", 1000));
    long one = store.bytesInUse();
    CachedResponse v2 = version("v2", 1000);
    store.put(key, v2);
    assertSameEntry(v2, store.get(key));
    assertEquals(one, store.bytesInUse(), "one body held, not two");
  }

  @Test
  void variantsOfOneUrlAreKeptApartAndInvalidatedTogether() {
    EtagStore store = store(1 << 20);
    CacheKey alice = new CacheKey(URL, "alice", "application/json");
    CacheKey bob = new CacheKey(URL, "bob", "application/json");
    CacheKey bobXml = new CacheKey(URL, "bob", "application/xml");
    CacheKey other = new CacheKey(OTHER, "alice", "application/json");
    CachedResponse a = version("a", 10);
    CachedResponse b = version("b", 10);
    CachedResponse x = version("x", 10);
    CachedResponse o = version("o", 10);
    store.put(alice, a);
    store.put(bob, b);
    store.put(bobXml, x);
    store.put(other, o);
    assertSameEntry(a, store.get(alice));
    assertSameEntry(b, store.get(bob));
    assertSameEntry(x, store.get(bobXml));
    long withOther = store.bytesInUse();
    store.invalidate(URL);
    assertNull(store.get(alice));
    assertNull(store.get(bob));
    assertNull(store.get(bobXml));
    assertSameEntry(o, store.get(other));
    long left = store.bytesInUse();
    assertTrue(left > 0 && left < withOther / 2, left + " of " + withOther);
    store.invalidate(OTHER);
    assertEquals(0, store.bytesInUse());
  }

  @Test
  void invalidateAllRemovesEveryEntry() {
    EtagStore store = store(1 << 20);
    for (int i = 0; i < 10; i++) {
      store.put(new CacheKey(URL + i, "p" + i % 3, "application/json"), version("v" + i, 100));
    }
    store.invalidateAll();
    for (int i = 0; i < 10; i++) {
      assertNull(store.get(new CacheKey(URL + i, "p" + i % 3, "application/json")));
    }
    assertEquals(0, store.bytesInUse());
  }

  @Test
  void theBudgetHoldsTheStoreWithinItsBytes() {
    long budget = 64 * 1024;
    EtagStore store = store(budget);
    for (int i = 0; i < 20; i++) {
      store.put(new CacheKey(URL + "/" + i, "p", "application/json"), version("v" + i, 10_000));
    }
    assertTrue(store.bytesInUse() <= budget, "within the budget: " + store.bytesInUse());
    assertTrue(store.bytesInUse() >= 30_000, "still holding entries: " + store.bytesInUse());
    assertTrue(store.evictionCount() >= 14, "evictions: " + store.evictionCount());
    int held = 0;
    for (int i = 0; i < 20; i++) {
      CachedResponse r = store.get(new CacheKey(URL + "/" + i, "p", "application/json"));
      if (r != null) {
        assertEquals("v" + i, r.etag().opaqueTag());
        held++;
      }
    }
    assertTrue(held >= 3 && held <= 6, "entries held: " + held);
  }

  @Test
  void aBodyOverTheBudgetIsNotKeptAndDropsTheOlderOne() {
    EtagStore store = store(4096);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    store.put(key, version("small", 100));
    store.put(key, version("huge", 8192));
    assertNull(store.get(key));
  }

  @Test
  void concurrentWritersOnOneKeyNeverLeaveATornEntry() throws Exception {
    EtagStore store = store(1 << 20);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    int writers = 4;
    int readers = 2;
    CyclicBarrier start = new CyclicBarrier(writers + readers);
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicInteger seen = new AtomicInteger();
    // Writers wait halfway until every reader has seen an entry, so that reads overlap writes
    // however fast the store is (without it, the writes could all end before a reader ran).
    java.util.concurrent.CountDownLatch readersSawOne =
        new java.util.concurrent.CountDownLatch(readers);
    ExecutorService pool = Executors.newFixedThreadPool(writers + readers);
    try {
      List<Future<?>> writes = new ArrayList<>();
      List<Future<?>> reads = new ArrayList<>();
      for (int t = 0; t < writers; t++) {
        int id = t;
        writes.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 300; i++) {
            store.put(key, version(id + "-" + i, 500 + 100 * id));
            if (i == 150) readersSawOne.await(30, java.util.concurrent.TimeUnit.SECONDS);
          }
          return null;
        }));
      }
      for (int t = 0; t < readers; t++) {
        reads.add(pool.submit(() -> {
          start.await();
          boolean sawOne = false;
          while (writing.get()) {
            CachedResponse r = store.get(key);
            if (r != null) {
              assertTrue(whole(r), "torn: " + r);
              seen.incrementAndGet();
              if (!sawOne) {
                sawOne = true;
                readersSawOne.countDown();
              }
            }
          }
          return null;
        }));
      }
      for (Future<?> f : writes) f.get();
      writing.set(false);
      for (Future<?> f : reads) f.get();
    } finally {
      pool.shutdownNow();
    }
    CachedResponse last = store.get(key);
    assertNotNull(last);
    assertTrue(whole(last), "torn: " + last);
    assertTrue(last.etag().opaqueTag().endsWith("-299"), "a last write wins: " + last);
    assertTrue(seen.get() > 0, "the readers saw entries");
    store.put(key, version("single", 500));
    long single = store.bytesInUse();
    assertTrue(single > 500 && single < 1500, "the budget counts one entry: " + single);
  }
}
