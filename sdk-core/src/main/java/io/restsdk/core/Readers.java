package io.restsdk.core;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * What a client knows about each body type's properties, asked of its codec once per type
 * ({@link BodyCodec#properties}): the JSON names it can set, and its HAL associations.
 *
 * <p>An association is a property of type {@link URI} that a HAL body may leave out and give as
 * a link of the same name instead ({@code _links.author.href} for a property {@code author}), as
 * Spring Data REST does for every association. The codec finds properties with its own
 * introspection, so records, creators, {@code @JsonProperty} renames and naming strategies
 * count, and ignored properties do not.
 */
final class Readers {
  private final BodyCodec codec;
  /** The media type request bodies are sent with: the codec's. */
  final okhttp3.MediaType contentType;
  private final ConcurrentMap<Type, Props> props = new ConcurrentHashMap<>();

  /** A type's JSON property names, those of type URI among them; bean: read by properties. */
  private record Props(boolean bean, Set<String> names, List<String> associations) {
    static final Props NONE = new Props(false, Set.of(), List.of());
  }

  Readers(BodyCodec codec) {
    this.codec = codec;
    this.contentType = okhttp3.MediaType.get(codec.contentType());
  }

  /** The JSON names of {@code type}'s {@link URI} properties; empty for non-bean types. */
  List<String> associations(Type type) {
    return props(type).associations();
  }

  /** Whether {@code type} is a bean type with a property of JSON name {@code name}. */
  boolean hasProperty(Type type, String name) {
    return props(type).names().contains(name);
  }

  /** Whether {@code type} is read from a JSON object by its properties. */
  boolean isBean(Type type) {
    return props(type).bean();
  }

  private Props props(Type type) {
    Props p = props.get(type);
    if (p == null) {
      p = introspect(type);
      props.putIfAbsent(type, p);
    }
    return p;
  }

  private Props introspect(Type type) {
    Map<String, Type> found;
    try {
      found = codec.properties(type);
    } catch (RuntimeException e) {
      return Props.NONE; // decoding the type will say what is wrong with it
    }
    if (found == null) return Props.NONE;
    List<String> uris = new ArrayList<>(2);
    for (Map.Entry<String, Type> e : found.entrySet()) {
      if (raw(e.getValue()) == URI.class) uris.add(e.getKey());
    }
    return new Props(true, Set.copyOf(found.keySet()), List.copyOf(uris));
  }

  /** The class of {@code type}: itself, a generic type's raw class; Object otherwise. */
  static Class<?> raw(@Nullable Type type) {
    if (type instanceof Class<?> c) return c;
    if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c) return c;
    if (type instanceof java.lang.reflect.GenericArrayType) return Object[].class;
    return Object.class;
  }
}
