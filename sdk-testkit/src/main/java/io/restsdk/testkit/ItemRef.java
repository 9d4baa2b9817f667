package io.restsdk.testkit;

import org.jspecify.annotations.Nullable;

/** A parsed resource path: a collection, and an item id or {@code null} for the collection. */
record ItemRef(String collection, @Nullable String id) {

  /** A stable key, e.g. {@code books/1}. */
  String key() {
    return id == null ? collection : collection + "/" + id;
  }
}
