package io.restsdk.core;

import java.lang.reflect.Type;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The decoded values of bodies held by the ETag cache: a 304 answers with the value decoded
 * from the same bytes before instead of decoding them again. By default only values of deeply
 * immutable types are handed out again ({@link ImmutableTypes}). The first value of a type that
 * may qualify is checked when it is decoded: one that does not settles that the type's values are
 * never kept. Once one has qualified, the values after it are kept unchecked and checked the first
 * time a 304 asks for them, so that a 200 nobody revalidates pays for no check. With
 * {@link RestClient.Builder#reuseDecodedBodies(boolean) reuseDecodedBodies(true)}, every value
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
  /** Types one of whose values qualified: their next values are checked when asked for. */
  private final Set<Type> qualified = ConcurrentHashMap.newKeySet();

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

  /**
   * The value (with the links of its body) decoded from {@code body} as {@code type}, or null.
   * A value of a type whose values are checked one by one is checked the first time it is asked
   * for; one that does not qualify is dropped, and null returned.
   */
  Hal.@Nullable Decoded<?> get(byte[] body, Type type) {
    Decoded d = byBody.get(body);
    if (d == null || !d.type.equals(type)) return null;
    ImmutableTypes check = immutable;
    if (!d.checked && check != null) {
      if (!check.qualifies(type, d.value.value())) {
        byBody.remove(body);
        return null;
      }
      d.checked = true;
    }
    return d.value;
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

  /**
   * Keeps {@code value}, decoded from {@code body} as {@code type}, unless it is a
   * {@code byte[]} (each caller gets a copy it may write to) or the first value of its type and
   * not deeply immutable.
   */
  void put(byte[] body, Type type, Hal.Decoded<?> value) {
    Object v = value.value();
    if (v == null || v instanceof byte[]) return;
    ImmutableTypes check = immutable;
    boolean checked = check == null;
    if (!checked && !qualified.contains(type)) {
      if (!check.qualifies(type, v)) return; // and the type's values are never kept again
      qualified.add(type);
      checked = true;
    }
    byBody.put(body, new Decoded(type, value, checked));
  }

  /** A value kept, and whether it was shown to qualify (always, when every value is kept). */
  private static final class Decoded {
    final Type type;
    final Hal.Decoded<?> value;
    /** Written once, true, by whichever reader checks first; a race only checks twice. */
    volatile boolean checked;

    Decoded(Type type, Hal.Decoded<?> value, boolean checked) {
      this.type = type;
      this.value = value;
      this.checked = checked;
    }
  }
}
