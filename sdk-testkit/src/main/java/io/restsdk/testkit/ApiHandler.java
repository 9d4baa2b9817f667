package io.restsdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * The conforming behaviour of the fake: routing of collection and item requests to the store,
 * conditional requests, paging, the HAL style, merge patch and JSON Patch, references and
 * uniqueness. Authentication and faults are handled before and after this, by {@link
 * ApiDispatcher}.
 */
final class ApiHandler {
  /** The field in which every stored document carries its own id. */
  static final String ID_FIELD = "id";

  private static final String COLLECTION_METHODS = "GET, HEAD, POST";
  private static final String ITEM_METHODS = "GET, HEAD, PUT, PATCH, DELETE";

  /** The PATCH media types accepted, as sent in {@code Accept-Patch} with a 415. */
  static final String ACCEPT_PATCH = "application/merge-patch+json, application/json-patch+json, application/json";

  private final Store store;
  private final ServerOptions options;
  private final HalView hal;

  ApiHandler(Store store, ServerOptions options) {
    this.store = store;
    this.options = options;
    this.hal = new HalView(store);
  }

  /** A request as the handler needs it. */
  record Request(
      String method,
      HttpUrl url,
      @Nullable String ifMatch,
      @Nullable String ifNoneMatch,
      @Nullable String contentType,
      @Nullable String accept,
      String body) {}

  Reply handle(Request request) {
    ItemRef ref = store.route(request.url());
    if (ref == null) {
      return Reply.noBody(404);
    }
    synchronized (store) {
      CollectionState collection = store.find(ref.collection());
      if (collection == null) {
        return Reply.noBody(404);
      }
      String id = ref.id();
      return id == null ? handleCollection(request, collection) : handleItem(request, collection, id);
    }
  }

  private Reply handleCollection(Request request, CollectionState collection) {
    switch (request.method()) {
      case "GET", "HEAD" -> {
        return list(request, collection);
      }
      case "POST" -> {
        return create(request, collection);
      }
      default -> {
        return Reply.error(405, request.method() + " is not allowed on a collection").header("Allow", COLLECTION_METHODS);
      }
    }
  }

  private Reply handleItem(Request request, CollectionState collection, String id) {
    return switch (request.method()) {
      case "GET", "HEAD" -> read(request, collection, id);
      case "PUT", "PATCH" -> write(request, collection, id);
      case "DELETE" -> delete(request, collection, id);
      default -> Reply.error(405, request.method() + " is not allowed on an item").header("Allow", ITEM_METHODS);
    };
  }

  private Reply list(Request request, CollectionState collection) {
    PageRequest page;
    try {
      page = PageRequest.of(request.url(), options);
    } catch (BadRequest e) {
      return Reply.error(400, e.getMessage());
    }
    String etag = page == null ? collection.etag() : page.etag(collection);
    Preconditions.Outcome outcome =
        Preconditions.evaluate(request.method(), etag, request.ifMatch(), request.ifNoneMatch());
    if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
      return Reply.noBody(304).header("ETag", etag);
    }
    if (outcome == Preconditions.Outcome.FAILED) {
      return Reply.error(412, "The collection " + collection.name + " has changed (ETag " + etag + ")");
    }
    List<StoredItem> all = new ArrayList<>(collection.items.values());
    if (page == null) {
      ArrayNode array = Json.MAPPER.createArrayNode();
      all.forEach(item -> array.add(item.document()));
      return ok(request, Json.write(array), etag);
    }
    List<StoredItem> items = page.slice(all);
    if (options.hal()) {
      return ok(request, Json.write(hal.page(collection, page, items, all.size())), etag);
    }
    ArrayNode array = Json.MAPPER.createArrayNode();
    items.forEach(item -> array.add(item.document()));
    return ok(request, Json.write(array), etag)
        .header("Link", page.linkHeader(all.size()))
        .header("X-Total-Count", Integer.toString(all.size()));
  }

  private Reply read(Request request, CollectionState collection, String id) {
    StoredItem item = collection.items.get(id);
    if (item == null) {
      return Reply.noBody(404);
    }
    Preconditions.Outcome outcome =
        Preconditions.evaluate(request.method(), item.etag(), request.ifMatch(), request.ifNoneMatch());
    if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
      return Reply.noBody(304).header("ETag", item.etag());
    }
    if (outcome == Preconditions.Outcome.FAILED) {
      return preconditionFailed(collection, item);
    }
    return ok(request, Json.write(render(collection, item)), item.etag());
  }

  /** An item as this server's style shows it. */
  private JsonNode render(CollectionState collection, StoredItem item) {
    return options.hal() ? hal.item(collection, item) : item.document();
  }

  /** The content type of this server's successful JSON answers to {@code request}. */
  private String contentType(Request request) {
    return options.hal() ? HalView.contentType(request.accept()) : HalView.JSON;
  }

  private Reply ok(Request request, String body, String etag) {
    Reply reply = request.method().equals("HEAD") ? Reply.noBody(200) : Reply.json(200, body);
    return reply.header("Content-Type", contentType(request)).header("ETag", etag);
  }

  private Reply create(Request request, CollectionState collection) {
    Object stored = storeNew(request, collection, null);
    if (stored instanceof Reply problem) {
      return problem;
    }
    StoredItem item = (StoredItem) stored;
    String id = item.id();
    String representation = Json.write(render(collection, item));
    String type = contentType(request);
    Reply reply = options.createdWithBody() ? Reply.json(201, representation).header("Content-Type", type) : Reply.noBody(201);
    return reply
        .header("Location", store.itemUrl(collection.name, id).toString())
        .header("ETag", item.etag())
        .created(representation, type);
  }

  private Reply write(Request request, CollectionState collection, String id) {
    PatchType patchType = null;
    if (request.method().equals("PATCH")) {
      patchType = PatchType.of(request.contentType());
      if (patchType == null) {
        return Reply.error(415, "PATCH takes Content-Type application/merge-patch+json, application/json-patch+json"
                + " or application/json, got " + (request.contentType() == null ? "none" : request.contentType()))
            .header("Accept-Patch", ACCEPT_PATCH);
      }
    }
    StoredItem current = collection.items.get(id);
    Preconditions.Outcome outcome = Preconditions.evaluate(
        request.method(), current == null ? null : current.etag(), request.ifMatch(), request.ifNoneMatch());
    if (outcome != Preconditions.Outcome.PROCEED) {
      return current == null ? missingPrecondition(collection, id) : preconditionFailed(collection, current);
    }
    if (current == null && patchType == null && isStar(request.ifNoneMatch())) {
      return createAt(request, collection, id); // create-if-absent: PUT with If-None-Match: *
    }
    if (current == null) {
      return Reply.noBody(404);
    }
    ObjectNode document;
    try {
      if (patchType == null) {
        document = incoming(parseObject(request.body()));
      } else if (patchType == PatchType.MERGE) {
        document = (ObjectNode) MergePatch.apply(current.document(), incoming(parseObject(request.body())));
      } else {
        document = jsonPatch(current.document(), request.body());
      }
    } catch (BadRequest e) {
      return Reply.error(400, e.getMessage());
    } catch (JsonPatch.Conflict e) {
      return Reply.error(409, e.getMessage());
    }
    document.put(ID_FIELD, id);
    Reply problem = Integrity.checkWrite(store, collection, id, document);
    if (problem != null) {
      return problem;
    }
    StoredItem item = store(collection, id, document);
    return Reply.noBody(204).header("ETag", item.etag());
  }

  /**
   * The request's body stored as a new item {@code id} (the collection's next id when null,
   * taken only once the body parsed), or the 400/409 that refuses it.
   */
  private Object storeNew(Request request, CollectionState collection, @Nullable String id) {
    ObjectNode document;
    try {
      document = incoming(parseObject(request.body()));
    } catch (BadRequest e) {
      return Reply.error(400, e.getMessage());
    }
    if (id == null) id = collection.nextId();
    document.put(ID_FIELD, id);
    Reply problem = Integrity.checkWrite(store, collection, id, document);
    return problem != null ? problem : store(collection, id, document);
  }

  private static boolean isStar(@Nullable String ifNoneMatch) {
    return ifNoneMatch != null && ifNoneMatch.trim().equals("*");
  }

  /**
   * A PUT with {@code If-None-Match: *} to an id no item has: the item is created under that id,
   * answered like a POST's create (201, {@code Location}, {@code ETag}). A plain PUT to a
   * missing id stays a 404.
   */
  private Reply createAt(Request request, CollectionState collection, String id) {
    Object stored = storeNew(request, collection, id);
    if (stored instanceof Reply problem) {
      return problem;
    }
    StoredItem item = (StoredItem) stored;
    return Reply.noBody(201)
        .header("Location", store.itemUrl(collection.name, id).toString())
        .header("ETag", item.etag());
  }

  private Reply delete(Request request, CollectionState collection, String id) {
    StoredItem current = collection.items.get(id);
    Preconditions.Outcome outcome = Preconditions.evaluate(
        request.method(), current == null ? null : current.etag(), request.ifMatch(), request.ifNoneMatch());
    if (outcome != Preconditions.Outcome.PROCEED) {
      return current == null ? missingPrecondition(collection, id) : preconditionFailed(collection, current);
    }
    if (current == null) {
      return Reply.noBody(404);
    }
    Reply problem = Integrity.checkDelete(store, collection, id);
    if (problem != null) {
      return problem;
    }
    collection.items.remove(id);
    collection.revision = store.nextRevision();
    return Reply.noBody(204);
  }

  private StoredItem store(CollectionState collection, String id, ObjectNode document) {
    long revision = store.nextRevision();
    StoredItem item = new StoredItem(id, document, revision);
    collection.items.put(id, item);
    collection.revision = revision;
    return item;
  }

  private static Reply preconditionFailed(CollectionState collection, StoredItem current) {
    return Reply.error(
        412, collection.name + "/" + current.id() + " has changed; its current ETag is " + current.etag());
  }

  private static Reply missingPrecondition(CollectionState collection, String id) {
    return Reply.error(412, collection.name + "/" + id + " does not exist, so the precondition fails");
  }

  /** A document as a client sent it; in the HAL style without {@code _links} and {@code _embedded}. */
  private ObjectNode incoming(ObjectNode document) {
    return options.hal() ? HalView.incoming(document) : document;
  }

  private static ObjectNode jsonPatch(ObjectNode current, String body) throws BadRequest, JsonPatch.Conflict {
    if (body.isBlank()) {
      throw new BadRequest("A JSON Patch body (a JSON array of operations) is required");
    }
    JsonNode patch;
    try {
      patch = Json.parse(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("Malformed JSON: " + e.getOriginalMessage());
    }
    JsonNode patched = JsonPatch.apply(current, patch);
    if (!(patched instanceof ObjectNode object)) {
      throw new BadRequest("The patched document must be a JSON object, got "
          + patched.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return object;
  }

  /** The kinds of PATCH body the fake understands. */
  enum PatchType {
    /** RFC 7396, {@code application/merge-patch+json}, or {@code application/json} as Spring Data REST takes it. */
    MERGE,
    /** RFC 6902, {@code application/json-patch+json}. */
    JSON_PATCH;

    static @Nullable PatchType of(@Nullable String contentType) {
      MediaType type = contentType == null ? null : MediaType.parse(contentType);
      if (type == null || !type.type().equalsIgnoreCase("application")) {
        return null;
      }
      return switch (type.subtype().toLowerCase(Locale.ROOT)) {
        case "merge-patch+json", "json" -> MERGE;
        case "json-patch+json" -> JSON_PATCH;
        default -> null;
      };
    }
  }

  static ObjectNode parseObject(String body) throws BadRequest {
    if (body.isBlank()) {
      throw new BadRequest("A JSON object body is required");
    }
    JsonNode node;
    try {
      node = Json.parse(body);
    } catch (JsonProcessingException e) {
      throw new BadRequest("Malformed JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode object)) {
      throw new BadRequest("The body must be a JSON object, got " + node.getNodeType().toString().toLowerCase(Locale.ROOT));
    }
    return object;
  }

  /** A client error detected while reading the request body. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
      super(message, null, false, false);
    }
  }
}
