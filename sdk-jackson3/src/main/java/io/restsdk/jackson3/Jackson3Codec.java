package io.restsdk.jackson3;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.BodyCodec;
import io.restsdk.core.CodecException;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.introspect.BeanPropertyDefinition;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Jackson 3 codec ({@code tools.jackson.databind}): bodies are written and read with the
 * application's {@link JsonMapper}, so its modules, naming strategy and date formats apply to
 * restsdk's bodies too (Spring Boot 4's mapper, for one). Unknown properties are ignored when
 * reading, whatever the mapper says, so a HAL body's {@code _links} never breaks a type.
 *
 * <p>Records and classes annotated with {@code com.fasterxml.jackson.annotation} (which
 * Jackson 2 and 3 share, as the code restsdk's generator writes is) read and write the same as
 * under the default Jackson 2 codec. An application on Jackson 3 only may leave Jackson 2's
 * {@code jackson-databind} out of its build (exclude it from {@code sdk-core}).
 *
 * <pre>{@code
 * JsonMapper mapper = JsonMapper.builder()
 *     .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
 *     .build();
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .codec(Jackson3Codec.of(mapper))
 *     .build();
 * }</pre>
 *
 * Thread-safe; each type's {@link ObjectReader} is made once and kept.
 */
public final class Jackson3Codec implements BodyCodec {
  private final JsonMapper mapper;
  private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  private Jackson3Codec(JsonMapper mapper) {
    this.mapper = mapper;
  }

  /** A codec over the application's mapper (used as it is; Jackson 3 mappers are immutable). */
  public static Jackson3Codec of(JsonMapper mapper) {
    return new Jackson3Codec(requireNonNull(mapper, "mapper == null"));
  }

  /** A codec over a plain {@code JsonMapper} with the modules found on the class path. */
  public static Jackson3Codec defaults() {
    return new Jackson3Codec(JsonMapper.builder()
        .findAndAddModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .build());
  }

  /** The mapper bodies are written and read with. */
  public JsonMapper mapper() {
    return mapper;
  }

  @Override
  public byte[] encode(Object value) throws IOException {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JacksonException e) {
      throw failure(e);
    }
  }

  @Override
  public <T> @Nullable T decode(byte[] body, Type type) throws IOException {
    try {
      return reader(type).readValue(body);
    } catch (JacksonException e) {
      throw failure(e);
    }
  }

  private ObjectReader reader(Type type) {
    ObjectReader r = readers.get(type);
    if (r == null) {
      r = mapper.readerFor(mapper.constructType(type))
          .without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
      ObjectReader before = readers.putIfAbsent(type, r);
      if (before != null) r = before;
    }
    return r;
  }

  /** Properties found by Jackson's own introspection for deserialization. */
  @Override
  public @Nullable Map<String, Type> properties(Type type) {
    JavaType t = mapper.constructType(type);
    if (!isBean(t)) return null;
    Map<String, Type> out = new LinkedHashMap<>();
    try {
      BeanDescription d = mapper._deserializationContext().introspectBeanDescription(t);
      for (BeanPropertyDefinition p : d.findProperties()) {
        if (!(p.hasSetter() || p.hasField() || p.hasConstructorParameter())) continue;
        JavaType pt = p.getPrimaryType();
        out.put(p.getName(), pt == null ? Object.class : pt.getRawClass());
      }
    } catch (RuntimeException e) {
      return Map.of(); // a type Jackson cannot introspect: decoding it will say why
    }
    return out;
  }

  /** Whether the mapper has a mix-in for {@code type}. */
  @Override
  public boolean customizes(Class<?> type) {
    return mapper.deserializationConfig().findMixInClassFor(type) != null;
  }

  @Override
  public boolean isTree(Object value) {
    return value instanceof JsonNode;
  }

  private static boolean isBean(JavaType type) {
    Class<?> raw = type.getRawClass();
    if (type.isContainerType() || type.isPrimitive() || type.isEnumType() || raw.isArray()
        || raw.isInterface() || raw == Object.class || JsonNode.class.isAssignableFrom(raw)) {
      return false;
    }
    String pkg = raw.getPackageName();
    return !(pkg.startsWith("java.") || pkg.startsWith("javax."));
  }

  private static CodecException failure(JacksonException e) {
    TokenStreamLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? new CodecException(e.getOriginalMessage(), e)
        : new CodecException(e.getOriginalMessage(), at.getLineNr(), at.getColumnNr(), e);
  }

  @Override
  public String toString() {
    return "Jackson3Codec";
  }
}
