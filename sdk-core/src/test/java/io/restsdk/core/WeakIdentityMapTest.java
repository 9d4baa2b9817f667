package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class WeakIdentityMapTest {
  @Test
  void keysAreComparedByIdentityNotContent() {
    WeakIdentityMap<byte[], String> m = new WeakIdentityMap<>();
    byte[] a = {1, 2, 3};
    byte[] b = {1, 2, 3};
    m.put(a, "a");
    assertEquals("a", m.get(a));
    assertNull(m.get(b), "an equal array is another key");
    m.put(b, "b");
    m.put(a, "a2");
    assertEquals("a2", m.get(a));
    assertEquals("b", m.get(b));
    assertEquals(2, m.size());
    m.remove(new byte[] {1, 2, 3});
    assertEquals(2, m.size(), "an equal array removes nothing");
    m.remove(a);
    assertNull(m.get(a));
    assertEquals("b", m.get(b));
    assertEquals(1, m.size());
  }

  @Test
  void computeIfAbsentComputesOncePerKey() {
    WeakIdentityMap<Object, List<String>> m = new WeakIdentityMap<>();
    Object k = new Object();
    List<String> first = m.computeIfAbsent(k, x -> new ArrayList<>());
    assertSame(first, m.computeIfAbsent(k, x -> new ArrayList<>()));
  }

  @Test
  void anEntryGoesWhenItsKeyIsCollected() {
    WeakIdentityMap<byte[], String> m = new WeakIdentityMap<>();
    byte[] kept = new byte[16];
    m.put(kept, "kept");
    for (int i = 0; i < 100; i++) m.put(new byte[1024], "dropped " + i);
    for (int i = 0; i < 50 && m.size() > 1; i++) System.gc();
    assertEquals(1, m.size(), "only the entry whose key is still held is left");
    assertEquals("kept", m.get(kept));
  }

  @Test
  void threadsSharingTheMapFindWhatTheyPut() throws Exception {
    WeakIdentityMap<Object, Integer> m = new WeakIdentityMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 20_000; i++) {
            Object k = new Object();
            m.put(k, i);
            assertEquals(i, m.get(k));
          }
          return null;
        }));
      }
      start.countDown();
      for (Future<?> f : done) f.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }
  }
}
