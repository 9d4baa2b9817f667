package io.restsdk.core.properties;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.EtagStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/** A plain map behind the ETag cache, so a property can see every entry it holds. */
final class RecordingStore implements EtagStore {
  private final Map<CacheKey, CachedResponse> map = new ConcurrentHashMap<>();

  @Override
  public @Nullable CachedResponse get(CacheKey key) {
    return map.get(key);
  }

  @Override
  public void put(CacheKey key, CachedResponse response) {
    map.put(key, response);
  }

  @Override
  public void invalidate(String url) {
    map.keySet().removeIf(k -> k.url().equals(url));
  }

  @Override
  public void invalidateAll() {
    map.clear();
  }

  /** The entries held for {@code url}, under any principal and {@code Accept}. */
  List<CachedResponse> entries(String url) {
    return map.entrySet().stream().filter(e -> e.getKey().url().equals(url))
        .map(Map.Entry::getValue).toList();
  }
}
