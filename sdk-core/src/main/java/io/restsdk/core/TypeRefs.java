package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.lang.reflect.GenericArrayType;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;

/** Checks a {@link TypeRef} before its type is used to decode bodies. */
final class TypeRefs {
  private TypeRefs() {}

  /**
   * The type {@code ref} names.
   *
   * @throws IllegalArgumentException if it holds a type variable: a codec would silently decode
   *     it as {@code Object} (maps and lists instead of the caller's type)
   */
  static Type type(TypeRef<?> ref) {
    requireNonNull(ref, "type == null");
    if (hasTypeVariable(ref.type())) {
      throw new IllegalArgumentException(ref + " holds a type variable, which is erased at run"
          + " time (was the TypeRef created in generic code?); name the concrete type, e.g."
          + " new TypeRef<List<Book>>() {}");
    }
    return ref.type();
  }

  static boolean hasTypeVariable(Type t) {
    if (t instanceof TypeVariable<?>) return true;
    if (t instanceof GenericArrayType a) return hasTypeVariable(a.getGenericComponentType());
    if (t instanceof WildcardType w) {
      for (Type b : w.getUpperBounds()) if (hasTypeVariable(b)) return true;
      for (Type b : w.getLowerBounds()) if (hasTypeVariable(b)) return true;
      return false;
    }
    if (t instanceof ParameterizedType p) {
      for (Type a : p.getActualTypeArguments()) if (hasTypeVariable(a)) return true;
      return p.getOwnerType() != null && hasTypeVariable(p.getOwnerType());
    }
    return false;
  }
}
