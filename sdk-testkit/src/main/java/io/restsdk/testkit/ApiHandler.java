package io.restsdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The conforming behaviour of the fake: routing of collection and item requests to the store,
 * conditional requests, merge patch, references and uniqueness. Authentication and faults are
 * handled before and after this, by {@link ApiDispatcher}.
 */
final class ApiHandler {
  /** The field in which every stored document carries its own id. */
  static final String ID_FIELD = "id";

  private static final String COLLECTION_METHODS = "GET, HEAD, POST";
  private static final String ITEM_METHODS = "GET, HEAD, PUT, PATCH, DELETE";

  private final Store store;

  ApiHandler(Store store) {
    this.store = store;
  }

  /** A request as the handler needs it. */
  record Request(String method, HttpUrl url, @Nullable String ifMatch, @Nullable String ifNoneMatch, String body) {}

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
    String etag = collection.etag();
    Preconditions.Outcome outcome =
        Preconditions.evaluate(request.method(), etag, request.ifMatch(), request.ifNoneMatch());
    if (outcome == Preconditions.Outcome.NOT_MODIFIED) {
      return Reply.noBody(304).header("ETag", etag);
    }
    if (outcome == Preconditions.Outcome.FAILED) {
      return Reply.error(412, "The collection " + collection.name + " has changed (ETag " + etag + ")");
    }
    ArrayNode array = Json.MAPPER.createArrayNode();
    collection.items.values().forEach(item -> array.add(item.document()));
    return ok(request, Json.write(array), etag);
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
    return ok(request, Json.write(item.document()), item.etag());
  }

  private static Reply ok(Request request, String body, String etag) {
    if (request.method().equals("HEAD")) {
      return Reply.noBody(200).header("ETag", etag).header("Content-Type", "application/json");
    }
    return Reply.json(200, body).header("ETag", etag);
  }

  private Reply create(Request request, CollectionState collection) {
    ObjectNode document;
    try {
      document = parseObject(request.body());
    } catch (BadRequest e) {
      return Reply.error(400, e.getMessage());
    }
    String id = collection.nextId();
    document.put(ID_FIELD, id);
    Reply problem = Integrity.checkWrite(store, collection, id, document);
    if (problem != null) {
      return problem;
    }
    StoredItem item = store(collection, id, document);
    return Reply.noBody(201)
        .header("Location", store.itemUrl(collection.name, id).toString())
        .header("ETag", item.etag())
        .created(Json.write(item.document()));
  }

  private Reply write(Request request, CollectionState collection, String id) {
    StoredItem current = collection.items.get(id);
    Preconditions.Outcome outcome = Preconditions.evaluate(
        request.method(), current == null ? null : current.etag(), request.ifMatch(), request.ifNoneMatch());
    if (outcome != Preconditions.Outcome.PROCEED) {
      return current == null ? missingPrecondition(collection, id) : preconditionFailed(collection, current);
    }
    if (current == null) {
      return Reply.noBody(404);
    }
    ObjectNode document;
    try {
      if (request.method().equals("PUT")) {
        document = parseObject(request.body());
      } else {
        JsonNode patched = MergePatch.apply(current.document(), parseObject(request.body()));
        document = (ObjectNode) patched;
      }
    } catch (BadRequest e) {
      return Reply.error(400, e.getMessage());
    }
    document.put(ID_FIELD, id);
    Reply problem = Integrity.checkWrite(store, collection, id, document);
    if (problem != null) {
      return problem;
    }
    StoredItem item = store(collection, id, document);
    return Reply.noBody(204).header("ETag", item.etag());
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
      throw new BadRequest("The body must be a JSON object, got " + node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT));
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
