package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Generated sources name no JSON library's data-binding types: they import only Jackson's
 * annotations (which Jackson 2 and 3 share), sdk-core, JSpecify and the JDK, for every spec the
 * tests use, so a generated client works with either codec.
 */
class CodecNeutralSourcesTest {

  private static final List<String> ALLOWED_IMPORTS = List.of("com.fasterxml.jackson.annotation.",
      "io.restsdk.core.", "org.jspecify.annotations.", "java.");
  private static final Pattern IMPORT = Pattern.compile("^import\\s+(static\\s+)?([\\w.]+)\\s*;", Pattern.MULTILINE);

  /** Every OpenAPI document under the test resources, but the bad ones (they do not generate). */
  static List<String> specs() throws IOException {
    Path root = Compiled.resource("golden").getParent();
    List<String> specs = new ArrayList<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
        String relative = root.relativize(p).toString().replace('\\', '/');
        if (!relative.startsWith("bad/") && Files.readString(p).startsWith("openapi:")) {
          specs.add(relative);
        }
      }
    }
    return specs;
  }

  @Test
  void theSpecsCheckedIncludeEveryRealWorldOne() throws IOException {
    List<String> specs = specs();
    assertTrue(specs.containsAll(List.of("golden/books/api.yaml", "golden/pets/api.yaml",
        "specs/shapes.yaml", "specs/pets31.yaml", "specs/realworld/github.yaml",
        "specs/realworld/stripe.yaml", "specs/realworld/cloud31.yaml")), specs.toString());
  }

  @ParameterizedTest
  @MethodSource("specs")
  void generatedSourcesImportOnlyAnnotationsSdkCoreJspecifyAndTheJdk(String spec) throws Exception {
    Generation g = Generator.forPackage("com.acme.neutral").generate(Compiled.resource(spec));
    assertFalse(g.sources().isEmpty(), spec);
    for (Map.Entry<String, String> e : g.sources().entrySet()) {
      assertNeutral(e.getKey(), e.getValue());
    }
  }

  @Test
  void looselyGeneratedShapesAreObjectNotATreeType(@TempDir Path tmp) throws Exception {
    // every way to a loosely typed value: free-form, untyped, several types, a union without a
    // discriminator, a tuple, an unknown type, an operation without a declared 2xx response,
    // and 2xx responses with different bodies
    Path spec = Files.writeString(tmp.resolve("loose.yaml"), """
        openapi: 3.1.0
        info: {title: t, version: "1"}
        paths:
          /things:
            get:
              operationId: listThings
              responses:
                default: {description: anything}
            post:
              operationId: makeThing
              responses:
                '200': {description: a, content: {application/json: {schema: {type: string}}}}
                '202': {description: b, content: {application/json: {schema: {type: integer}}}}
        components:
          schemas:
            Thing:
              type: object
              properties:
                free: {type: object}
                untyped: {}
                several: {type: [string, integer]}
                either: {oneOf: [{type: string}, {type: integer}]}
                tuple: {type: array, prefixItems: [{type: string}]}
                odd: {type: file}
                values: {type: object, additionalProperties: {}}
        """);
    Generation g = Generator.forPackage("p").generate(spec);
    String thing = g.sources().get("p/Thing.java");
    assertNeutral("p/Thing.java", thing);
    for (String component : List.of("@Nullable Object free", "@Nullable Object untyped",
        "@Nullable Object several", "@Nullable Object either", "@Nullable List<Object> tuple",
        "@Nullable Object odd", "@Nullable Map<String, Object> values")) {
      assertTrue(thing.replaceAll("\\s+", " ").contains(component), component + " in\n" + thing);
    }
    String client = g.sources().get("p/ThingsApi.java");
    assertNeutral("p/ThingsApi.java", client);
    assertTrue(client.contains("public ApiResponse<Object> listThings()"), client);
    assertTrue(client.contains("public ApiResponse<Object> makeThing()"), client);
    assertEquals(List.of(), g.warnings().stream().map(Problem::toString)
        .filter(w -> w.contains("JsonNode") || w.contains("ObjectMapper")).toList());
    Compiled.compile(g, tmp.resolve("out"));
  }

  static void assertNeutral(String file, String source) {
    assertFalse(source.contains("com.fasterxml.jackson.databind"), file + " names Jackson 2's databind");
    assertFalse(source.contains("tools.jackson"), file + " names Jackson 3");
    assertFalse(source.contains("JsonNode"), file + " names a JSON tree type");
    Matcher m = IMPORT.matcher(source);
    int imports = 0;
    while (m.find()) {
      String imported = m.group(2);
      assertTrue(ALLOWED_IMPORTS.stream().anyMatch(imported::startsWith), file + " imports " + imported);
      imports++;
    }
    assertEquals(imports, source.lines().filter(l -> l.startsWith("import ")).count(),
        file + ": an import the check did not read");
  }
}
