package io.restsdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.UncheckedIOException;

/** The shared JSON mapper and a few helpers. */
final class Json {
  static final ObjectMapper MAPPER = new ObjectMapper();

  /** For converting stored documents to user types, which need not declare every field. */
  static final ObjectMapper LENIENT =
      new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private Json() {}

  /** Parses a JSON text, throwing the Jackson exception on malformed input. */
  static JsonNode parse(String text) throws JsonProcessingException {
    return MAPPER.readTree(text);
  }

  /**
   * Converts a seed document to an object node: a JSON string is parsed, a {@link JsonNode} is
   * copied, anything else (a map, a POJO) is converted with Jackson.
   */
  static ObjectNode toObject(Object document) {
    JsonNode node;
    if (document instanceof String text) {
      try {
        node = parse(text);
      } catch (JsonProcessingException e) {
        throw new IllegalArgumentException("Not valid JSON: " + e.getOriginalMessage(), e);
      }
    } else if (document instanceof JsonNode json) {
      node = json.deepCopy();
    } else {
      node = MAPPER.valueToTree(document);
    }
    if (!(node instanceof ObjectNode object)) {
      throw new IllegalArgumentException("A document must be a JSON object, got: " + node);
    }
    return object;
  }

  static String write(JsonNode node) {
    try {
      return MAPPER.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The error body of the contract: {@code {"code":..,"type":..,"message":..}}. */
  static String errorBody(int code, String message) {
    ObjectNode body = MAPPER.createObjectNode();
    body.put("code", code);
    body.put("type", Reply.reason(code));
    body.put("message", message);
    return write(body);
  }
}
