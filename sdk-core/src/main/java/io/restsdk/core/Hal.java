package io.restsdk.core;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import okhttp3.HttpUrl;

/**
 * HAL ({@code application/hal+json}) bodies: one JSON object decoded into the caller's type,
 * with its {@code _links} kept as {@link Links}. {@code _links} and {@code _embedded} are
 * properties the caller's type does not declare and the client's reader ignores.
 */
final class Hal {
  private Hal() {}

  /** A value decoded from one JSON object, with that object's HAL links. */
  record Decoded<T>(T value, Links links) {}

  /**
   * {@code node} decoded as {@code type}, with the links of its {@code _links} resolved against
   * {@code base}.
   *
   * @throws IOException if the node does not fit the type
   */
  static <T> Decoded<T> decode(RestClient client, JavaType type, JsonNode node, HttpUrl base)
      throws IOException {
    Links links = Links.fromHal(node.get("_links"), base);
    T value = client.reader(type).readValue(node);
    return new Decoded<>(value, links);
  }
}
