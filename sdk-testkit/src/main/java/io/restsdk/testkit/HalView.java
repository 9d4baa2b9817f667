package io.restsdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * HAL rendering of stored documents, shaped as Spring Data REST sends them. Stored documents keep
 * reference fields as URI strings; only the representation turns them into {@code _links}.
 */
final class HalView {
  static final String HAL_JSON = "application/hal+json";
  static final String JSON = "application/json";

  private final Store store;

  HalView(Store store) {
    this.store = store;
  }

  /**
   * The content type of a HAL answer: {@code application/json} when the request's {@code Accept}
   * names it and not HAL (what Spring Data REST does for such clients), HAL otherwise.
   */
  static String contentType(@Nullable String accept) {
    if (accept == null) {
      return HAL_JSON;
    }
    String lower = accept.toLowerCase(Locale.ROOT);
    return lower.contains(JSON) && !lower.contains(HAL_JSON) ? JSON : HAL_JSON;
  }

  /**
   * One item: its fields without the reference fields, then {@code _links} with {@code self}, the
   * item relation (same href) and one link per reference that names an item of this server.
   */
  ObjectNode item(CollectionState collection, StoredItem item) {
    ObjectNode node = item.document().deepCopy();
    String self = store.itemUrl(collection.name, item.id()).toString();
    ObjectNode links = Json.MAPPER.createObjectNode();
    links.set("self", href(self));
    links.set(itemRel(collection.name), href(self));
    for (Map.Entry<String, String> reference : collection.references.entrySet()) {
      JsonNode value = node.remove(reference.getKey());
      if (value == null || !value.isTextual()) {
        continue;
      }
      ItemRef ref = store.resolveReference(value.asText());
      if (ref != null && ref.id() != null) {
        links.set(reference.getKey(), href(store.itemUrl(ref.collection(), ref.id()).toString()));
      }
    }
    node.set("_links", links);
    return node;
  }

  /** One page of a collection; an empty page has no {@code _embedded}, as Spring Data REST sends it. */
  ObjectNode page(CollectionState collection, PageRequest page, List<StoredItem> items, int total) {
    ObjectNode node = Json.MAPPER.createObjectNode();
    if (!items.isEmpty()) {
      ArrayNode array = node.putObject("_embedded").putArray(collection.name);
      items.forEach(item -> array.add(item(collection, item)));
    }
    ObjectNode links = node.putObject("_links");
    for (Map.Entry<String, HttpUrl> link : page.links(total).entrySet()) {
      links.set(link.getKey(), href(link.getValue().toString()));
    }
    links.set("profile", href(store.base().newBuilder().addPathSegment("profile").addPathSegment(collection.name).build().toString()));
    ObjectNode meta = node.putObject("page");
    meta.put("size", page.size);
    meta.put("totalElements", total);
    meta.put("totalPages", page.totalPages(total));
    meta.put("number", page.number);
    return node;
  }

  /**
   * A document a client sent in the HAL style: {@code _links} and {@code _embedded} are dropped (a
   * client may echo what it read); references are sent as fields holding the target's URI.
   */
  static ObjectNode incoming(ObjectNode document) {
    document.remove("_links");
    document.remove("_embedded");
    return document;
  }

  /**
   * The relation of one item of a collection, Spring Data REST's uncapitalized entity name, here
   * the collection's name made singular: {@code books} → {@code book}, {@code categories} →
   * {@code category}.
   */
  static String itemRel(String collection) {
    if (collection.length() > 3 && collection.endsWith("ies")) {
      return collection.substring(0, collection.length() - 3) + "y";
    }
    if (collection.length() > 1 && collection.endsWith("s") && !collection.endsWith("ss")) {
      return collection.substring(0, collection.length() - 1);
    }
    return collection;
  }

  private static ObjectNode href(String url) {
    ObjectNode link = Json.MAPPER.createObjectNode();
    link.put("href", url);
    return link;
  }
}
