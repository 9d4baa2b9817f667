package io.restsdk.core;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * A concurrent map whose keys are compared by identity and held weakly: an entry goes when its
 * key is collected. Reads take no lock (a {@link ConcurrentHashMap}); collected keys are swept
 * out on each write. Values must not refer to their keys, or the keys are never collected.
 *
 * <pre>{@code
 * WeakIdentityMap<byte[], Decoded> byBody = new WeakIdentityMap<>();
 * byBody.put(body, decoded);
 * Decoded d = byBody.get(body); // null once body is collected, or if never put
 * }</pre>
 */
final class WeakIdentityMap<K, V> {
  private final ConcurrentHashMap<Object, V> map = new ConcurrentHashMap<>();
  private final ReferenceQueue<K> collected = new ReferenceQueue<>();

  /** The value for {@code key} (by identity), or null. */
  @Nullable V get(K key) {
    return map.get(new Lookup(key));
  }

  /** Maps {@code key} (by identity) to {@code value}. */
  void put(K key, V value) {
    sweep();
    map.put(new Key<>(key, collected), value);
  }

  /** Removes the entry of {@code key} (by identity), if any. */
  void remove(K key) {
    map.remove(new Lookup(key));
  }

  /** The value for {@code key}, computed and stored first when there is none. */
  V computeIfAbsent(K key, Function<? super K, ? extends V> compute) {
    V v = get(key);
    if (v != null) return v;
    sweep();
    return map.computeIfAbsent(new Key<>(key, collected), k -> compute.apply(key));
  }

  /** How many entries are held, collected keys not yet swept included. */
  int size() {
    sweep();
    return map.size();
  }

  private void sweep() {
    for (Object k; (k = collected.poll()) != null; ) map.remove(k);
  }

  /** Identity of a referent, for {@link Key} and {@link Lookup} alike. */
  private static boolean same(Object a, Object b) {
    Object x = a instanceof Key<?> k ? k.get() : ((Lookup) a).key;
    Object y = b instanceof Key<?> k ? k.get() : ((Lookup) b).key;
    return x != null && x == y;
  }

  /** A stored key: weak, with the referent's identity hash kept for after it is collected. */
  private static final class Key<K> extends WeakReference<K> {
    private final int hash;

    Key(K referent, ReferenceQueue<K> queue) {
      super(referent, queue);
      this.hash = System.identityHashCode(referent);
    }

    @Override
    public int hashCode() {
      return hash;
    }

    @Override
    public boolean equals(Object o) {
      return o == this || (o instanceof Key<?> || o instanceof Lookup) && same(this, o);
    }
  }

  /** A key to look up with: strong, short-lived. */
  private static final class Lookup {
    private final Object key;

    Lookup(Object key) {
      this.key = key;
    }

    @Override
    public int hashCode() {
      return System.identityHashCode(key);
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key<?> || o instanceof Lookup ? same(this, o) : false;
    }
  }
}
