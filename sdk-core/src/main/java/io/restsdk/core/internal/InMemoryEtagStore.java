package io.restsdk.core.internal;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.EtagStore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The default in-memory {@link EtagStore}: least recently used entries go first once the byte
 * budget is exceeded. Entries are grouped by URL so that a write invalidates every principal's
 * copy in one step.
 *
 * <p>Sixteen stripes by URL, each a {@link LinkedHashMap} in access order guarded by its own
 * monitor, held for one lookup or store, so that threads reading other URLs do not wait on each
 * other. The bytes held are counted across stripes; a store that takes them over the budget
 * evicts, before it returns, the least recently used entry of all (the oldest of the stripes'
 * oldest) until they fit again. A lookup or store costs one monitor and one hash lookup: no read
 * or write buffers and no maintenance, which in a general-purpose concurrent cache costs more per
 * write than the rest of a small request.
 *
 * <pre>{@code
 * EtagStore store = new InMemoryEtagStore(32L << 20);
 * store.put(key, response);
 * CachedResponse r = store.get(key);
 * }</pre>
 */
public final class InMemoryEtagStore implements EtagStore {
  private static final int STRIPE_BITS = 4;
  private static final int STRIPES = 1 << STRIPE_BITS;

  private final long maxBytes;
  private final Stripe[] stripes = new Stripe[STRIPES];
  /** The bytes held: a sum of cells, so that threads storing at once do not contend on one. */
  private final LongAdder bytes = new LongAdder();
  private final LongAdder evictions = new LongAdder();

  /** A store holding at most {@code maxBytes} (body bytes + headers + overhead). */
  public InMemoryEtagStore(long maxBytes) {
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    this.maxBytes = maxBytes;
    for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
  }

  @Override
  public @Nullable CachedResponse get(CacheKey key) {
    Stripe s = stripe(key.url());
    synchronized (s) {
      Variants v = s.byUrl.get(key.url()); // moves it to the most recently used end
      if (v == null) return null;
      v.used = System.nanoTime();
      return v.byVariant.get(new Variant(key.principal(), key.accept()));
    }
  }

  @Override
  public void put(CacheKey key, CachedResponse response) {
    String url = key.url();
    long weight = response.weight(); // sums the headers' lengths: once
    if (weight + url.length() > maxBytes) {
      invalidate(url); // too large to keep: never leave an older body behind
      return;
    }
    Variant variant = new Variant(key.principal(), key.accept());
    Variants now = new Variants(url, variant, response, weight); // the usual case: one per URL
    Stripe s = stripe(url);
    long grown;
    synchronized (s) {
      Variants old = s.byUrl.put(url, now); // one lookup where the URL had no other variant
      if (old != null && !(old.byVariant.size() == 1 && old.byVariant.containsKey(variant))) {
        Map<Variant, CachedResponse> m = new HashMap<>(old.byVariant);
        m.put(variant, response);
        now = new Variants(url, m);
        s.byUrl.put(url, now);
      }
      grown = now.weight - (old == null ? 0 : old.weight);
    }
    bytes.add(grown);
    if (grown > 0 && bytes.sum() > maxBytes) evict();
  }

  /** Evicts the least recently used entry of all until the bytes fit the budget. */
  private void evict() {
    while (bytes.sum() > maxBytes) {
      Stripe oldest = null;
      long oldestUse = Long.MAX_VALUE;
      for (Stripe s : stripes) {
        synchronized (s) {
          Iterator<Variants> it = s.byUrl.values().iterator();
          if (it.hasNext()) {
            long used = it.next().used;
            if (oldest == null || used - oldestUse < 0) {
              oldest = s;
              oldestUse = used;
            }
          }
        }
      }
      if (oldest == null) return; // nothing left: another thread emptied the store
      synchronized (oldest) {
        Iterator<Variants> it = oldest.byUrl.values().iterator();
        if (it.hasNext()) {
          Variants v = it.next();
          it.remove();
          bytes.add(-v.weight);
          evictions.increment();
        }
      }
    }
  }

  @Override
  public void invalidate(String url) {
    Stripe s = stripe(url);
    Variants v;
    synchronized (s) {
      v = s.byUrl.remove(url);
    }
    if (v != null) bytes.add(-v.weight);
  }

  @Override
  public void invalidateAll() {
    for (Stripe s : stripes) {
      long freed = 0;
      synchronized (s) {
        for (Variants v : s.byUrl.values()) freed += v.weight;
        s.byUrl.clear();
      }
      bytes.add(-freed);
    }
  }

  @Override
  public long bytesInUse() {
    return bytes.sum();
  }

  @Override
  public long evictionCount() {
    return evictions.sum();
  }

  /**
   * The stripe of a URL, from the top bits of a multiplicative hash: the maps inside index by the
   * low bits, and a stripe chosen by those would leave all but one in sixteen of its buckets empty.
   */
  private Stripe stripe(String url) {
    return stripes[(url.hashCode() * 0x9E3779B9) >>> (32 - STRIPE_BITS)];
  }

  /** One stripe: its URLs' entries, least recently used first. */
  private static final class Stripe {
    final LinkedHashMap<String, Variants> byUrl = new LinkedHashMap<>(16, 0.75f, true);
    // 64 bytes after the lock word and the map: stripes allocated one after the other do not
    // share a cache line, so threads locking different stripes do not take it from each other
    long p0, p1, p2, p3, p4, p5, p6, p7;
  }

  /** Equality written out: a record's generated one goes through a method handle per call. */
  private record Variant(String principal, String accept) {
    @Override
    public boolean equals(Object o) {
      return o instanceof Variant v && principal.equals(v.principal) && accept.equals(v.accept);
    }

    @Override
    public int hashCode() {
      return 31 * principal.hashCode() + accept.hashCode();
    }
  }

  /** A URL's entry: its variants, their weight, and when it was last used (under its lock). */
  private static final class Variants {
    final Map<Variant, CachedResponse> byVariant;
    final long weight;
    long used = System.nanoTime(); // written and read under the stripe's monitor

    /** The one variant of a URL. */
    Variants(String url, Variant variant, CachedResponse response, long responseWeight) {
      this.byVariant = Map.of(variant, response);
      this.weight = url.length() + 32L + responseWeight;
    }

    Variants(String url, Map<Variant, CachedResponse> byVariant) {
      this.byVariant = Map.copyOf(byVariant);
      long w = url.length() + 32L;
      for (CachedResponse r : byVariant.values()) w += r.weight();
      this.weight = w;
    }
  }
}
