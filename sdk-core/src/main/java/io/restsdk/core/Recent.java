package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * A small lossy memo of values that cost something to compute and nothing to keep: a fixed
 * number of slots, each holding the last key that hashed to it with its value. A lookup is one
 * array read and one {@code equals}; a miss is computed by the caller and stored over whatever
 * held the slot. Memory is bounded by the slot count, whatever the keys. Thread-safe: an entry
 * is immutable, so a racy read sees a whole entry or none, and two threads storing at once only
 * lose one of the two.
 *
 * <pre>{@code
 * Recent<String, URI> uris = new Recent<>(64);
 * URI u = uris.get(s);
 * if (u == null) uris.put(s, u = URI.create(s));
 * }</pre>
 */
final class Recent<K, V> {
  private final Object[] slots;

  /** A memo of {@code size} slots, a power of two. */
  Recent(int size) {
    if (size <= 0 || Integer.bitCount(size) != 1) {
      throw new IllegalArgumentException("size must be a power of two: " + size);
    }
    this.slots = new Object[size];
  }

  /** The value last stored for {@code key}, if its slot still holds it. */
  @SuppressWarnings("unchecked")
  @Nullable V get(K key) {
    Object e = slots[index(key)];
    return e != null && ((Entry<K, V>) e).key.equals(key) ? ((Entry<K, V>) e).value : null;
  }

  /** Stores {@code value} for {@code key}, replacing what its slot held. */
  void put(K key, V value) {
    slots[index(key)] = new Entry<>(requireNonNull(key), requireNonNull(value));
  }

  private int index(K key) {
    int h = key.hashCode();
    return (h ^ (h >>> 16)) & (slots.length - 1);
  }

  private record Entry<K, V>(K key, V value) {}
}
