package io.restsdk.testkit;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * All collections of one server. A single lock (this object's monitor) guards everything, so a
 * conditional write (check the ETag, check references and uniqueness, store) is atomic.
 */
final class Store {
  private final Map<String, CollectionState> collections = new LinkedHashMap<>();
  private final HttpUrl base;
  private long revision;

  Store(HttpUrl base) {
    this.base = base;
  }

  HttpUrl base() {
    return base;
  }

  /** A new revision number; revisions increase over the whole server so ETags never repeat. */
  synchronized long nextRevision() {
    return ++revision;
  }

  synchronized CollectionState getOrCreate(String name) {
    CollectionState state = collections.get(name);
    if (state == null) {
      if (name.isEmpty() || name.contains("/")) {
        throw new IllegalArgumentException("Not a collection name: '" + name + "'");
      }
      state = new CollectionState(name, nextRevision());
      collections.put(name, state);
    }
    return state;
  }

  synchronized @Nullable CollectionState find(String name) {
    return collections.get(name);
  }

  synchronized List<String> names() {
    return List.copyOf(collections.keySet());
  }

  synchronized List<CollectionState> all() {
    return List.copyOf(collections.values());
  }

  /** The absolute URL of an item, as used in {@code Location} headers and references. */
  HttpUrl itemUrl(String collection, String id) {
    return base.newBuilder().addPathSegment(collection).addPathSegment(id).build();
  }

  /**
   * Parses a URL into a collection or item reference, or returns {@code null} when it is not a
   * resource of this server (other host, outside the base path, too deep).
   */
  @Nullable ItemRef route(HttpUrl url) {
    if (!url.scheme().equals(base.scheme())
        || !url.host().equals(base.host())
        || url.port() != base.port()) {
      return null;
    }
    List<String> prefix = base.pathSegments();
    List<String> segments = url.pathSegments();
    // The base URL ends with '/', so its last segment is the empty string.
    int prefixSize = prefix.size() - 1;
    if (segments.size() <= prefixSize || !segments.subList(0, prefixSize).equals(prefix.subList(0, prefixSize))) {
      return null;
    }
    List<String> rest = segments.subList(prefixSize, segments.size());
    if (rest.size() == 2 && rest.get(1).isEmpty()) {
      rest = rest.subList(0, 1); // "books/" is the collection
    }
    if (rest.isEmpty() || rest.get(0).isEmpty() || rest.size() > 2) {
      return null;
    }
    if (rest.size() == 1) {
      return new ItemRef(rest.get(0), null);
    }
    return rest.get(1).isEmpty() ? null : new ItemRef(rest.get(0), rest.get(1));
  }

  /**
   * Resolves a reference value (an absolute URI, an absolute path or a path relative to the base
   * URL) to an item reference, or {@code null} when it does not name an item of this server.
   */
  @Nullable ItemRef resolveReference(String value) {
    HttpUrl url = base.resolve(value);
    if (url == null) {
      return null;
    }
    ItemRef ref = route(url);
    return ref == null || ref.id() == null ? null : ref;
  }
}
