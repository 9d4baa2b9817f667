package io.restsdk.core;

import java.lang.reflect.Type;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import org.jspecify.annotations.Nullable;

/**
 * The decoded values of bodies held by the ETag cache, for clients built with
 * {@link RestClient.Builder#reuseDecodedBodies(boolean)}: a 304 then answers with the value
 * decoded from the same bytes before instead of decoding them again.
 *
 * <p>Keyed by the identity of the cached body array, weakly: when the ETag cache drops or
 * replaces a body, its decoded value goes with it, so a value is never handed out for bytes the
 * cache no longer holds. A store that hands out new arrays (one that serializes) simply never
 * hits. One value per body; asking for another type decodes again and replaces it. The links
 * the body holds ({@code _links}) are kept with its value: they came from the same bytes,
 * resolved against the URL of the cache entry.
 */
final class DecodedBodies {
  private final Cache<byte[], Decoded> byBody = Caffeine.newBuilder()
      .weakKeys()
      .executor(Runnable::run)
      .build();

  /** The value (with the links of its body) decoded from {@code body} as {@code type}, or null. */
  Hal.@Nullable Decoded<?> get(byte[] body, Type type) {
    Decoded d = byBody.getIfPresent(body);
    return d != null && d.type.equals(type) ? d.value : null;
  }

  void put(byte[] body, Type type, Hal.Decoded<?> value) {
    byBody.put(body, new Decoded(type, value));
  }

  private record Decoded(Type type, Hal.Decoded<?> value) {}
}
