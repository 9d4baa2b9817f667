package io.restsdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Referential integrity and uniqueness checks. Callers hold the {@link Store}'s lock, so a check
 * and the write that follows it are atomic.
 */
final class Integrity {
  private Integrity() {}

  /**
   * Checks a document about to be stored under {@code id} in {@code collection}: unique fields and
   * declared references. Returns the error reply (400 or 409), or {@code null} when it is fine.
   */
  static @Nullable Reply checkWrite(Store store, CollectionState collection, String id, ObjectNode document) {
    for (String field : collection.uniqueFields) {
      JsonNode value = document.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      for (StoredItem other : collection.items.values()) {
        if (!other.id().equals(id) && value.equals(other.document().get(field))) {
          return Reply.error(
              409, collection.name + "." + field + " must be unique: " + value + " is already used by "
                  + collection.name + "/" + other.id());
        }
      }
    }
    for (Map.Entry<String, String> reference : collection.references.entrySet()) {
      String field = reference.getKey();
      String target = reference.getValue();
      JsonNode value = document.get(field);
      if (value == null || value.isNull()) {
        continue;
      }
      if (!value.isTextual()) {
        return Reply.error(400, collection.name + "." + field + " must be the URI of an item of " + target);
      }
      ItemRef ref = store.resolveReference(value.asText());
      CollectionState targetState = store.find(target);
      if (ref == null
          || !ref.collection().equals(target)
          || targetState == null
          || !targetState.items.containsKey(ref.id())) {
        return Reply.error(
            409, collection.name + "." + field + " refers to " + value.asText() + ", which is not an existing item of "
                + target);
      }
    }
    return null;
  }

  /**
   * Checks that no declared reference points at the item about to be deleted. Returns a 409 reply
   * naming one referrer, or {@code null} when nothing refers to it.
   */
  static @Nullable Reply checkDelete(Store store, CollectionState collection, String id) {
    for (CollectionState other : store.all()) {
      for (Map.Entry<String, String> reference : other.references.entrySet()) {
        if (!reference.getValue().equals(collection.name)) {
          continue;
        }
        for (StoredItem item : other.items.values()) {
          JsonNode value = item.document().get(reference.getKey());
          if (value == null || !value.isTextual()) {
            continue;
          }
          ItemRef ref = store.resolveReference(value.asText());
          if (ref != null && ref.collection().equals(collection.name) && id.equals(ref.id())) {
            return Reply.error(
                409, collection.name + "/" + id + " is still referenced by " + other.name + "/" + item.id()
                    + " (" + reference.getKey() + ")");
          }
        }
      }
    }
    return null;
  }
}
