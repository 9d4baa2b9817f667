package io.restsdk.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A named collection of JSON documents in a {@link MockApiServer}: seed it, declare its rules
 * (unique fields, references to other collections) and read its state back in assertions.
 *
 * <pre>{@code
 * MockCollection authors = server.collection("authors").unique("email");
 * authors.put("1", "{\"name\":\"Ursula\",\"email\":\"ul@example.com\"}");
 * MockCollection books = server.collection("books").reference("author", "authors");
 * books.put("1", Map.of("title", "The Dispossessed", "author", authors.uri("1").toString()));
 * assertEquals("The Dispossessed", books.get("1").get("title").asText());
 * }</pre>
 *
 * <p>Every stored document carries its id in an {@code "id"} field, set by the server. Seeding
 * ({@link #put}, {@link #add}) bypasses the reference and uniqueness checks, so collections can
 * be seeded in any order; requests over HTTP never do.
 */
public final class MockCollection {
  private final Store store;
  private final CollectionState state;

  MockCollection(Store store, CollectionState state) {
    this.store = store;
    this.state = state;
  }

  /** The collection's name, its first path segment under the base URL. */
  public String name() {
    return state.name;
  }

  /**
   * Declares fields whose values must be unique within the collection; a POST, PUT or PATCH that
   * would duplicate one is answered 409.
   */
  public MockCollection unique(String... fields) {
    synchronized (store) {
      state.uniqueFields.addAll(List.of(fields));
    }
    return this;
  }

  /**
   * Declares that {@code field} holds the URI of an item of {@code targetCollection} (absolute, or
   * a path). Writing an unknown target (or a URI of another origin), or deleting a target that is
   * still referred to, is answered 409; a value that is not a string, 400. The target collection
   * is created if needed. In the {@link ResponseStyle#HAL} style the field is not shown: it
   * becomes {@code _links.<field>.href}, the target's absolute URI; clients write it back as that
   * URI.
   */
  public MockCollection reference(String field, String targetCollection) {
    store.getOrCreate(targetCollection);
    synchronized (store) {
      state.references.put(field, targetCollection);
    }
    return this;
  }

  /**
   * Stores a document under {@code id}, replacing any existing one and giving it a new ETag.
   *
   * @param document a JSON string, a Jackson {@code JsonNode}, a {@code Map} or a POJO that Jackson
   *     can serialize; it must be a JSON object
   */
  public MockCollection put(String id, Object document) {
    if (id.isEmpty()) {
      throw new IllegalArgumentException("The id must not be empty");
    }
    ObjectNode object = Json.toObject(document);
    object.put(ApiHandler.ID_FIELD, id);
    synchronized (store) {
      long revision = store.nextRevision();
      state.items.put(id, new StoredItem(id, object, revision));
      state.revision = revision;
    }
    return this;
  }

  /** Stores a document under a newly generated id, as a POST would, and returns the id. */
  public String add(Object document) {
    synchronized (store) {
      String id = state.nextId();
      put(id, document);
      return id;
    }
  }

  /** A copy of the document stored under {@code id}, or {@code null} if there is none. */
  public @Nullable ObjectNode get(String id) {
    synchronized (store) {
      StoredItem item = state.items.get(id);
      return item == null ? null : item.document().deepCopy();
    }
  }

  /**
   * The document under {@code id} converted with Jackson (unknown properties ignored), or {@code
   * null} if there is none.
   */
  public <T> @Nullable T get(String id, Class<T> type) {
    ObjectNode node = get(id);
    return node == null ? null : Json.LENIENT.convertValue(node, type);
  }

  /** The current strong ETag of the item, quotes included, or {@code null} if it does not exist. */
  public @Nullable String etag(String id) {
    synchronized (store) {
      StoredItem item = state.items.get(id);
      return item == null ? null : item.etag();
    }
  }

  /** The current ETag of the collection itself (it changes whenever any of its items does). */
  public String etag() {
    synchronized (store) {
      return state.etag();
    }
  }

  /** Whether an item with this id exists. */
  public boolean contains(String id) {
    synchronized (store) {
      return state.items.containsKey(id);
    }
  }

  /** The ids of the items, in insertion order. */
  public List<String> ids() {
    synchronized (store) {
      return new ArrayList<>(state.items.keySet());
    }
  }

  /** The number of items. */
  public int size() {
    synchronized (store) {
      return state.items.size();
    }
  }

  /** Removes an item without any check; returns whether it existed. */
  public boolean remove(String id) {
    synchronized (store) {
      boolean removed = state.items.remove(id) != null;
      if (removed) {
        state.revision = store.nextRevision();
      }
      return removed;
    }
  }

  /** Removes every item. */
  public void clear() {
    synchronized (store) {
      state.items.clear();
      state.revision = store.nextRevision();
    }
  }

  /** The absolute URI of an item, e.g. {@code http://127.0.0.1:PORT/v1/books/1}. */
  public URI uri(String id) {
    return store.itemUrl(state.name, id).uri();
  }

  /** The absolute URI of the collection, e.g. {@code http://127.0.0.1:PORT/v1/books}. */
  public URI uri() {
    return store.base().newBuilder().addPathSegment(state.name).build().uri();
  }

  @Override
  public String toString() {
    return "MockCollection[" + state.name + ", " + size() + " items]";
  }
}
