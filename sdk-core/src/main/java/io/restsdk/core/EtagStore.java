package io.restsdk.core;

import org.jspecify.annotations.Nullable;

/**
 * Service-provider interface for where an {@link EtagCache} keeps its entries: in memory by
 * default, or a shared store (e.g. Redis, for a fleet of instances) supplied through
 * {@link EtagCache#using(EtagStore)}.
 *
 * <p>Implementations must be thread-safe. Values are immutable; a store may serialize them.
 * {@link #invalidate(String)} removes the entries of every principal and {@code Accept} for
 * the URL: writes must never leave a stale body behind for anyone.
 *
 * <pre>{@code
 * final class MapStore implements EtagStore {
 *   private final ConcurrentMap<CacheKey, CachedResponse> map = new ConcurrentHashMap<>();
 *   public CachedResponse get(CacheKey k) { return map.get(k); }
 *   public void put(CacheKey k, CachedResponse r) { map.put(k, r); }
 *   public void invalidate(String url) { map.keySet().removeIf(k -> k.url().equals(url)); }
 *   public void invalidateAll() { map.clear(); }
 * }
 * }</pre>
 */
public interface EtagStore {
  /** The entry for {@code key}, or null. */
  @Nullable CachedResponse get(CacheKey key);

  /** Stores or replaces the entry for {@code key}. */
  void put(CacheKey key, CachedResponse response);

  /** Removes the entries for {@code url}, for every principal and {@code Accept}. */
  void invalidate(String url);

  /** Removes every entry. */
  void invalidateAll();

  /** Bytes held, or -1 when the store cannot tell. */
  default long bytesInUse() {
    return -1;
  }

  /** Entries removed to stay within a size budget, or 0 when the store does not evict. */
  default long evictionCount() {
    return 0;
  }
}
