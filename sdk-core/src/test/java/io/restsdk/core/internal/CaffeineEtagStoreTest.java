package io.restsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

class CaffeineEtagStoreTest {
  private static final String URL = "http://h/v1/books/1";

  private static CachedResponse body(String tag, int size) {
    return new CachedResponse(ETag.strong(tag), new byte[size], Headers.of("ETag", "\"" + tag + "\""));
  }

  @Test
  void aSecondStoreOfTheSameVariantReplacesTheFirstAndItsWeight() {
    CaffeineEtagStore store = new CaffeineEtagStore(1 << 20);
    CacheKey key = new CacheKey(URL, "p1", "application/json");
    store.put(key, body("v1", 1000));
    long one = store.bytesInUse();
    CachedResponse v2 = body("v2", 1000);
    store.put(key, v2);
    assertSame(v2, store.get(key));
    assertEquals(one, store.bytesInUse(), "one body held, not two");
  }

  @Test
  void variantsOfOneUrlAreKeptApartAndInvalidatedTogether() {
    CaffeineEtagStore store = new CaffeineEtagStore(1 << 20);
    CacheKey alice = new CacheKey(URL, "alice", "application/json");
    CacheKey bob = new CacheKey(URL, "bob", "application/json");
    CacheKey bobXml = new CacheKey(URL, "bob", "application/xml");
    CachedResponse a = body("a", 10);
    CachedResponse b = body("b", 10);
    CachedResponse x = body("x", 10);
    store.put(alice, a);
    store.put(bob, b);
    store.put(bobXml, x);
    CachedResponse a2 = body("a2", 10);
    store.put(alice, a2);
    assertSame(a2, store.get(alice));
    assertSame(b, store.get(bob));
    assertSame(x, store.get(bobXml));
    store.invalidate(URL);
    assertNull(store.get(alice));
    assertNull(store.get(bob));
    assertNull(store.get(bobXml));
    assertEquals(0, store.bytesInUse());
  }

  @Test
  void aBodyOverTheBudgetIsNotKeptAndDropsTheOlderOne() {
    CaffeineEtagStore store = new CaffeineEtagStore(4096);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    store.put(key, body("small", 100));
    store.put(key, body("huge", 8192));
    assertNull(store.get(key));
  }

  @Test
  void concurrentStoresOfOneUrlLeaveOneWholeEntry() throws Exception {
    CaffeineEtagStore store = new CaffeineEtagStore(1 << 20);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    int threads = 4;
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 2000; i++) store.put(key, body(id + "-" + i, 500));
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
    CachedResponse last = store.get(key);
    assertTrue(last != null && last.etag().opaqueTag().endsWith("-1999"), String.valueOf(last));
    store.put(key, body("single", 500));
    long single = store.bytesInUse();
    assertTrue(single > 500 && single < 1000, "the budget counts one entry: " + single);
  }

  @Test
  void aNewVersionOfAboutTheSameSizeReplacesTheOldAndTheCountStaysAnUpperBound() {
    CaffeineEtagStore store = new CaffeineEtagStore(1 << 20);
    CacheKey key = new CacheKey(URL, "p1", "application/json");
    store.put(key, body("v1", 1000));
    long one = store.bytesInUse();
    long held = URL.length() + body("v1", 1000).weight();
    assertTrue(one >= held && one <= held + held / 8 + 100, "counted " + one + " for " + held);
    for (int size : new int[] {1010, 990, 1050}) {
      CachedResponse next = body("v" + size, size);
      store.put(key, next);
      assertSame(next, store.get(key), "the newest version is the one held");
      assertTrue(store.bytesInUse() >= URL.length() + next.weight(), "never under what is held");
    }
  }

  @Test
  void aBodyMuchLargerOrSmallerIsCountedAnew() {
    CaffeineEtagStore store = new CaffeineEtagStore(1 << 20);
    CacheKey key = new CacheKey(URL, "p1", "application/json");
    store.put(key, body("v1", 1000));
    long small = store.bytesInUse();
    store.put(key, body("v2", 10_000));
    long large = store.bytesInUse();
    assertTrue(large >= 10_000 && large > small, small + " then " + large);
    store.put(key, body("v3", 100));
    assertTrue(store.bytesInUse() < small, "shrunk to " + store.bytesInUse());
  }

  @Test
  void aBodyJustUnderTheBudgetIsKept() {
    CacheKey key = new CacheKey(URL, "p1", "application/json");
    CachedResponse r = body("v1", 9_000);
    CaffeineEtagStore store = new CaffeineEtagStore(r.weight() + URL.length() + 32);
    store.put(key, r);
    assertSame(r, store.get(key), "the rounding of its weight does not push it out");
  }
}
