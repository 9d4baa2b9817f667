package io.restsdk.core;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializable;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.jsontype.TypeSerializer;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * The body of an RFC 7396 merge patch ({@link ApiRequest#mergePatch(Object)}), serialized with
 * the client's mapper. A {@code Map} or {@code JsonNode} is written as it is, its nulls meaning
 * "remove"; any other object is written without its null members (outside arrays), which
 * would otherwise erase every member a partial object does not set.
 */
record MergePatchBody(Object changes) implements JsonSerializable {
  static final String MEDIA_TYPE = "application/merge-patch+json";

  @Override
  public void serialize(JsonGenerator gen, SerializerProvider provider) throws IOException {
    ObjectCodec codec = gen.getCodec();
    if (changes instanceof Map<?, ?> || changes instanceof JsonNode
        || !(codec instanceof ObjectMapper mapper)) {
      provider.defaultSerializeValue(changes, gen);
      return;
    }
    JsonNode tree;
    try {
      tree = mapper.valueToTree(changes);
    } catch (IllegalArgumentException e) { // valueToTree's wrapping of a serialization failure
      throw JsonMappingException.from(gen, e.getMessage(), e);
    }
    provider.defaultSerializeValue(withoutNulls(tree), gen);
  }

  @Override
  public void serializeWithType(JsonGenerator gen, SerializerProvider provider,
      TypeSerializer typeSer) throws IOException {
    serialize(gen, provider);
  }

  /** False for what can never serialize as a JSON object (a merge patch must be one). */
  static boolean mayBeObject(Object changes) {
    if (changes instanceof JsonNode n) return n.isObject();
    return !(changes instanceof CharSequence || changes instanceof Number
        || changes instanceof Boolean || changes instanceof Character
        || changes instanceof Iterable<?> || changes.getClass().isArray()
        || changes instanceof Enum<?>);
  }

  /** {@code node} without null members in its objects, recursively (arrays kept as they are). */
  static JsonNode withoutNulls(JsonNode node) {
    if (node instanceof ObjectNode object) {
      for (Iterator<Map.Entry<String, JsonNode>> it = object.properties().iterator(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> member = it.next();
        if (member.getValue().isNull()) it.remove();
        else withoutNulls(member.getValue());
      }
    }
    return node;
  }
}
