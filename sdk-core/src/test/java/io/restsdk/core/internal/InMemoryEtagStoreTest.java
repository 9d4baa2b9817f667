package io.restsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InMemoryEtagStoreTest {
  private static final String URL = "http://h/v1/books/1";

  private static CachedResponse body(String tag, int size) {
    return new CachedResponse(ETag.strong(tag), new byte[size], Headers.of("ETag", "\"" + tag + "\""));
  }

  @Test
  void aSecondStoreOfTheSameVariantReplacesTheFirstAndItsWeight() {
    InMemoryEtagStore store = new InMemoryEtagStore(1 << 20);
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
    InMemoryEtagStore store = new InMemoryEtagStore(1 << 20);
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
    InMemoryEtagStore store = new InMemoryEtagStore(4096);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    store.put(key, body("small", 100));
    store.put(key, body("huge", 8192));
    assertNull(store.get(key));
  }

  @Test
  void concurrentStoresOfOneUrlLeaveOneWholeEntry() throws Exception {
    InMemoryEtagStore store = new InMemoryEtagStore(1 << 20);
    CacheKey key = new CacheKey(URL, "p", "application/json");
    together(4, id -> {
      for (int i = 0; i < 2000; i++) store.put(key, body(id + "-" + i, 500));
    });
    CachedResponse last = store.get(key);
    assertTrue(last != null && last.etag().opaqueTag().endsWith("-1999"), String.valueOf(last));
    store.put(key, body("single", 500));
    long single = store.bytesInUse();
    assertTrue(single > 500 && single < 1000, "the budget counts one entry: " + single);
  }

  @Test
  void aBodyMuchLargerOrSmallerIsCountedAnew() {
    InMemoryEtagStore store = new InMemoryEtagStore(1 << 20);
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
    InMemoryEtagStore store = new InMemoryEtagStore(r.weight() + URL.length() + 32);
    store.put(key, r);
    assertSame(r, store.get(key), "the rounding of its weight does not push it out");
  }

  @Test
  void theLeastRecentlyUsedEntryOfAllStripesGoesFirst() {
    long one = URL.length() + 32 + body("x", 1000).weight();
    InMemoryEtagStore store = new InMemoryEtagStore(3 * one + 10); // room for three
    CacheKey a = new CacheKey(URL + "/a", "p", "application/json");
    CacheKey b = new CacheKey(URL + "/b", "p", "application/json");
    CacheKey c = new CacheKey(URL + "/c", "p", "application/json");
    CacheKey d = new CacheKey(URL + "/d", "p", "application/json");
    store.put(a, body("a", 1000));
    store.put(b, body("b", 1000));
    store.put(c, body("c", 1000));
    store.get(a); // a is now used more recently than b
    store.put(d, body("d", 1000));
    assertNull(store.get(b), "b was the least recently used");
    for (CacheKey k : List.of(a, c, d)) assertTrue(store.get(k) != null, k.url());
    assertEquals(1, store.evictionCount());
  }

  @Test
  void entriesReadAgainOutliveThoseNeverReadAcrossManyUrls() {
    long one = URL.length() + 3 + 32 + body("v99", 1000).weight();
    InMemoryEtagStore store = new InMemoryEtagStore(20 * one);
    for (int i = 0; i < 20; i++) store.put(key(i), body("v" + i, 1000));
    for (int i = 0; i < 3; i++) assertTrue(store.get(key(i)) != null);
    for (int i = 20; i < 37; i++) store.put(key(i), body("v" + i, 1000));
    for (int i = 0; i < 3; i++) assertTrue(store.get(key(i)) != null, "read again: " + i);
    for (int i = 3; i < 20; i++) assertNull(store.get(key(i)), "never read again: " + i);
    assertTrue(store.bytesInUse() <= 20 * one, "bytes " + store.bytesInUse());
  }

  @Test
  void threadsFillingAFullStoreAtOnceLoseNoEntryAndKeepTheBudget() throws Exception {
    long one = URL.length() + 8 + 32 + body("t0-0000", 200).weight();
    InMemoryEtagStore store = new InMemoryEtagStore(50 * one);
    int threads = 4;
    int each = 2000;
    together(threads, id -> {
      for (int i = 0; i < each; i++) {
        String name = String.format("t%d-%04d", id, i);
        store.put(new CacheKey(URL + "/" + name, "p", "j"), body(name, 200));
        if (i > 0) store.get(new CacheKey(URL + String.format("/t%d-%04d", id, i - 1), "p", "j"));
      }
    });
    long held = store.bytesInUse() / one;
    assertEquals(0, store.bytesInUse() % one, "whole entries only: " + store.bytesInUse());
    assertTrue(held <= 50 && held >= 40, "held " + held);
    assertEquals(threads * each - held, store.evictionCount(), "every store is held or evicted");
  }

  @ParameterizedTest
  @ValueSource(longs = {1, 2, 3, 4, 5})
  void aFullStoreKeepsTheMostRecentlyUsedAcrossStripesThroughManyEvictions(long seed) {
    // Forty URLs spread over the sixteen stripes, room for ten: every store past the first ten
    // evicts. Reads, stores and invalidations in a random order, on a clock that ticks once per
    // use; a model LRU says which must be left.
    long one = URL.length() + 3 + 32 + body("v00", 1000).weight();
    AtomicLong ticks = new AtomicLong();
    InMemoryEtagStore store = new InMemoryEtagStore(10 * one + one / 2, ticks::incrementAndGet);
    LinkedHashMap<Integer, Boolean> model = new LinkedHashMap<>(16, 0.75f, true);
    Random random = new Random(seed);
    long evicted = 0;
    for (int op = 0; op < 3000; op++) {
      int i = random.nextInt(40);
      int what = random.nextInt(10);
      if (what < 4) {
        boolean held = store.get(fixedKey(i)) != null;
        assertEquals(model.get(i) != null, held, "op " + op + ": get " + i);
      } else if (what < 9) {
        store.put(fixedKey(i), body(String.format("v%02d", i), 1000));
        model.put(i, true);
        if (model.size() > 10) {
          model.remove(model.keySet().iterator().next());
          evicted++;
        }
      } else {
        store.invalidate(fixedKey(i).url());
        model.remove(i);
      }
      assertTrue(store.bytesInUse() <= 10 * one + one / 2, "op " + op);
    }
    assertEquals(evicted, store.evictionCount());
    assertEquals(model.size() * one, store.bytesInUse());
  }

  /** Runs {@code work} on {@code threads} threads that start together; fails if any fails. */
  private static void together(int threads, IntConsumer work) throws Exception {
    CyclicBarrier start = new CyclicBarrier(threads);
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int id = t;
        done.add(pool.submit(() -> {
          start.await();
          work.accept(id);
          return null;
        }));
      }
      for (Future<?> f : done) f.get();
    } finally {
      pool.shutdownNow();
    }
  }

  private static CacheKey fixedKey(int i) {
    return new CacheKey(URL + String.format("/%02d", i), "p", "j");
  }

  private static CacheKey key(int i) {
    return new CacheKey(URL + "/" + i, "p", "j");
  }

  @Test
  void aBudgetThatIsNotPositiveIsRefused() {
    assertThrows(IllegalArgumentException.class, () -> new InMemoryEtagStore(0));
  }
}
