package io.restsdk.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * HAL ({@code application/hal+json}, HAL-FORMS) bodies: one JSON object decoded into the
 * caller's type, with its {@code _links} kept as {@link Links}.
 *
 * <ul>
 *   <li>{@code _links} and {@code _embedded} are properties the caller's type need not declare:
 *       the client's reader ignores unknown properties.
 *   <li>Associations: a property of the caller's type of type {@link URI} that the object
 *       leaves out is filled with the {@code href} of the link of the same name (not
 *       {@code self}), absolute, a templated one without its {@code {...}} expressions (see
 *       {@link Readers}). A property the object has, even as {@code null}, is left as it is.
 *   <li>A body is read once: its tokens are buffered as they are parsed, {@code _links} (small)
 *       as a tree, and the value is bound from the buffer, so numbers keep the exact text they
 *       were sent with (a {@code BigDecimal} keeps its scale).
 * </ul>
 */
final class Hal {
  private static final byte[] LINKS = "\"_links\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  private Hal() {}

  /** A value decoded from one JSON object, with that object's HAL links. */
  record Decoded<T>(@Nullable T value, Links links) {
    static <T> Decoded<T> of(@Nullable T value) {
      return new Decoded<>(value, Links.empty());
    }
  }

  /**
   * {@code node} decoded as {@code type}, with the links of its {@code _links} resolved against
   * {@code base} and its associations filled from them.
   *
   * @throws IOException if the node does not fit the type
   */
  static <T> Decoded<T> decode(RestClient client, JavaType type, JsonNode node, HttpUrl base)
      throws IOException {
    Links links = Links.fromHal(node.get("_links"), base);
    JsonNode source = node;
    if (node instanceof ObjectNode object && !links.isEmpty()) {
      ObjectNode filled = null;
      for (String name : client.readers.associations(type)) {
        if (object.has(name)) continue;
        Optional<URI> href = association(links, name);
        if (href.isEmpty()) continue;
        if (filled == null) { // a shallow copy: the caller's tree stays as it was
          filled = object.objectNode();
          filled.setAll(object);
        }
        filled.put(name, href.get().toString());
      }
      if (filled != null) source = filled;
    }
    T value = client.readers.reader(type).readValue(source);
    return new Decoded<>(value, links);
  }

  /**
   * {@code body}, a JSON document, decoded as {@code type}; when it is an object, with the links
   * of its {@code _links} resolved against {@code base} and its associations filled from them.
   *
   * @throws IOException if the body is not JSON or does not fit the type
   */
  static <T> Decoded<T> decode(RestClient client, JavaType type, byte[] body, HttpUrl base)
      throws IOException {
    try (JsonParser p = client.mapper.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Decoded.of(client.readers.reader(type).readValue(p)); // an array, a scalar, null
      }
      List<String> wanted = client.readers.associations(type);
      Set<String> present = wanted.isEmpty() ? Set.of() : new HashSet<>();
      TokenBuffer buf = new TokenBuffer(p);
      buf.writeStartObject();
      JsonNode halLinks = null;
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        if (!wanted.isEmpty()) present.add(name);
        buf.writeFieldName(name);
        p.nextToken();
        if (halLinks == null && name.equals("_links")) {
          halLinks = p.readValueAsTree();
          if (halLinks == null) buf.writeNull();
          else buf.writeTree(halLinks);
        } else {
          buf.copyCurrentStructure(p);
        }
      }
      Links links = Links.fromHal(halLinks, base);
      for (String name : wanted) {
        if (present.contains(name)) continue;
        Optional<URI> href = association(links, name);
        if (href.isEmpty()) continue;
        buf.writeFieldName(name);
        buf.writeString(href.get().toString());
      }
      buf.writeEndObject();
      T value = client.readers.reader(type).readValue(buf.asParser(p));
      return new Decoded<>(value, links);
    }
  }

  private static Optional<URI> association(Links links, String name) {
    return name.equalsIgnoreCase("self") ? Optional.empty() : links.href(name);
  }

  /**
   * Whether {@code body} holds {@code "_links"} anywhere: a scan without parsing, so a plain JSON
   * body is not read twice to look for links it does not have.
   */
  static boolean mentionsLinks(byte[] body) {
    byte first = LINKS[0];
    int last = body.length - LINKS.length;
    outer:
    for (int i = 0; i <= last; i++) {
      if (body[i] != first) continue;
      for (int j = 1; j < LINKS.length; j++) {
        if (body[i + j] != LINKS[j]) continue outer;
      }
      return true;
    }
    return false;
  }
}
