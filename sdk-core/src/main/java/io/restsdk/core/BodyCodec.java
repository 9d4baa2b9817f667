package io.restsdk.core;

import java.io.IOException;
import java.lang.reflect.Type;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * How a client turns the application's objects into request bodies and response bodies into
 * the application's types: the one place a JSON library is used. Pick one with
 * {@link RestClient.Builder#codec(BodyCodec)}; the default is {@link Jackson2Codec} over a
 * plain Jackson 2 {@code ObjectMapper}. The module {@code sdk-jackson3} provides
 * {@code Jackson3Codec} for Jackson 3's {@code JsonMapper}.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .codec(Jackson2Codec.of(myObjectMapper))      // or Jackson3Codec.of(myJsonMapper)
 *     .build();
 * }</pre>
 *
 * <p>What the SDK reads from bodies for itself (HAL links and pages, cursors and next links,
 * JSON:API documents, error bodies, the outcome check) it reads with its own small JSON
 * reader, and hands the codec the exact bytes of what the application's type is bound from:
 * a codec only encodes and decodes application values. Implementations must be thread-safe
 * and should keep whatever they compute per type (Jackson's readers) so that a decode does
 * not look it up again.
 */
public interface BodyCodec {
  /** The {@code Content-Type} of what {@link #encode} writes. Default: {@code application/json}. */
  default String contentType() {
    return "application/json; charset=utf-8";
  }

  /**
   * Whether a response body of {@code mediaType} ({@code type/subtype}, lower case, no
   * parameters, e.g. {@code application/hal+json}) is this codec's to decode. Default:
   * {@code application/json} and every {@code application/*+json}. A body of a type the codec
   * does not handle is a {@link DecodeException} (a {@code String} or {@code byte[]} is
   * handed out as it is).
   */
  default boolean handles(String mediaType) {
    String m = mediaType.toLowerCase(Locale.ROOT);
    return m.equals("application/json")
        || (m.startsWith("application/") && m.endsWith("+json"));
  }

  /**
   * {@code value} written as a body of {@link #contentType()}.
   *
   * @throws CodecException (or another {@link IOException}) if it cannot be written
   */
  byte[] encode(Object value) throws IOException;

  /**
   * {@code body} read as {@code type} (a {@link Class} or a generic type from a
   * {@link TypeRef}); null only for a body that is JSON {@code null}. Properties the type does
   * not declare must be ignored: a HAL body's {@code _links} never breaks a type.
   *
   * @throws CodecException (or another {@link IOException}) if the body is not JSON or does
   *     not fit the type
   */
  <T> @Nullable T decode(byte[] body, Type type) throws IOException;

  /**
   * The JSON members a body of {@code type} can set, by JSON name (after renames and naming
   * strategies), with each one's declared type; null when {@code type} is not read from an
   * object by its properties (a collection, map, tree, scalar or JDK type). The SDK fills a
   * {@link java.net.URI} property that a HAL or JSON:API body leaves out from the link of the
   * same name, and gives a JSON:API resource's {@code id} and {@code type} to a type that has
   * them. Called once per type. Default: null (no associations are filled).
   */
  default @Nullable Map<String, Type> properties(Type type) {
    return null;
  }

  /**
   * Whether this codec's configuration changes how values of {@code type} are read, beyond what
   * the class itself declares (Jackson: a mix-in registered for it). The SDK hands out the value
   * decoded before after a 304 only for deeply immutable types the codec reads as declared (see
   * {@link RestClient.Builder#reuseDecodedBodies(boolean)}). Called once per type. Default:
   * false.
   */
  default boolean customizes(Class<?> type) {
    return false;
  }

  /**
   * Whether {@code value} is this codec's own JSON tree (a Jackson {@code JsonNode}), which a
   * merge patch sends as it is, nulls included. Default: false.
   */
  default boolean isTree(Object value) {
    return false;
  }
}
