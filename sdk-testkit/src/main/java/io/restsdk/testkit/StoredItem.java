package io.restsdk.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One document of a collection at one revision. Immutable by convention: the document is never
 * mutated after it is stored, writes store a new item.
 */
record StoredItem(String id, ObjectNode document, long revision) {

  /** The strong entity tag, unique across the server's lifetime (revisions never repeat). */
  String etag() {
    return "\"v" + revision + "\"";
  }
}
