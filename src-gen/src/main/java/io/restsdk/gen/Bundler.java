package io.restsdk.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Pulls the {@code $ref}s into other files into the root document, so the parser sees one
 * document with only internal references (for 3.0 and 3.1 alike: swagger-parser's own resolution
 * inlines every schema of a 3.1 document, which would lose the names). A schema from another file
 * becomes a component named after its last pointer segment (or its file); anything else (a path
 * item, a parameter, a response) is copied in place.
 */
final class Bundler {

  private static final Set<String> SCHEMA_WORDS = Set.of("schema", "schemas", "properties",
      "items", "allOf", "oneOf", "anyOf", "not", "additionalProperties", "prefixItems");

  private final Problems problems;
  private final Path rootFile;
  private final ObjectNode root;
  private final Map<Path, JsonNode> files = new HashMap<>();
  /** "file#fragment" → the component it became. */
  private final Map<String, String> bundled = new HashMap<>();

  Bundler(Problems problems, Path rootFile, ObjectNode root) {
    this.problems = problems;
    this.rootFile = rootFile.toAbsolutePath().normalize();
    this.root = root;
  }

  void bundle() {
    walk(root, rootFile, "", "", 0);
  }

  private ObjectNode schemas() {
    return root.withObject("/components").withObject("/schemas");
  }

  /**
   * @param file the file {@code node} comes from
   * @param pointer where {@code node} is in the bundled document
   * @param origin where in the spec file the chain of references started (for error locations)
   */
  private void walk(JsonNode node, Path file, String pointer, String origin, int depth) {
    if (depth > 64) {
      problems.error(origin, "$refs nest more than 64 deep (a cycle through non-schema objects?)");
      return;
    }
    if (node.isObject()) {
      ObjectNode object = (ObjectNode) node;
      JsonNode ref = object.get("$ref");
      if (ref != null && ref.isTextual()) {
        String at = file.equals(rootFile) ? pointer : origin;
        String replaced = resolve(object, ref.asText(), file, pointer, at, depth);
        if (replaced != null) {
          object.put("$ref", replaced);
        }
        return;
      }
      java.util.List<String> names = new java.util.ArrayList<>();
      object.fieldNames().forEachRemaining(names::add);
      for (String name : names) {
        String child = pointer + "/" + Problem.escape(name);
        walk(object.get(name), file, child, file.equals(rootFile) ? child : origin, depth);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String child = pointer + "/" + i;
        walk(node.get(i), file, child, file.equals(rootFile) ? child : origin, depth);
      }
    }
  }

  /** The new internal $ref, or null to leave it (or when the node was replaced in place). */
  private @Nullable String resolve(ObjectNode refNode, String ref, Path file, String pointer,
      String at, int depth) {
    int hash = ref.indexOf('#');
    String filePart = hash < 0 ? ref : ref.substring(0, hash);
    String fragment = hash < 0 ? "" : ref.substring(hash + 1);
    if (filePart.isEmpty() && file.equals(rootFile)) {
      boolean found;
      try {
        found = !root.at(JsonPointer.compile(fragment)).isMissingNode();
      } catch (IllegalArgumentException e) {
        found = false;
      }
      if (!found) {
        problems.error(at + "/$ref", "unresolved $ref '" + ref + "': there is nothing at '"
            + fragment + "' in this document");
        return null;
      }
      // a schema somewhere else in this document ($defs, a property, a path's schema) becomes
      // a component of its own, so every schema reference names a component
      if (!isSchemaPosition(pointer) || fragment.matches("/components/schemas/[^/]+")) {
        return null;
      }
    }
    if (filePart.startsWith("http://") || filePart.startsWith("https://") || filePart.contains(":")
        && !filePart.startsWith("file:")) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': references to remote documents"
          + " are not supported; save the document next to the spec and refer to it by path");
      return null;
    }
    Path target = filePart.isEmpty() ? file
        : file.getParent().resolve(filePart.startsWith("file:") ? Path.of(java.net.URI.create(filePart)).toString()
            : filePart).normalize();
    JsonNode doc = load(target, ref, at);
    if (doc == null) {
      return null;
    }
    JsonNode value;
    try {
      value = doc.at(JsonPointer.compile(fragment.isEmpty() ? "" : fragment));
    } catch (IllegalArgumentException e) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': '" + fragment + "' is not a JSON pointer");
      return null;
    }
    if (value.isMissingNode()) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': " + target.getFileName()
          + " has nothing at '" + fragment + "'");
      return null;
    }
    if (!isSchemaPosition(pointer)) {
      refNode.removeAll();
      refNode.setAll((ObjectNode) value.deepCopy());
      walk(refNode, target, pointer, at, depth + 1);
      return null;
    }
    String key = target + "#" + fragment;
    String name = bundled.get(key);
    if (name == null) {
      String base = fragment.isEmpty() || fragment.equals("/")
          ? target.getFileName().toString().replaceFirst("\\.[^.]*$", "")
          : fragment.substring(fragment.lastIndexOf('/') + 1).replace("~1", "/").replace("~0", "~");
      name = base;
      for (int n = 2; schemas().has(name); n++) {
        name = base + n;
      }
      bundled.put(key, name);
      JsonNode copy = value.deepCopy();
      schemas().set(name, copy);
      walk(copy, target, SchemaTypes.componentPointer(name), at, depth + 1);
    }
    return "#/components/schemas/" + Problem.escape(name);
  }

  private static boolean isSchemaPosition(String pointer) {
    for (String segment : pointer.split("/")) {
      if (SCHEMA_WORDS.contains(segment)) {
        return true;
      }
    }
    return false;
  }

  private @Nullable JsonNode load(Path target, String ref, String at) {
    if (target.equals(rootFile)) {
      return root;
    }
    JsonNode cached = files.get(target);
    if (cached != null) {
      return cached;
    }
    try {
      String text = Files.readString(target);
      boolean json = text.stripLeading().startsWith("{");
      JsonNode doc = new ObjectMapper(json ? new JsonFactory() : new YAMLFactory()).readTree(text);
      files.put(target, doc == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance() : doc);
      return files.get(target);
    } catch (NoSuchFileException e) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': no such file: " + target);
    } catch (JsonProcessingException e) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': " + target.getFileName()
          + " is not valid YAML/JSON (line " + (e.getLocation() == null ? "?" : e.getLocation().getLineNr())
          + "): " + e.getOriginalMessage());
    } catch (IOException | RuntimeException e) {
      problems.error(at + "/$ref", "unresolved $ref '" + ref + "': cannot read " + target + ": " + e);
    }
    return null;
  }
}
