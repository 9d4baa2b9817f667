package io.restsdk.core;

import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * Which body types are deeply immutable, so that the value decoded from a cached body can be
 * handed out again after a 304 (see {@link RestClient.Builder#reuseDecodedBodies(boolean)}).
 *
 * <p>The rule, decided once per type and kept:
 *
 * <ul>
 *   <li>Immutable leaves: primitives and their boxes, {@code String}, enums, the final classes
 *       of {@code java.time} and {@code ZoneId}, {@code URI}, {@code UUID}, {@code BigDecimal}
 *       and {@code BigInteger} (of exactly those classes, which are not final).
 *   <li>A record, or a final class whose instance fields (its superclasses' included) are all
 *       final, whose components or fields are all of such types, and for which the codec
 *       registers nothing of its own ({@link BodyCodec#customizes}: a Jackson mix-in).
 *   <li>{@code List}, {@code Set}, {@code Collection} and {@code Map} of such types, declared as
 *       those interfaces. A type that holds one qualifies value by value: the value the codec
 *       decoded qualifies only if each such collection in it is unmodifiable ({@code List.of},
 *       {@code List.copyOf}, {@code Collections.unmodifiableList} and their kin). A record makes
 *       its lists so with {@code tags = List.copyOf(tags)} in its compact constructor; a plain
 *       record's lists are decoded as {@code ArrayList}, so it is not reused. A type whose
 *       decoded value once holds a modifiable collection is not checked again: it never
 *       qualifies.
 *   <li>Never: arrays, {@code Object}, interfaces and abstract classes (other than the
 *       collections above), classes that are not final, classes with a field that is not final
 *       (a POJO with setters), generic types whose arguments are not known.
 * </ul>
 *
 * <p>Thread-safe. Reading the components of a value that must be checked uses reflection; a
 * type whose components cannot be read (a module that does not open its package) does not
 * qualify.
 */
final class ImmutableTypes {
  private static final Set<Class<?>> LEAVES = Set.of(String.class, Boolean.class,
      Character.class, Byte.class, Short.class, Integer.class, Long.class, Float.class,
      Double.class, URI.class, UUID.class, ZoneId.class);

  private final BodyCodec codec;
  private final ConcurrentMap<Type, Optional<Shape>> verdicts = new ConcurrentHashMap<>();

  ImmutableTypes(BodyCodec codec) {
    this.codec = codec;
  }

  /** Whether values of {@code type} may qualify (those of some types are checked one by one). */
  boolean mayQualify(Type type) {
    return shape(type) != null;
  }

  /** Whether {@code value}, decoded as {@code type}, is deeply immutable. */
  boolean qualifies(Type type, Object value) {
    Shape s = shape(type);
    if (s == null) return false;
    if (s == Shape.FREE) return true;
    boolean holds;
    try {
      holds = s.holds(value);
    } catch (ReflectiveOperationException | RuntimeException e) {
      holds = false; // a component we cannot read: not shown immutable
    }
    if (!holds) verdicts.put(type, Optional.empty()); // its values are decoded modifiable
    return holds;
  }

  private @Nullable Shape shape(Type type) {
    Optional<Shape> v = verdicts.get(type);
    if (v == null) {
      v = Optional.ofNullable(new Analysis(codec).of(type, Map.of()));
      Optional<Shape> before = verdicts.putIfAbsent(type, v);
      if (before != null) v = before;
    }
    return v.orElse(null);
  }

  /** What must be checked of a value to know it is immutable. */
  interface Shape {
    /** A value that needs no check: no collection anywhere in it. */
    Shape FREE = v -> true;

    boolean holds(@Nullable Object value) throws ReflectiveOperationException;
  }

  /** One analysis: the types in progress, for types that hold themselves. */
  private static final class Analysis {
    private final BodyCodec codec;
    private final Map<Class<?>, Ref> inProgress = new HashMap<>();

    Analysis(BodyCodec codec) {
      this.codec = codec;
    }

    @Nullable Shape of(Type type, Map<TypeVariable<?>, Type> bound) {
      if (type instanceof Class<?> c) return ofClass(c, Map.of(), c.getTypeParameters().length);
      if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
        Type[] args = p.getActualTypeArguments();
        Type[] resolved = new Type[args.length];
        for (int i = 0; i < args.length; i++) {
          resolved[i] = resolve(args[i], bound);
          if (resolved[i] == null) return null;
        }
        if (raw == List.class || raw == Set.class || raw == Collection.class) {
          Shape element = of(resolved[0], Map.of());
          return element == null ? null : collection(element);
        }
        if (raw == Map.class) {
          Shape key = of(resolved[0], Map.of());
          Shape value = of(resolved[1], Map.of());
          return key == null || value == null ? null : map(key, value);
        }
        Map<TypeVariable<?>, Type> own = new HashMap<>();
        TypeVariable<?>[] vars = raw.getTypeParameters();
        for (int i = 0; i < vars.length && i < resolved.length; i++) own.put(vars[i], resolved[i]);
        return ofClass(raw, own, 0);
      }
      Type r = resolve(type, bound);
      return r == null || r == type ? null : of(r, Map.of());
    }

    private static @Nullable Type resolve(Type t, Map<TypeVariable<?>, Type> bound) {
      if (t instanceof TypeVariable<?> v) return bound.get(v);
      if (t instanceof WildcardType w) {
        Type[] upper = w.getUpperBounds();
        return w.getLowerBounds().length == 0 && upper.length == 1 ? resolve(upper[0], bound)
            : null;
      }
      if (t instanceof GenericArrayType) return null;
      return t;
    }

    private @Nullable Shape ofClass(Class<?> c, Map<TypeVariable<?>, Type> bound,
        int unboundParameters) {
      if (c.isPrimitive() || c.isEnum() || LEAVES.contains(c)) return Shape.FREE;
      if (c.getSuperclass() != null && c.getSuperclass().isEnum()) return Shape.FREE;
      if (c == BigDecimal.class || c == BigInteger.class) return v -> v == null || v.getClass() == c;
      if (c.getPackageName().equals("java.time")) {
        return Modifier.isFinal(c.getModifiers()) ? Shape.FREE : null;
      }
      if (unboundParameters > 0 || c.isArray() || c.isInterface()
          || !Modifier.isFinal(c.getModifiers()) || c.getPackageName().startsWith("java.")
          || c.getPackageName().startsWith("javax.")) {
        return null;
      }
      Ref ref = inProgress.get(c);
      if (ref != null) return ref; // a type that holds itself (through a list)
      if (codec.customizes(c)) return null;
      ref = new Ref();
      inProgress.put(c, ref);
      try {
        Shape s = c.isRecord() ? record(c, bound) : finalClass(c, bound);
        ref.target = s;
        return s;
      } finally {
        inProgress.remove(c);
      }
    }

    private @Nullable Shape record(Class<?> c, Map<TypeVariable<?>, Type> bound) {
      List<Method> read = new ArrayList<>();
      List<Shape> check = new ArrayList<>();
      for (RecordComponent rc : c.getRecordComponents()) {
        Shape s = of(rc.getGenericType(), bound);
        if (s == null) return null;
        if (s != Shape.FREE) {
          Method accessor = rc.getAccessor();
          if (!accessor.trySetAccessible()) return null; // unreadable here: not shown immutable
          read.add(accessor);
          check.add(s);
        }
      }
      if (read.isEmpty()) return Shape.FREE;
      return v -> {
        if (v == null) return true;
        for (int i = 0; i < read.size(); i++) {
          if (!check.get(i).holds(read.get(i).invoke(v))) return false;
        }
        return true;
      };
    }

    private @Nullable Shape finalClass(Class<?> c, Map<TypeVariable<?>, Type> bound) {
      List<Field> read = new ArrayList<>();
      List<Shape> check = new ArrayList<>();
      for (Class<?> k = c; k != null && k != Object.class; k = k.getSuperclass()) {
        if (k != c && (k.getPackageName().startsWith("java.") || k.getTypeParameters().length > 0)) {
          return null;
        }
        for (Field f : k.getDeclaredFields()) {
          int mod = f.getModifiers();
          if (Modifier.isStatic(mod)) continue;
          if (!Modifier.isFinal(mod)) return null;
          Shape s = of(f.getGenericType(), bound);
          if (s == null) return null;
          if (s != Shape.FREE) {
            if (!f.trySetAccessible()) return null; // unreadable here: not shown immutable
            read.add(f);
            check.add(s);
          }
        }
      }
      if (read.isEmpty()) return Shape.FREE;
      return v -> {
        if (v == null) return true;
        for (int i = 0; i < read.size(); i++) {
          if (!check.get(i).holds(read.get(i).get(v))) return false;
        }
        return true;
      };
    }
  }

  /** A type still being analysed, held by one of its own components. */
  private static final class Ref implements Shape {
    @Nullable Shape target;

    @Override
    public boolean holds(@Nullable Object value) throws ReflectiveOperationException {
      return target != null && target.holds(value);
    }
  }

  private static Shape collection(Shape element) {
    return v -> {
      if (v == null) return true;
      if (!unmodifiable(v)) return false;
      if (element == Shape.FREE) return true;
      for (Object e : (Collection<?>) v) {
        if (!element.holds(e)) return false;
      }
      return true;
    };
  }

  private static Shape map(Shape key, Shape value) {
    return v -> {
      if (v == null) return true;
      if (!unmodifiable(v)) return false;
      if (key == Shape.FREE && value == Shape.FREE) return true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!key.holds(e.getKey()) || !value.holds(e.getValue())) return false;
      }
      return true;
    };
  }

  /**
   * Whether {@code c} is one of the JDK's unmodifiable collections or maps: {@code List.of} and
   * {@code copyOf} (and of Set, Map), {@code Collections.unmodifiable*}, {@code empty*},
   * {@code singleton*}.
   */
  static boolean unmodifiable(Object c) {
    String n = c.getClass().getName();
    return n.startsWith("java.util.ImmutableCollections$")
        || n.startsWith("java.util.Collections$Unmodifiable")
        || n.startsWith("java.util.Collections$Empty")
        || n.startsWith("java.util.Collections$Singleton");
  }
}
