package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad specs fail with one located message per problem, never only a stack trace. */
class BadSpecTest {

  @TempDir Path tmp;

  private static List<Problem> errors(Path spec) {
    GenerationException e = assertThrows(GenerationException.class,
        () -> Generator.forPackage("p").generate(spec));
    assertTrue(e.getMessage().startsWith("the spec has " + e.errors().size() + " error"), e.getMessage());
    e.errors().forEach(p -> assertTrue(e.getMessage().contains(p.toString()), e.getMessage()));
    return e.errors();
  }

  private static void assertProblem(Problem p, String pointer, Integer line, String messageStart) {
    assertEquals(Problem.Severity.ERROR, p.severity());
    assertEquals(pointer, p.pointer(), p.toString());
    assertEquals(line, p.line(), p.toString());
    assertTrue(p.message().startsWith(messageStart), p.toString());
  }

  @Test
  void aMissingFileIsOneErrorNamingIt() {
    List<Problem> errors = errors(tmp.resolve("nope.yaml"));
    assertEquals(1, errors.size());
    assertProblem(errors.get(0), "", null, "cannot read the spec: no such file: ");
    assertTrue(errors.get(0).message().endsWith("nope.yaml"), errors.get(0).message());
  }

  @Test
  void aDirectoryAnEmptyFileAndBinaryAreNotSpecs() throws Exception {
    assertProblem(errors(tmp).get(0), "", null, "cannot read the spec: ");
    Path empty = Files.writeString(tmp.resolve("empty.yaml"), "  \n");
    assertProblem(errors(empty).get(0), "", null, "the spec is empty");
    Path binary = Files.write(tmp.resolve("bin.yaml"), new byte[] {(byte) 0xC3, 0x28});
    assertProblem(errors(binary).get(0), "", null, "cannot read the spec: ");
    assertTrue(errors(binary).get(0).message().endsWith("is not UTF-8 text"));
  }

  @Test
  void invalidYamlNamesTheLineAndWhatWasExpected() {
    Problem p = errors(Compiled.resource("bad/invalid.yaml")).get(0);
    assertProblem(p, "", 7, "invalid YAML: while parsing a flow sequence; expected ',' or ']'");
    assertTrue(p.toString().startsWith("error: invalid.yaml:7 (document): invalid YAML"), p.toString());
    assertTrue(!p.message().contains("\n"), "one line: " + p.message());
  }

  @Test
  void invalidJsonNamesTheLine() throws Exception {
    Path spec = Files.writeString(tmp.resolve("api.json"), "{\"openapi\": \"3.0.0\",\n \"info\": {\n");
    Problem p = errors(spec).get(0);
    assertProblem(p, "", 3, "invalid JSON: Unexpected end-of-input");
  }

  @Test
  void swagger2AndDocumentsWithoutAVersionAreNotOpenApi3() throws Exception {
    assertProblem(errors(Compiled.resource("bad/swagger2.yaml")).get(0), "/swagger", 1,
        "Swagger 2.0 is not supported: convert the spec to OpenAPI 3.0 or 3.1");
    Path list = Files.writeString(tmp.resolve("list.yaml"), "- a\n- b\n");
    assertProblem(errors(list).get(0), "", 1, "the spec is not an OpenAPI document: its top level is not a mapping");
    Path noVersion = Files.writeString(tmp.resolve("nov.yaml"), "info: {title: t}\n");
    assertProblem(errors(noVersion).get(0), "", 1, "the spec is not an OpenAPI document: it has no 'openapi' version field");
    Path v4 = Files.writeString(tmp.resolve("v4.yaml"), "info: {title: t}\nopenapi: 4.0.0\n");
    assertProblem(errors(v4).get(0), "/openapi", 2, "OpenAPI version '4.0.0' is not supported");
  }

  @Test
  void invalidOpenApiGivesOneLocatedErrorPerProblem() {
    List<Problem> errors = errors(Compiled.resource("bad/notopenapi.yaml"));
    assertEquals(2, errors.size(), errors.toString());
    assertProblem(errors.get(0), "/paths/~1a/get/responses", 6,
        "'paths.'/a'(get).responses' is not of type `object`");
    assertProblem(errors.get(1), "/info/version", 2, "'info.version' is missing");
  }

  @Test
  void unresolvedRefsInternalAndAcrossFilesAreEachReportedWhereTheyAre() {
    List<Problem> errors = errors(Compiled.resource("bad/unresolved.yaml"));
    assertEquals(3, errors.size(), errors.toString());
    assertProblem(errors.get(0), "/components/schemas/Pet/properties/owner/$ref", 10,
        "unresolved $ref '#/components/schemas/Owner': there is nothing at '/components/schemas/Owner'");
    assertProblem(errors.get(1), "/components/schemas/Pet/properties/toy/$ref", 12,
        "unresolved $ref './missing.yaml#/Toy': no such file: ");
    assertProblem(errors.get(2), "/components/schemas/Pet/properties/food/$ref", 14,
        "unresolved $ref './food.yaml#/components/schemas/Nope': food.yaml has nothing at '/components/schemas/Nope'");
  }

  @Test
  void remoteRefsAreUnsupportedAndSaySo() throws Exception {
    Path spec = Files.writeString(tmp.resolve("remote.yaml"), """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths: {}
        components:
          schemas:
            A:
              $ref: 'https://example.com/schemas.yaml#/A'
        """);
    assertProblem(errors(spec).get(0), "/components/schemas/A/$ref", 7,
        "unresolved $ref 'https://example.com/schemas.yaml#/A': references to remote documents are not supported");
  }

  @Test
  void aCyclicAliasIsAWarningAndObjectNotAStackOverflow() throws Exception {
    Path spec = Files.writeString(tmp.resolve("cycle.yaml"), """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths: {}
        components:
          schemas:
            A: {$ref: '#/components/schemas/B'}
            B: {type: array, items: {$ref: '#/components/schemas/A'}}
        """);
    // a valid JSON Schema (an array of itself) that a Java type cannot alias: loosely generated
    Generation g = Generator.forPackage("p").generate(spec);
    assertEquals(List.of("warning: cycle.yaml:6 /components/schemas/A: cyclic $ref: schema 'A' refers to"
        + " itself without an object in between: generated as Object"),
        g.warnings().stream().map(Problem::toString).toList());
    assertEquals(Map.of(), g.sources());
  }

  @Test
  void looselyGeneratedShapesAreWarningsAndTheRestIsGenerated() throws Exception {
    Path spec = Files.writeString(tmp.resolve("loose.yaml"), """
        openapi: 3.0.3
        info: {title: t, version: "1"}
        paths: {}
        components:
          schemas:
            A:
              type: object
              properties:
                list: {type: array, items: {}}
                either: {oneOf: [{type: string}, {type: integer}]}
                odd: {type: number, enum: [1.5, 2.5]}
              additionalProperties: {type: string}
        """);
    Generation g = Generator.forPackage("p").generate(spec);
    assertEquals(List.of(
        "warning: loose.yaml:12 /components/schemas/A/additionalProperties: additionalProperties next to"
            + " properties: members not declared in 'properties' are ignored when decoding",
        "warning: loose.yaml:10 /components/schemas/A/properties/either: oneOf without a discriminator:"
            + " generated as Object (the decoded JSON: a Map, List, String, Number or Boolean; convert it once"
            + " you know which alternative it is)",
        "warning: loose.yaml:11 /components/schemas/A/properties/odd/enum: an enum of [number]: generated as its"
            + " base type, without the enum"),
        g.warnings().stream().map(Problem::toString).toList());
    ClassLoader loader = Compiled.compile(g, tmp.resolve("out"));
    assertEquals("java.util.List<java.lang.Object>", loader.loadClass("p.A")
        .getRecordComponents()[0].getGenericType().getTypeName());
  }

  @Test
  void aBadPackageNameIsRejectedBeforeReading() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Generator.forPackage("com.acme.class"));
    assertEquals("not a Java package name: 'com.acme.class'", e.getMessage());
  }
}
