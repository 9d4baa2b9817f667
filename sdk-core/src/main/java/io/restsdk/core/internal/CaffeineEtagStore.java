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
    if (current == null || current.byVariant.size() == 1 && current.byVariant.containsKey(variant)) {
      // The usual case, one variant per URL: a plain put, no compute holding the map's lock
      // while threads storing the same URL queue behind it. Racing a store of another variant
      // may drop that one; a dropped entry only costs a full GET, never a stale body.
      cache.put(key.url(), new Variants(key.url(), variant, response));
      return;
    }
    cache.asMap().compute(key.url(), (url, old) -> {
      if (old == null || old.byVariant.size() == 1 && old.byVariant.containsKey(variant)) {
        return new Variants(url, variant, response); // the usual case: one variant per URL
      }
      Map<Variant, CachedResponse> m = new HashMap<>(old.byVariant);
      m.put(variant, response);
      return new Variants(url, m);
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

  private record Variant(String principal, String accept) {}

  private static final class Variants {
    final Map<Variant, CachedResponse> byVariant;
    final long weight;

    Variants(String url, Variant variant, CachedResponse response) {
      this.byVariant = Map.of(variant, response);
      this.weight = url.length() + 32L + response.weight();
    }

    Variants(String url, Map<Variant, CachedResponse> byVariant) {
      this.byVariant = Map.copyOf(byVariant);
      long w = url.length() + 32L;
      for (CachedResponse r : byVariant.values()) w += r.weight();
      this.weight = w;
    }
  }
}
