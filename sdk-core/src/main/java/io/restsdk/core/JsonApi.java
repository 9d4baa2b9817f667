package io.restsdk.core;

import io.restsdk.core.internal.Json;
import java.io.IOException;
import java.lang.reflect.Type;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.HttpUrl;

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

  static <T> Hal.Decoded<T> decode(RestClient client, Type type, byte[] body, HttpUrl base)
      throws IOException {
    if (!client.readers.isBean(type) || client.readers.hasProperty(type, "data")) {
      return Hal.Decoded.of(client.codec.decode(body, type));
    }
    Json.Node doc = Json.parse(body);
    if (!doc.isObject()) return Hal.Decoded.of(client.codec.decode(body, type));
    Json.Node data = doc.get("data");
    if (data == null || !data.isObject()) {
      throw new CodecException("a JSON:API document without one resource object in \"data\"",
          null);
    }
    StringBuilder value = new StringBuilder("{");
    Links links = resource(client, type, data, body, base, value);
    Json.Node top = doc.get("links");
    Links topLinks = top != null && top.isObject() ? links(top, base) : Links.empty();
    T decoded = client.codec.decode(value.append('}').toString()
        .getBytes(StandardCharsets.UTF_8), type);
    return new Hal.Decoded<>(decoded, links.and(topLinks));
  }

  /** Writes the value of the resource object {@code data} to {@code out}; returns its links. */
  private static Links resource(RestClient client, Type type, Json.Node data, byte[] body,
      HttpUrl base, StringBuilder out) {
    Set<String> present = new HashSet<>();
    Json.Node attributes = data.get("attributes");
    if (attributes != null && attributes.isObject()) {
      for (Map.Entry<String, Json.Node> a : attributes.members().entrySet()) {
        present.add(a.getKey());
        member(out, a.getKey());
        Json.Node v = a.getValue();
        out.append(new String(body, v.start(), v.end() - v.start(), StandardCharsets.UTF_8));
      }
    }
    Json.Node id = data.get("id");
    if (id != null && !id.isContainer() && !id.isNull()) {
      fill(client, type, out, present, "id", id.text());
    }
    Json.Node kind = data.get("type");
    if (kind != null && kind.isString()) fill(client, type, out, present, "type", kind.text());
    Json.Node ownLinks = data.get("links");
    Links own = ownLinks != null && ownLinks.isObject() ? links(ownLinks, base) : Links.empty();
    Json.Node rels = data.get("relationships");
    Links related = rels != null && rels.isObject() ? relationships(rels, base) : Links.empty();
    for (String name : client.readers.associations(type)) {
      if (present.contains(name)) continue;
      Optional<URI> href = related.href(name);
      if (href.isPresent()) {
        member(out, name);
        Json.quote(out, href.get().toString());
      }
    }
    return own.and(related);
  }

  private static void member(StringBuilder out, String name) {
    if (out.length() > 1) out.append(',');
    Json.quote(out, name);
    out.append(':');
  }

  private static void fill(RestClient client, Type type, StringBuilder out, Set<String> present,
      String name, String value) {
    if (present.contains(name) || !client.readers.hasProperty(type, name)) return;
    member(out, name);
    Json.quote(out, value);
  }

  /** JSON:API links (strings, or objects with {@code href}) as {@link Links}. */
  private static Links links(Json.Node links, HttpUrl base) {
    return Links.fromJsonApi(links.members(), base);
  }

  /** One link per relationship that has a {@code links.related}, named after it. */
  private static Links relationships(Json.Node relationships, HttpUrl base) {
    Map<String, Json.Node> related = new LinkedHashMap<>();
    for (Map.Entry<String, Json.Node> e : relationships.members().entrySet()) {
      Json.Node l = e.getValue().get("links");
      Json.Node link = l == null ? null : l.get("related");
      if (link != null) related.put(e.getKey(), link);
    }
    return Links.fromJsonApi(related, base);
  }
}
