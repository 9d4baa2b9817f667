package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.InMemoryEtagStore;
import java.net.URI;
import java.util.concurrent.atomic.LongAdder;
import org.jspecify.annotations.Nullable;

/**
 * The client's ETag cache: it remembers each 200's body with its {@code ETag}, sends
 * {@code If-None-Match} on the next GET of the same URL, answers a 304 from memory, and sends
 * {@code If-Match} on writes so a concurrent change surfaces as a 412 instead of a lost update.
 *
 * <p>On by default: in memory, concurrent, bounded by a byte budget (32 MiB). Entries are kept
 * per URL, principal and {@code Accept} ({@link CacheKey}). The principal is the client's
 * {@link RestClient.Builder#cachePartition cache partition} when it names one, otherwise the
 * credentials the SDK sends, so two tokens never see each other's entries; credentials an
 * OkHttp interceptor or {@code CookieJar} adds are invisible to the SDK and need a partition.
 * A response whose {@code Vary} names a request header outside the key is not kept.
 * Thread-safe; one instance may be shared by several clients.
 *
 * <pre>{@code
 * EtagCache cache = EtagCache.inMemory(64L << 20);
 * RestClient client = RestClient.builder().baseUrl(url).etagCache(cache).build();
 * ...
 * EtagCache.Stats s = cache.stats();   // hits, misses, stores, evictions, bytesInUse
 * }</pre>
 */
public final class EtagCache {
  /** The default byte budget: 32 MiB. */
  public static final long DEFAULT_MAX_BYTES = 32L << 20;

  private static final EtagCache DISABLED = new EtagCache(null);

  private final @Nullable EtagStore store;
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder stores = new LongAdder();

  private EtagCache(@Nullable EtagStore store) {
    this.store = store;
  }

  /** An in-memory cache holding at most {@link #DEFAULT_MAX_BYTES}. */
  public static EtagCache inMemory() {
    return inMemory(DEFAULT_MAX_BYTES);
  }

  /**
   * An in-memory cache holding at most {@code maxBytes} of bodies, headers and overhead; the
   * least recently used entries are evicted first, before the store that went over returns.
   *
   * @throws IllegalArgumentException if {@code maxBytes} is not positive
   */
  public static EtagCache inMemory(long maxBytes) {
    if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
    return new EtagCache(new InMemoryEtagStore(maxBytes));
  }

  /** No caching: no automatic {@code If-None-Match} or {@code If-Match}. */
  public static EtagCache disabled() {
    return DISABLED;
  }

  /** A cache over a store of the caller's (the {@link EtagStore} SPI), e.g. a shared one. */
  public static EtagCache using(EtagStore store) {
    return new EtagCache(requireNonNull(store, "store == null"));
  }

  /** False for {@link #disabled()}. */
  public boolean isEnabled() {
    return store != null;
  }

  /** Removes the entries for {@code uri}, for every principal. */
  public void invalidate(URI uri) {
    requireNonNull(uri, "uri == null");
    if (store != null) store.invalidate(okhttp3.HttpUrl.get(uri.toString()).toString());
  }

  /** Removes every entry. */
  public void invalidateAll() {
    if (store != null) store.invalidateAll();
  }

  /** A snapshot of the counters. */
  public Stats stats() {
    return new Stats(hits.sum(), misses.sum(), stores.sum(),
        store == null ? 0 : store.evictionCount(), store == null ? 0 : store.bytesInUse());
  }

  @Nullable CachedResponse lookup(CacheKey key) {
    if (store == null) return null;
    CachedResponse r = store.get(key);
    if (r == null) misses.increment();
    return r;
  }

  /** A lookup known to miss (its URL was just evicted): counted as one, without the store. */
  @Nullable CachedResponse missed() {
    if (store != null) misses.increment();
    return null;
  }

  @Nullable CachedResponse peek(CacheKey key) {
    return store == null ? null : store.get(key);
  }

  void store(CacheKey key, CachedResponse response) {
    if (store == null) return;
    store.put(key, response);
    stores.increment();
  }

  void refresh(CacheKey key, CachedResponse response) {
    if (store != null) store.put(key, response);
  }

  void hit() {
    hits.increment();
  }

  void evict(String url) {
    if (store != null) store.invalidate(url);
  }

  @Override
  public String toString() {
    return store == null ? "EtagCache(disabled)" : "EtagCache" + stats();
  }

  /**
   * Counters since the cache was made.
   *
   * @param hits 304s answered from the cache
   * @param misses GETs for which the cache held nothing to revalidate
   * @param stores responses stored
   * @param evictions entries dropped to stay within the byte budget
   * @param bytesInUse bytes held now (-1 when a custom store cannot tell)
   */
  public record Stats(long hits, long misses, long stores, long evictions, long bytesInUse) {}
}
