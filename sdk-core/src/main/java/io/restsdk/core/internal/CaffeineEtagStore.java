package io.restsdk.core.internal;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.EtagStore;
import java.util.HashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The default in-memory {@link EtagStore}: Caffeine bounded by a byte budget. Entries are
 * grouped by URL so that a write invalidates every principal's copy in one step.
 */
public final class CaffeineEtagStore implements EtagStore {
  private final Cache<String, Variants> cache;
  private final long maxBytes;

  /** A store holding at most {@code maxBytes} (body bytes + headers + overhead). */
  public CaffeineEtagStore(long maxBytes) {
    this.maxBytes = maxBytes;
    this.cache = Caffeine.newBuilder()
        .maximumWeight(maxBytes)
        .weigher((String url, Variants v) -> (int) Math.min(Integer.MAX_VALUE, v.weight))
        // Maintenance on the caller's thread: the budget holds as soon as put() returns.
        .executor(Runnable::run)
        .recordStats()
        .build();
  }

  @Override
  public @Nullable CachedResponse get(CacheKey key) {
    Variants v = cache.getIfPresent(key.url());
    return v == null ? null : v.byVariant.get(new Variant(key.principal(), key.accept()));
  }

  @Override
  public void put(CacheKey key, CachedResponse response) {
    if (response.weight() + key.url().length() > maxBytes) {
      invalidate(key.url()); // too large to keep: never leave an older body behind
      return;
    }
    Variant variant = new Variant(key.principal(), key.accept());
    Variants current = cache.policy().getIfPresentQuietly(key.url()); // a write, not a read
    if (current == null || current.onlyHolds(variant)) {
      // The usual case, one variant per URL. A body of about the same size (a new version of
      // the same item) goes into the entry in place, with no write to the cache and its
      // bookkeeping; otherwise a plain put, no compute holding the map's lock while threads
      // storing the same URL queue behind it. Racing a store of another variant may drop
      // one of the two; a dropped or older entry only costs a full GET (its ETag no longer
      // matches), never a stale body.
      if (current != null && current.swap(key.url(), variant, response)) return;
      cache.put(key.url(), new Variants(key.url(), Map.of(variant, response), maxBytes));
      return;
    }
    cache.asMap().compute(key.url(), (url, old) -> {
      if (old == null || old.onlyHolds(variant)) {
        return new Variants(url, Map.of(variant, response), maxBytes);
      }
      Map<Variant, CachedResponse> m = new HashMap<>(old.byVariant);
      m.put(variant, response);
      return new Variants(url, m, maxBytes);
    });
  }

  @Override
  public void invalidate(String url) {
    // A write evicts up to four URLs, mostly absent: a lookup is cheaper than a removal
    if (cache.asMap().containsKey(url)) cache.invalidate(url);
  }

  @Override
  public void invalidateAll() {
    cache.invalidateAll();
  }

  @Override
  public long bytesInUse() {
    cache.cleanUp();
    return cache.policy().eviction().map(e -> e.weightedSize().orElse(0L)).orElse(0L);
  }

  @Override
  public long evictionCount() {
    return cache.stats().evictionCount();
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
   * A URL's entry. Its weight, fixed when the cache took it, is rounded up by an eighth (and 64
   * bytes), so that the next version of the same body, a little larger or smaller, can replace
   * it in place ({@link #swap}) while the cache's count stays an upper bound of what is held.
   */
  private static final class Variants {
    private volatile Map<Variant, CachedResponse> byVariant;
    final long weight;

    /** {@code cap}: the store's budget, which the rounding never takes a weight over. */
    Variants(String url, Map<Variant, CachedResponse> byVariant, long cap) {
      this.byVariant = Map.copyOf(byVariant);
      long w = url.length() + 32L;
      for (CachedResponse r : byVariant.values()) w += r.weight();
      this.weight = Math.min(w + (w >> 3) + 64, Math.max(w, cap));
    }

    boolean onlyHolds(Variant variant) {
      Map<Variant, CachedResponse> m = byVariant;
      return m.size() == 1 && m.containsKey(variant);
    }

    /**
     * Puts {@code response} in place of this entry's one variant when its weight is within the
     * entry's weight and at least three quarters of it; false (nothing changed) otherwise.
     */
    boolean swap(String url, Variant variant, CachedResponse response) {
      long w = url.length() + 32L + response.weight();
      if (w > weight || w < weight - (weight >> 2)) return false;
      byVariant = Map.of(variant, response);
      return true;
    }
  }
}
