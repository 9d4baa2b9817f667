package io.restsdk.etag.redis;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The small in-process cache in front of Redis: least recently used first out, within a byte
 * budget. Plain LRU on purpose: the entry a lookup just brought from Redis must still be here
 * when the 304 that confirms it is handled a moment later, so the refresh costs no second
 * download (a frequency-based admission policy may turn a new entry away).
 */
final class FrontCache {
  private final long maxBytes;
  private final LinkedHashMap<CacheKey, CachedResponse> map = new LinkedHashMap<>(64, 0.75f, true);
  private long bytes; // guarded by this

  FrontCache(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  private static long weight(CacheKey key, CachedResponse r) {
    return r.weight() + key.url().length() + key.principal().length() + key.accept().length();
  }

  synchronized @Nullable CachedResponse get(CacheKey key) {
    return map.get(key);
  }

  synchronized void put(CacheKey key, CachedResponse r) {
    long w = weight(key, r);
    CachedResponse old = map.remove(key);
    if (old != null) bytes -= weight(key, old);
    if (w > maxBytes) return;
    map.put(key, r);
    bytes += w;
    for (Iterator<Map.Entry<CacheKey, CachedResponse>> it = map.entrySet().iterator();
        bytes > maxBytes && it.hasNext();) {
      Map.Entry<CacheKey, CachedResponse> eldest = it.next();
      bytes -= weight(eldest.getKey(), eldest.getValue());
      it.remove();
    }
  }

  synchronized void invalidate(String url) {
    for (Iterator<Map.Entry<CacheKey, CachedResponse>> it = map.entrySet().iterator(); it.hasNext();) {
      Map.Entry<CacheKey, CachedResponse> e = it.next();
      if (e.getKey().url().equals(url)) {
        bytes -= weight(e.getKey(), e.getValue());
        it.remove();
      }
    }
  }

  synchronized void clear() {
    map.clear();
    bytes = 0;
  }
}
