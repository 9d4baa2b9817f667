package io.restsdk.core;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/**
 * What a client knows about reading each body type, computed once per type: its
 * {@link ObjectReader} (unknown properties ignored, whatever the mapper says, so a HAL body's
 * {@code _links} and {@code _embedded} never break a type that does not declare them) and its
 * HAL associations.
 *
 * <p>An association is a property of type {@link URI} that a HAL body may leave out and give as
 * a link of the same name instead ({@code _links.author.href} for a property {@code author}), as
 * Spring Data REST does for every association. Properties are found by Jackson's own
 * introspection for deserialization, so records, creators, {@code @JsonProperty} renames and
 * naming strategies count, and ignored properties do not.
 */
final class Readers {
  private final ObjectMapper mapper;
  private final ConcurrentMap<JavaType, ObjectReader> readers = new ConcurrentHashMap<>();
  private final ConcurrentMap<JavaType, Props> props = new ConcurrentHashMap<>();

  /** A type's JSON property names that can be read, and those of type URI among them. */
  private record Props(Set<String> names, List<String> associations) {
    static final Props NONE = new Props(Set.of(), List.of());
  }

  Readers(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A plain mapper with the modules on the class path, ignoring unknown properties. */
  static ObjectMapper defaultMapper() {
    return new ObjectMapper()
        .findAndRegisterModules()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }

  ObjectReader reader(JavaType type) {
    return readers.computeIfAbsent(type, t -> mapper.readerFor(t)
        .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES));
  }

  /** The JSON names of {@code type}'s {@link URI} properties; empty for non-bean types. */
  List<String> associations(JavaType type) {
    return props(type).associations();
  }

  /** Whether {@code type} is a bean type with a property of JSON name {@code name}. */
  boolean hasProperty(JavaType type, String name) {
    return props(type).names().contains(name);
  }

  private Props props(JavaType type) {
    Props p = props.get(type);
    if (p == null) {
      p = introspect(type);
      props.putIfAbsent(type, p);
    }
    return p;
  }

  private Props introspect(JavaType type) {
    if (!isBean(type)) return Props.NONE;
    Set<String> names = new HashSet<>();
    List<String> uris = new ArrayList<>(2);
    try {
      BeanDescription d = mapper.getDeserializationConfig().introspect(type);
      for (BeanPropertyDefinition p : d.findProperties()) {
        if (!(p.hasSetter() || p.hasField() || p.hasConstructorParameter())) continue;
        names.add(p.getName());
        JavaType t = p.getPrimaryType();
        if (t != null && t.getRawClass() == URI.class) uris.add(p.getName());
      }
    } catch (RuntimeException e) {
      return Props.NONE; // a type Jackson cannot introspect: decoding it will say why
    }
    return new Props(Set.copyOf(names), List.copyOf(uris));
  }

  /** Whether {@code type} is a type with properties of its own (not a collection, map, tree, JDK type). */
  static boolean isBean(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isContainerType() || type.isPrimitive() || type.isEnumType() || raw.isArray()
        || raw.isInterface() || raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
      return false;
    }
    String pkg = raw.getPackageName();
    return !(pkg.startsWith("java.") || pkg.startsWith("javax."));
  }
}
