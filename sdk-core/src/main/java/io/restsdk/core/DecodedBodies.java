package io.restsdk.core;

import java.lang.reflect.Type;
import org.jspecify.annotations.Nullable;

/**
 * The decoded values of bodies held by the ETag cache: a 304 answers with the value decoded
 * from the same bytes before instead of decoding them again. By default only values of deeply
 * immutable types are kept ({@link ImmutableTypes}); with
 * {@link RestClient.Builder#reuseDecodedBodies(boolean) reuseDecodedBodies(true)} every value
 * but a {@code byte[]}.
 *
 * <p>Keyed by the identity of the cached body array, weakly: when the ETag cache drops or
 * replaces a body, its decoded value goes with it, so a value is never handed out for bytes the
 * cache no longer holds. A store that hands out new arrays (one that serializes) simply never
 * hits. One value per body; asking for another type decodes again and replaces it. The links
 * the body holds ({@code _links}) are kept with its value: they came from the same bytes,
 * resolved against the URL of the cache entry.
 */
final class DecodedBodies {
  private final WeakIdentityMap<byte[], Decoded> byBody = new WeakIdentityMap<>();
  /** Null when every value is kept (reuseDecodedBodies(true)). */
  private final @Nullable ImmutableTypes immutable;

  DecodedBodies(@Nullable ImmutableTypes immutable) {
    this.immutable = immutable;
  }

  /** Per {@code reuse}: null automatic (immutable types), true every type, false none. */
  static @Nullable DecodedBodies of(@Nullable Boolean reuse, boolean cached, BodyCodec codec) {
    if (!cached || Boolean.FALSE.equals(reuse)) return null;
    return new DecodedBodies(reuse == null ? new ImmutableTypes(codec) : null);
  }

  /** Whether a value decoded as {@code type} may be kept (some are checked one by one). */
  boolean mayKeep(Type type) {
    return immutable == null || immutable.mayQualify(type);
  }

  /** Whether {@code value}, decoded as {@code type}, may be handed out again. */
  boolean keeps(Type type, Object value) {
    if (value instanceof byte[]) return false; // each caller gets a copy it may write to
    return immutable == null || immutable.qualifies(type, value);
  }

  /** The value (with the links of its body) decoded from {@code body} as {@code type}, or null. */
  Hal.@Nullable Decoded<?> get(byte[] body, Type type) {
    Decoded d = byBody.get(body);
    return d != null && d.type.equals(type) ? d.value : null;
  }

  /**
   * Drops the value of {@code body}, which the cache no longer holds (a 200 replaced it), at
   * once rather than when the collector clears its key.
   */
  void forget(byte[] body) {
    byBody.remove(body);
  }

  /** How many values are kept (for tests). */
  int size() {
    return byBody.size();
  }

  void put(byte[] body, Type type, Hal.Decoded<?> value) {
    byBody.put(body, new Decoded(type, value));
  }

  private record Decoded(Type type, Hal.Decoded<?> value) {}
}
