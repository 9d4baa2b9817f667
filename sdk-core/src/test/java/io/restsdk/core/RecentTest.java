package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RecentTest {
  @Test
  void aStoredValueIsFoundByAnEqualKeyUntilItsSlotIsTaken() {
    Recent<String, Integer> r = new Recent<>(1);
    assertNull(r.get("a"));
    r.put("a", 1);
    assertEquals(1, r.get(new String("a")));
    r.put("b", 2); // one slot: b takes it
    assertNull(r.get("a"));
    assertEquals(2, r.get("b"));
  }

  @Test
  void manyKeysKeepAtMostTheSlotCount() {
    Recent<Integer, Integer> r = new Recent<>(8);
    for (int i = 0; i < 1000; i++) r.put(i, i * 2);
    int found = 0;
    for (int i = 0; i < 1000; i++) {
      Integer v = r.get(i);
      if (v != null) {
        assertEquals(i * 2, v);
        found++;
      }
    }
    assertTrue(found <= 8, "found " + found);
  }

  @Test
  void aSizeThatIsNoPowerOfTwoOrNullsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> new Recent<String, String>(12));
    assertThrows(IllegalArgumentException.class, () -> new Recent<String, String>(0));
    Recent<String, String> r = new Recent<>(4);
    assertThrows(NullPointerException.class, () -> r.put(null, "x"));
    assertThrows(NullPointerException.class, () -> r.put("x", null));
  }

  @Test
  void threadsRacingNeverSeeAValueUnderAnotherKey() throws Exception {
    Recent<Integer, String> r = new Recent<>(4);
    ExecutorService pool = Executors.newFixedThreadPool(4);
    CountDownLatch start = new CountDownLatch(1);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        int seed = t;
        done.add(pool.submit(() -> {
          start.await();
          for (int i = 0; i < 200_000; i++) {
            int k = (i * 7 + seed) % 64;
            String v = r.get(k);
            if (v != null) assertEquals("v" + k, v);
            else r.put(k, "v" + k);
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
