package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.lang.reflect.Type;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.jspecify.annotations.Nullable;

/**
 * The Jackson 2 codec ({@code com.fasterxml.jackson.databind}), the default: bodies are written
 * and read with the application's {@link ObjectMapper}, its modules, naming strategy and date
 * settings included. Unknown properties are ignored when reading, whatever the mapper says, so
 * a HAL body's {@code _links} never breaks a type that does not declare it.
 *
 * <p>This is the only class of sdk-core whose signatures name Jackson. A client built without
 * {@link RestClient.Builder#codec(BodyCodec)} uses {@link #defaults()} when Jackson 2's
 * {@code jackson-databind} is on the class path; an application on Jackson 3 only uses
 * {@code Jackson3Codec} from {@code sdk-jackson3} instead.
 *
 * <pre>{@code
 * ObjectMapper mapper = new ObjectMapper().findAndRegisterModules()
 *     .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE);
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .codec(Jackson2Codec.of(mapper))
 *     .build();
 * }</pre>
 *
 * Thread-safe; each type's {@link ObjectReader} is made once and kept.
 */
@SuppressWarnings("exports") // Jackson 2 is an optional module: see module-info
public final class Jackson2Codec implements BodyCodec {
  private final ObjectMapper mapper;
  private final ConcurrentMap<Type, ObjectReader> readers = new ConcurrentHashMap<>();

  private Jackson2Codec(ObjectMapper mapper) {
    this.mapper = mapper;
  }

  /** A codec over the application's mapper (used as it is; it is not copied or changed). */
  public static Jackson2Codec of(ObjectMapper mapper) {
    return new Jackson2Codec(requireNonNull(mapper, "mapper == null"));
  }

  /**
   * A codec over a plain {@code ObjectMapper} with the modules on the class path
   * ({@code findAndRegisterModules}), ignoring unknown properties, and reading numbers with
   * Jackson's fast parsers ({@code StreamReadFeature.USE_FAST_DOUBLE_PARSER} and
   * {@code USE_FAST_BIG_NUMBER_PARSER}), as Jackson 3 does by default: the same values as the
   * JDK's parser, bit for bit, in less time and without the garbage it makes for each decimal.
   * {@link #of} leaves an application's mapper as it is.
   */
  public static Jackson2Codec defaults() {
    return new Jackson2Codec(JsonMapper.builder()
        .findAndAddModules()
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER,
            StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        .build());
  }

  /** The mapper bodies are written and read with. */
  public ObjectMapper mapper() {
    return mapper;
  }

  @Override
  public byte[] encode(Object value) throws IOException {
    try {
      return mapper.writeValueAsBytes(value);
    } catch (JsonProcessingException e) {
      throw failure(e);
    }
  }

  @Override
  public <T> @Nullable T decode(byte[] body, Type type) throws IOException {
    try {
      return reader(type).readValue(body);
    } catch (JsonProcessingException e) {
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
      BeanDescription d = mapper.getDeserializationConfig().introspect(t);
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
    return mapper.mixInCount() > 0 && mapper.findMixInClassFor(type) != null;
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

  private static CodecException failure(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1
        ? new CodecException(e.getOriginalMessage(), e)
        : new CodecException(e.getOriginalMessage(), at.getLineNr(), at.getColumnNr(), e);
  }

  @Override
  public String toString() {
    return "Jackson2Codec";
  }
}
