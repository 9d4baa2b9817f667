package io.restsdk.core;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.TokenBuffer;
import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * JSON:API ({@code application/vnd.api+json}) documents holding a single resource,
 * {@code {"data":{"id":…,"type":…,"attributes":{…},"relationships":{…},"links":{…}}}}: the
 * caller's type is read from {@code data.attributes}, plus {@code id} and {@code type} when the
 * type declares them and the attributes do not hold them.
 *
 * <ul>
 *   <li>Links: those of {@code data.links}, then one per relationship with a
 *       {@code links.related} (named after the relationship), then the document's top-level
 *       {@code links}; a link is a string or an object with {@code href}.
 *   <li>Associations: a {@link URI} property named after a relationship and absent from the
 *       attributes is filled with its {@code related} link, as HAL associations are.
 *   <li>A type that declares a {@code data} property models the document itself, and a
 *       collection, map or tree type wants all of it: those get the whole document, as any JSON.
 *       So does a document whose {@code data} is not one object (a list, {@code null}) for such
 *       types; for any other type it is a decode failure naming what is missing.
 * </ul>
 */
final class JsonApi {
  private JsonApi() {}

  static <T> Hal.Decoded<T> decode(RestClient client, JavaType type, byte[] body, HttpUrl base)
      throws IOException {
    if (!Readers.isBean(type) || client.readers.hasProperty(type, "data")) {
      return Hal.Decoded.of(client.readers.reader(type).readValue(body));
    }
    try (JsonParser p = client.mapper.createParser(body)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        return Hal.Decoded.of(client.readers.reader(type).readValue(p));
      }
      TokenBuffer value = null;
      Links links = Links.empty();
      Links top = Links.empty();
      for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
        String name = p.currentName();
        JsonToken v = p.nextToken();
        if (name.equals("data") && v == JsonToken.START_OBJECT && value == null) {
          value = new TokenBuffer(p);
          links = resource(client, type, p, base, value);
        } else if (name.equals("links") && v == JsonToken.START_OBJECT) {
          top = links(p.readValueAsTree(), base);
        } else {
          p.skipChildren();
        }
      }
      if (value == null) {
        throw JsonMappingException.from(p,
            "a JSON:API document without one resource object in \"data\"");
      }
      T decoded = client.readers.reader(type).readValue(value.asParser(p));
      return new Hal.Decoded<>(decoded, links.and(top));
    }
  }

  /** Buffers the value of the resource object {@code p} is at; returns its links. */
  private static Links resource(RestClient client, JavaType type, JsonParser p, HttpUrl base,
      TokenBuffer buf) throws IOException {
    buf.writeStartObject();
    Set<String> present = new HashSet<>();
    String id = null;
    String kind = null;
    Links own = Links.empty();
    Links related = Links.empty();
    for (JsonToken t = p.nextToken(); t == JsonToken.FIELD_NAME; t = p.nextToken()) {
      String name = p.currentName();
      JsonToken v = p.nextToken();
      if (name.equals("id") && v.isScalarValue()) {
        id = p.getValueAsString();
      } else if (name.equals("type") && v == JsonToken.VALUE_STRING) {
        kind = p.getText();
      } else if (name.equals("attributes") && v == JsonToken.START_OBJECT) {
        for (JsonToken a = p.nextToken(); a == JsonToken.FIELD_NAME; a = p.nextToken()) {
          present.add(p.currentName());
          buf.writeFieldName(p.currentName());
          p.nextToken();
          buf.copyCurrentStructure(p);
        }
      } else if (name.equals("links") && v == JsonToken.START_OBJECT) {
        own = links(p.readValueAsTree(), base);
      } else if (name.equals("relationships") && v == JsonToken.START_OBJECT) {
        related = relationships(p.readValueAsTree(), base);
      } else {
        p.skipChildren();
      }
    }
    if (id != null) fill(client, type, buf, present, "id", id);
    if (kind != null) fill(client, type, buf, present, "type", kind);
    for (String name : client.readers.associations(type)) {
      if (present.contains(name)) continue;
      Optional<URI> href = related.href(name);
      if (href.isPresent()) {
        buf.writeFieldName(name);
        buf.writeString(href.get().toString());
      }
    }
    buf.writeEndObject();
    return own.and(related);
  }

  private static void fill(RestClient client, JavaType type, TokenBuffer buf, Set<String> present,
      String name, String value) throws IOException {
    if (present.contains(name) || !client.readers.hasProperty(type, name)) return;
    buf.writeFieldName(name);
    buf.writeString(value);
  }

  /** JSON:API links (strings, or objects with {@code href}) as {@link Links}. */
  private static Links links(@Nullable JsonNode links, HttpUrl base) {
    if (links == null || !links.isObject()) return Links.empty();
    ObjectNode hal = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : links.properties()) {
      JsonNode link = e.getValue();
      if (link.isTextual()) hal.putObject(e.getKey()).put("href", link.asText());
      else if (link.isObject()) hal.set(e.getKey(), link);
    }
    return Links.fromHal(hal, base);
  }

  /** One link per relationship that has a {@code links.related}, named after it. */
  private static Links relationships(@Nullable JsonNode relationships, HttpUrl base) {
    if (relationships == null || !relationships.isObject()) return Links.empty();
    ObjectNode related = JsonNodeFactory.instance.objectNode();
    for (Map.Entry<String, JsonNode> e : relationships.properties()) {
      JsonNode link = e.getValue().path("links").get("related");
      if (link != null) related.set(e.getKey(), link);
    }
    return links(related, base);
  }
}
