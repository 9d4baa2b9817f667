package io.restsdk.core;

import com.fasterxml.jackson.databind.JavaType;
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
 * hits. One value per body; asking for another type decodes again and replaces it.
 */
final class DecodedBodies {
  private final Cache<byte[], Decoded> byBody = Caffeine.newBuilder()
      .weakKeys()
      .executor(Runnable::run)
      .build();

  /** The value decoded from {@code body} as {@code type}, or null. */
  @Nullable Object get(byte[] body, JavaType type) {
    Decoded d = byBody.getIfPresent(body);
    return d != null && d.type.equals(type) ? d.value : null;
  }

  void put(byte[] body, JavaType type, Object value) {
    byBody.put(body, new Decoded(type, value));
  }

  private record Decoded(JavaType type, Object value) {}
}
