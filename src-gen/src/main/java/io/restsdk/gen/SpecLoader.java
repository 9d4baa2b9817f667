package io.restsdk.gen;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a spec file into swagger-parser's model, turning every way it can fail into
 * {@link Problem}s with a location: the file itself (missing, unreadable, not UTF-8), its syntax
 * (YAML/JSON errors, with the line), its shape (not OpenAPI 3, swagger-parser's messages mapped to
 * JSON pointers and lines).
 */
final class SpecLoader {

  private static final Pattern ATTRIBUTE = Pattern.compile("^attribute (\\S+)(.*)$", Pattern.DOTALL);

  private final Problems problems;

  SpecLoader(Problems problems) {
    this.problems = problems;
  }

  /** The parsed document, or null when an error was recorded. */
  @Nullable OpenAPI load(Path spec) {
    String file = spec.getFileName() == null ? spec.toString() : spec.getFileName().toString();
    problems.file(file);
    String text;
    try {
      if (Files.isDirectory(spec)) {
        problems.error("", "cannot read the spec: " + spec + " is a directory");
        return null;
      }
      byte[] bytes = Files.readAllBytes(spec);
      text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (NoSuchFileException e) {
      problems.error("", "cannot read the spec: no such file: " + spec);
      return null;
    } catch (CharacterCodingException e) {
      problems.error("", "cannot read the spec: " + spec + " is not UTF-8 text");
      return null;
    } catch (IOException | SecurityException e) {
      problems.error("", "cannot read the spec: " + spec + ": " + e);
      return null;
    }
    if (text.isBlank()) {
      problems.error("", "the spec is empty");
      return null;
    }
    boolean json = text.stripLeading().startsWith("{");
    JsonNode root;
    Map<String, Integer> lines = new HashMap<>();
    try {
      JsonFactory factory = json ? new JsonFactory() : new YAMLFactory();
      try (JsonParser parser = factory.createParser(text)) {
        if (parser.nextToken() != null) {
          index(parser, "", lines);
        }
      }
      root = new ObjectMapper(json ? new JsonFactory() : new YAMLFactory()).readTree(text);
    } catch (JsonProcessingException e) {
      JsonLocation where = e.getLocation();
      Integer line = where == null || where.getLineNr() < 1 ? null : where.getLineNr();
      problems.add(Problem.Severity.ERROR, "", line,
          "invalid " + (json ? "JSON" : "YAML") + ": " + syntaxMessage(e)
              + (where != null && where.getColumnNr() > 0 ? " (column " + where.getColumnNr() + ")" : ""));
      return null;
    } catch (IOException e) {
      problems.error("", "cannot read the spec: " + e);
      return null;
    }
    problems.lines(lines);
    if (root == null || !root.isObject()) {
      problems.error("", "the spec is not an OpenAPI document: its top level is not a mapping");
      return null;
    }
    JsonNode version = root.get("openapi");
    if (version == null) {
      if (root.has("swagger")) {
        problems.error("/swagger", "Swagger " + root.get("swagger").asText()
            + " is not supported: convert the spec to OpenAPI 3.0 or 3.1");
      } else {
        problems.error("", "the spec is not an OpenAPI document: it has no 'openapi' version field");
      }
      return null;
    }
    String v = version.asText();
    if (!v.startsWith("3.0") && !v.startsWith("3.1")) {
      problems.error("/openapi", "OpenAPI version '" + v + "' is not supported: 3.0.x and 3.1.x are");
      return null;
    }

    new Bundler(problems, spec, (com.fasterxml.jackson.databind.node.ObjectNode) root).bundle();
    if (problems.hasErrors()) {
      return null;
    }
    ParseOptions options = new ParseOptions();
    // $refs stay references: the generator names a type after the component it refers to
    options.setResolve(false);
    SwaggerParseResult result;
    try {
      result = new OpenAPIParser().readContents(root.toString(), null, options);
    } catch (RuntimeException e) {
      problems.error("", "the OpenAPI parser failed: " + e);
      return null;
    }
    List<String> messages = result.getMessages() == null ? List.of() : new ArrayList<>(result.getMessages());
    for (String message : messages) {
      report(message);
    }
    if (result.getOpenAPI() == null) {
      if (messages.isEmpty()) {
        problems.error("", "the spec could not be parsed as OpenAPI " + v);
      }
      return null;
    }
    return result.getOpenAPI();
  }

  /** The parser's message without its source snippets and caret lines: one line of text. */
  static String syntaxMessage(JsonProcessingException e) {
    StringBuilder sb = new StringBuilder();
    for (String line : String.valueOf(e.getOriginalMessage()).split("\\R")) {
      if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("in 'reader'")) {
        continue;
      }
      sb.append(sb.length() == 0 ? "" : "; ").append(line.strip());
    }
    return sb.toString().replaceAll("\\[Source: [^;\\]]*; ", "[");
  }

  /** Maps one swagger-parser message ("attribute paths.'/x'(get).responses is missing") to a problem. */
  private void report(String message) {
    Matcher m = ATTRIBUTE.matcher(message.strip());
    String pointer = "";
    String text = message.strip();
    if (m.matches()) {
      pointer = pointerOf(m.group(1));
      text = "'" + m.group(1) + "'" + m.group(2);
    }
    boolean minor = text.contains(" is unexpected") || text.contains("is deprecated");
    if (text.endsWith(".operationId' is repeated")) {
      // published specs have them; the generator names the second method apart (getThing2)
      minor = true;
      text = "operationId is repeated (each should be unique): the method names get a number appended";
    }
    problems.add(minor ? Problem.Severity.WARNING : Problem.Severity.ERROR, pointer,
        problems.lineOf(pointer), text);
  }

  /** {@code paths.'/pets/{id}'(get).responses} → {@code /paths/~1pets~1{id}/get/responses}. */
  static String pointerOf(String dotted) {
    StringBuilder pointer = new StringBuilder();
    StringBuilder token = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < dotted.length(); i++) {
      char c = dotted.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      } else if (!quoted && (c == '.' || c == '(' || c == ')' || c == '[' || c == ']')) {
        if (token.length() > 0) {
          pointer.append('/').append(Problem.escape(token.toString()));
          token.setLength(0);
        }
      } else {
        token.append(c);
      }
    }
    if (token.length() > 0) {
      pointer.append('/').append(Problem.escape(token.toString()));
    }
    return pointer.toString();
  }

  /** Records the line of every node: of its key for a member, of its first token otherwise. */
  private static void index(JsonParser p, String pointer, Map<String, Integer> lines)
      throws IOException {
    lines.putIfAbsent(pointer, p.currentTokenLocation().getLineNr());
    JsonToken t = p.currentToken();
    if (t == JsonToken.START_OBJECT) {
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String child = pointer + "/" + Problem.escape(p.currentName());
        lines.putIfAbsent(child, p.currentTokenLocation().getLineNr());
        p.nextToken();
        index(p, child, lines);
      }
    } else if (t == JsonToken.START_ARRAY) {
      int i = 0;
      while (p.nextToken() != JsonToken.END_ARRAY) {
        index(p, pointer + "/" + i++, lines);
      }
    }
  }
}
