package io.restsdk.core.internal;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.EtagStore;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
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
 * oldest) until they fit again. Each stripe remembers when its oldest entry was last used, and
 * is locked to read it again only when its entries changed since, so that in a full store an
 * eviction takes one or two monitors besides the store's own, not all sixteen. A lookup or store
 * costs one monitor and one hash lookup: no read or write buffers and no maintenance, which in a
 * general-purpose concurrent cache costs more per write than the rest of a small request.
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
  /**
   * The bytes held. One counter, not a {@code LongAdder}: every store that grows the store reads
   * the total, and a sum of cells would read every cell that other threads write.
   */
  private final AtomicLong bytes = new AtomicLong();
  private final LongAdder evictions = new LongAdder();
  private final LongSupplier clock;

  /** A store holding at most {@code maxBytes} (body bytes + headers + overhead). */
  public InMemoryEtagStore(long maxBytes) {
    this(maxBytes, System::nanoTime);
  }

  /** As {@link #InMemoryEtagStore(long)}, with the clock that orders uses (tests tick it). */
  InMemoryEtagStore(long maxBytes, LongSupplier clock) {
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    this.maxBytes = maxBytes;
    this.clock = clock;
    for (int i = 0; i < STRIPES; i++) stripes[i] = new Stripe();
  }

  @Override
  public @Nullable CachedResponse get(CacheKey key) {
    Stripe s = stripe(key.url());
    synchronized (s) {
      Variants v = s.byUrl.get(key.url()); // moves it to the most recently used end
      if (v == null) return null;
      v.used = clock.getAsLong();
      s.changed();
      return v.of(key.principal(), key.accept());
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
    // the usual case: one variant per URL
    Variants now = new Variants(url, key.principal(), key.accept(), response, weight,
        clock.getAsLong());
    Stripe s = stripe(url);
    long grown;
    synchronized (s) {
      Variants old = s.byUrl.put(url, now); // one lookup where the URL had no other variant
      s.changed();
      if (old != null && !old.isOnly(key.principal(), key.accept())) {
        Map<Variant, CachedResponse> m = old.all();
        m.put(new Variant(key.principal(), key.accept()), response);
        now = new Variants(url, m, now.used);
        s.byUrl.put(url, now);
      }
      grown = now.weight - (old == null ? 0 : old.weight);
    }
    long held = bytes.addAndGet(grown);
    if (grown > 0 && held > maxBytes) evict();
  }

  /**
   * Evicts the least recently used entry of all until the bytes fit the budget. Each stripe
   * remembers when its oldest entry was last used; only a stripe whose entries changed since is
   * locked to read it again, so that an eviction in a full store takes one or two monitors, not
   * all sixteen.
   */
  private void evict() {
    while (bytes.get() > maxBytes) {
      Stripe oldest = null;
      long oldestUse = 0;
      for (Stripe s : stripes) {
        if (s.changed) {
          synchronized (s) {
            s.readOldest();
          }
        }
        if (!s.hasOldest) continue;
        long used = s.oldestUse;
        if (oldest == null || used - oldestUse < 0) {
          oldest = s;
          oldestUse = used;
        }
      }
      if (oldest == null) return; // nothing left: another thread emptied the store
      synchronized (oldest) {
        Iterator<Variants> it = oldest.byUrl.values().iterator();
        if (it.hasNext()) {
          Variants v = it.next();
          it.remove();
          bytes.addAndGet(-v.weight);
          evictions.increment();
        }
        oldest.changed(); // read again on the next pass, emptied or not
      }
    }
  }

  @Override
  public void invalidate(String url) {
    Stripe s = stripe(url);
    Variants v;
    synchronized (s) {
      v = s.byUrl.remove(url);
      if (v != null) s.changed();
    }
    if (v != null) bytes.addAndGet(-v.weight);
  }

  @Override
  public void invalidateAll() {
    for (Stripe s : stripes) {
      long freed = 0;
      synchronized (s) {
        for (Variants v : s.byUrl.values()) freed += v.weight;
        s.byUrl.clear();
        s.changed();
      }
      bytes.addAndGet(-freed);
    }
  }

  @Override
  public long bytesInUse() {
    return bytes.get();
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
    /** Set under the monitor when the entries change: oldestUse is to be read again. */
    volatile boolean changed;
    /** Whether the stripe held an entry when oldestUse was read; read without the monitor. */
    volatile boolean hasOldest;
    /** When the least recently used entry was last used, as of the last read. */
    volatile long oldestUse;

    void changed() {
      if (!changed) changed = true;
    }

    /** Under the monitor: reads when the oldest entry was last used. */
    void readOldest() {
      changed = false;
      Iterator<Variants> it = byUrl.values().iterator();
      if (it.hasNext()) {
        oldestUse = it.next().used;
        hasOldest = true;
      } else {
        hasOldest = false;
      }
    }

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

  /**
   * A URL's entry: its variants, their weight, and when it was last used (under its lock). The
   * usual one variant is held in fields, without a map or a key object.
   */
  private static final class Variants {
    /** The one variant's principal and accept, or null when there are several. */
    final @Nullable String principal;
    final @Nullable String accept;
    final @Nullable CachedResponse only;
    /** Several variants, or null when there is one. */
    final @Nullable Map<Variant, CachedResponse> byVariant;
    final long weight;
    long used; // written and read under the stripe's monitor

    /** The one variant of a URL. */
    Variants(String url, String principal, String accept, CachedResponse response,
        long responseWeight, long used) {
      this.used = used;
      this.principal = principal;
      this.accept = accept;
      this.only = response;
      this.byVariant = null;
      this.weight = url.length() + 32L + responseWeight;
    }

    @Nullable CachedResponse of(String principal, String accept) {
      if (byVariant != null) return byVariant.get(new Variant(principal, accept));
      return principal.equals(this.principal) && accept.equals(this.accept) ? only : null;
    }

    /** Whether this holds one variant, the one named. */
    boolean isOnly(String principal, String accept) {
      return byVariant == null && principal.equals(this.principal) && accept.equals(this.accept);
    }

    /** Every variant, in a new map. */
    Map<Variant, CachedResponse> all() {
      if (byVariant != null) return new HashMap<>(byVariant);
      Map<Variant, CachedResponse> m = new HashMap<>();
      m.put(new Variant(principal, accept), only);
      return m;
    }

    Variants(String url, Map<Variant, CachedResponse> byVariant, long used) {
      this.used = used;
      this.principal = null;
      this.accept = null;
      this.only = null;
      this.byVariant = Map.copyOf(byVariant);
      long w = url.length() + 32L;
      for (CachedResponse r : byVariant.values()) w += r.weight();
      this.weight = w;
    }
  }
}
