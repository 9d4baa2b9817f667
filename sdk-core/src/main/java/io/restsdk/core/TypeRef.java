package io.restsdk.core;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;

/**
 * Names a generic body type in a way the compiler checks: subclass it anonymously, and the
 * type argument becomes the body type, e.g. a list of books or a map.
 *
 * <pre>{@code
 * Resource<List<Book>> shelves = client.resource("shelves", new TypeRef<List<Book>>() {});
 * ApiResponse<Map<String, Object>> r =
 *     client.send(ApiRequest.get("status"), new TypeRef<Map<String, Object>>() {});
 * }</pre>
 *
 * <p>Unlike a bare {@link java.lang.reflect.Type}, the token carries its type to the
 * compiler: {@code Resource<String> r = client.resource("books", new TypeRef<Book>() {})} does
 * not compile.
 *
 * @param <T> the type named
 */
public abstract class TypeRef<T> {
  private final Type type;

  /**
   * Captures the type argument of the anonymous subclass.
   *
   * @throws IllegalStateException if the subclass gives no type argument (a raw
   *     {@code new TypeRef() {}}) or is not a direct subclass
   */
  protected TypeRef() {
    Type superclass = getClass().getGenericSuperclass();
    if (!(superclass instanceof ParameterizedType p) || p.getRawType() != TypeRef.class) {
      throw new IllegalStateException(
          "TypeRef must be created as a direct anonymous subclass with a type argument, e.g."
              + " new TypeRef<List<Book>>() {}");
    }
    this.type = p.getActualTypeArguments()[0];
  }

  /** The type named. */
  public final Type type() {
    return type;
  }

  @Override
  public final boolean equals(Object o) {
    return o instanceof TypeRef<?> other && type.equals(other.type);
  }

  @Override
  public final int hashCode() {
    return type.hashCode();
  }

  @Override
  public String toString() {
    return "TypeRef<" + type.getTypeName() + ">";
  }
}
