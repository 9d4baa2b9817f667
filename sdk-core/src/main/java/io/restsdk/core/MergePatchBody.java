package io.restsdk.core;

import io.restsdk.core.internal.Json;
import java.io.IOException;
import java.util.Map;

/**
 * The body of an RFC 7396 merge patch ({@link ApiRequest#mergePatch(Object)}), written with the
 * client's codec. A {@code Map} or the codec's own JSON tree ({@link BodyCodec#isTree}) is
 * written as it is, its nulls meaning "remove"; any other object is written, read back by the
 * SDK's own JSON reader and written again without its null members (outside arrays), which
 * would otherwise erase every member a partial object does not set. Numbers keep the text the
 * codec wrote.
 */
record MergePatchBody(Object changes) {
  static final String MEDIA_TYPE = "application/merge-patch+json";

  /** The body's bytes. @throws IOException if the codec cannot write the changes */
  byte[] encode(BodyCodec codec) throws IOException {
    byte[] written = codec.encode(changes);
    if (changes instanceof Map<?, ?> || codec.isTree(changes)) return written;
    Json.Node tree = Json.parse(written);
    return tree.isObject() ? Json.withoutNulls(written, tree) : written;
  }

  /** False for what can never serialize as a JSON object (a merge patch must be one). */
  static boolean mayBeObject(Object changes) {
    if (isJacksonTree(changes.getClass())) return isJacksonObjectNode(changes.getClass());
    return !(changes instanceof CharSequence || changes instanceof Number
        || changes instanceof Boolean || changes instanceof Character
        || changes instanceof Iterable<?> || changes.getClass().isArray()
        || changes instanceof Enum<?>);
  }

  /**
   * Whether {@code c} is a Jackson 2 or 3 {@code JsonNode}, by name: sdk-core cannot refer to
   * either class, neither of which need be on the class path. (A {@code JsonNode} is
   * {@code Iterable}; only an {@code ObjectNode} can be a merge patch.)
   */
  private static boolean isJacksonTree(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      String n = k.getName();
      if (n.equals("com.fasterxml.jackson.databind.JsonNode")
          || n.equals("tools.jackson.databind.JsonNode")) {
        return true;
      }
    }
    return false;
  }

  private static boolean isJacksonObjectNode(Class<?> c) {
    for (Class<?> k = c; k != null; k = k.getSuperclass()) {
      String n = k.getName();
      if (n.equals("com.fasterxml.jackson.databind.node.ObjectNode")
          || n.equals("tools.jackson.databind.node.ObjectNode")) {
        return true;
      }
    }
    return false;
  }
}
