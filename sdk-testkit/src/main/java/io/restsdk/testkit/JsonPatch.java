package io.restsdk.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * JSON Patch, RFC 6902 (operations {@code add}, {@code remove}, {@code replace}, {@code move},
 * {@code copy}, {@code test}) with JSON Pointers, RFC 6901. A patch applies whole or not at all.
 * A malformed patch is a {@link ApiHandler.BadRequest} (400); a patch that does not fit the
 * current document (a failed {@code test}, a missing path) is a {@link Conflict} (409, as RFC
 * 5789 section 2.2 suggests for "conflicting state").
 */
final class JsonPatch {
  private static final Set<String> OPS = Set.of("add", "remove", "replace", "move", "copy", "test");

  private JsonPatch() {}

  /** The patch cannot be applied to the current state of the document. */
  static final class Conflict extends Exception {
    private static final long serialVersionUID = 1L;

    Conflict(String message) {
      super(message, null, false, false);
    }
  }

  /** Applies {@code patch} (a JSON array of operations) to a copy of {@code target}. */
  static JsonNode apply(JsonNode target, JsonNode patch) throws ApiHandler.BadRequest, Conflict {
    if (!patch.isArray()) {
      throw new ApiHandler.BadRequest("A JSON Patch must be a JSON array of operations");
    }
    JsonNode document = target.deepCopy();
    int index = 0;
    for (JsonNode operation : patch) {
      document = applyOne(document, operation, "operation " + index++);
    }
    return document;
  }

  private static JsonNode applyOne(JsonNode document, JsonNode operation, String where)
      throws ApiHandler.BadRequest, Conflict {
    if (!operation.isObject()) {
      throw new ApiHandler.BadRequest(where + " must be a JSON object");
    }
    String op = text(operation, "op", where);
    if (!OPS.contains(op)) {
      throw new ApiHandler.BadRequest(where + ": unknown op '" + op + "'; expected one of add, remove, replace, move, copy, test");
    }
    List<String> path = pointer(text(operation, "path", where), where);
    switch (op) {
      case "add" -> {
        return add(document, path, value(operation, where), where);
      }
      case "remove" -> {
        get(document, path, where);
        return remove(document, path, where);
      }
      case "replace" -> {
        return replace(document, path, value(operation, where), where);
      }
      case "move" -> {
        String fromText = text(operation, "from", where);
        List<String> from = pointer(fromText, where);
        if (path.size() > from.size() && path.subList(0, from.size()).equals(from)) {
          throw new ApiHandler.BadRequest(where + ": cannot move " + fromText + " into one of its own children");
        }
        JsonNode value = get(document, from, where);
        return add(remove(document, from, where), path, value, where);
      }
      case "copy" -> {
        JsonNode value = get(document, pointer(text(operation, "from", where), where), where);
        return add(document, path, value.deepCopy(), where);
      }
      default -> { // test
        JsonNode expected = value(operation, where);
        JsonNode actual = get(document, path, where);
        if (!equal(actual, expected)) {
          throw new Conflict(where + ": test failed at " + operation.get("path").asText() + ": expected "
              + expected + ", found " + actual);
        }
        return document;
      }
    }
  }

  private static String text(JsonNode operation, String member, String where) throws ApiHandler.BadRequest {
    JsonNode value = operation.get(member);
    if (value == null || !value.isTextual()) {
      throw new ApiHandler.BadRequest(where + " needs a string member '" + member + "'");
    }
    return value.asText();
  }

  private static JsonNode value(JsonNode operation, String where) throws ApiHandler.BadRequest {
    JsonNode value = operation.get("value");
    if (value == null) {
      throw new ApiHandler.BadRequest(where + " needs a member 'value'");
    }
    return value.deepCopy();
  }

  /** Parses an RFC 6901 pointer into its unescaped reference tokens. */
  static List<String> pointer(String text, String where) throws ApiHandler.BadRequest {
    List<String> tokens = new ArrayList<>();
    if (text.isEmpty()) {
      return tokens;
    }
    if (!text.startsWith("/")) {
      throw new ApiHandler.BadRequest(where + ": '" + text + "' is not a JSON Pointer (it must be empty or start with '/')");
    }
    for (String raw : text.substring(1).split("/", -1)) {
      StringBuilder token = new StringBuilder();
      for (int i = 0; i < raw.length(); i++) {
        char c = raw.charAt(i);
        if (c != '~') {
          token.append(c);
        } else if (i + 1 < raw.length() && (raw.charAt(i + 1) == '0' || raw.charAt(i + 1) == '1')) {
          token.append(raw.charAt(++i) == '0' ? '~' : '/');
        } else {
          throw new ApiHandler.BadRequest(where + ": '" + text + "' has a '~' not followed by 0 or 1");
        }
      }
      tokens.add(token.toString());
    }
    return tokens;
  }

  private static JsonNode get(JsonNode document, List<String> path, String where) throws Conflict {
    JsonNode node = document;
    for (String token : path) {
      JsonNode child = null;
      if (node.isObject()) {
        child = node.get(token);
      } else if (node.isArray()) {
        int index = arrayIndex(token, node.size() - 1);
        child = index < 0 ? null : node.get(index);
      }
      if (child == null) {
        throw new Conflict(where + ": " + display(path) + " does not exist");
      }
      node = child;
    }
    return node;
  }

  private static JsonNode add(JsonNode document, List<String> path, JsonNode value, String where) throws Conflict {
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = get(document, path.subList(0, path.size() - 1), where);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      int index = last.equals("-") ? array.size() : arrayIndex(last, array.size());
      if (index < 0) {
        throw new Conflict(where + ": " + display(path) + " is not an index from 0 to " + array.size());
      }
      array.insert(index, value);
    } else {
      throw new Conflict(where + ": the parent of " + display(path) + " is neither an object nor an array");
    }
    return document;
  }

  private static JsonNode replace(JsonNode document, List<String> path, JsonNode value, String where) throws Conflict {
    get(document, path, where);
    if (path.isEmpty()) {
      return value;
    }
    JsonNode parent = get(document, path.subList(0, path.size() - 1), where);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.set(last, value);
    } else if (parent instanceof ArrayNode array) {
      array.set(arrayIndex(last, array.size() - 1), value);
    }
    return document;
  }

  private static JsonNode remove(JsonNode document, List<String> path, String where) throws Conflict {
    if (path.isEmpty()) {
      throw new Conflict(where + ": the whole document cannot be removed");
    }
    JsonNode parent = get(document, path.subList(0, path.size() - 1), where);
    String last = path.get(path.size() - 1);
    if (parent instanceof ObjectNode object) {
      object.remove(last);
    } else if (parent instanceof ArrayNode array) {
      array.remove(arrayIndex(last, array.size() - 1));
    }
    return document;
  }

  /** The index a token names, from 0 to {@code max}, or -1 (RFC 6901: digits, no leading zero). */
  private static int arrayIndex(String token, int max) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')
        || !token.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return -1;
    }
    int index = Integer.parseInt(token);
    return index <= max ? index : -1;
  }

  /** RFC 6902 equality: numbers compare by value ({@code 1} equals {@code 1.0}), objects ignore order. */
  static boolean equal(JsonNode a, JsonNode b) {
    if (a.isNumber() && b.isNumber()) {
      return a.decimalValue().compareTo(b.decimalValue()) == 0;
    }
    if (a.isArray() && b.isArray()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (int i = 0; i < a.size(); i++) {
        if (!equal(a.get(i), b.get(i))) {
          return false;
        }
      }
      return true;
    }
    if (a.isObject() && b.isObject()) {
      if (a.size() != b.size()) {
        return false;
      }
      for (Map.Entry<String, JsonNode> field : a.properties()) {
        JsonNode other = b.get(field.getKey());
        if (other == null || !equal(field.getValue(), other)) {
          return false;
        }
      }
      return true;
    }
    return a.equals(b);
  }

  private static String display(List<String> path) {
    StringBuilder text = new StringBuilder();
    for (String token : path) {
      text.append('/').append(token.replace("~", "~0").replace("/", "~1"));
    }
    return text.length() == 0 ? "the document" : text.toString();
  }
}
