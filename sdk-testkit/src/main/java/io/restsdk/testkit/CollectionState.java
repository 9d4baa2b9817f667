package io.restsdk.testkit;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** The state of one collection. Every field is guarded by the {@link Store}'s lock. */
final class CollectionState {
  final String name;
  final Map<String, StoredItem> items = new LinkedHashMap<>();
  final Set<String> uniqueFields = new LinkedHashSet<>();
  /** Field name to the name of the collection its value must point into. */
  final Map<String, String> references = new LinkedHashMap<>();

  long revision;
  private long idSequence;

  CollectionState(String name, long revision) {
    this.name = name;
    this.revision = revision;
  }

  /** The collection's own strong entity tag; it changes whenever any item changes. */
  String etag() {
    return "\"c" + revision + "\"";
  }

  /** The next free numeric id ("1", "2", ...), skipping ids that were seeded by hand. */
  String nextId() {
    String id;
    do {
      id = Long.toString(++idSequence);
    } while (items.containsKey(id));
    return id;
  }
}
