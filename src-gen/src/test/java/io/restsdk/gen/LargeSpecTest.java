package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A larger spec (300 object schemas referring to each other, each with an inline enum, plus 100
 * PUTs with inline bodies, 100 GETs and 100 DELETEs in 10 tags) generates and compiles. Not timed: the module README has a line
 * measured by hand with this test.
 */
class LargeSpecTest {

  @Test
  void threeHundredSchemasGenerateAndCompile(@TempDir Path tmp) throws Exception {
    StringBuilder spec = new StringBuilder("openapi: 3.0.3\ninfo: {title: large, version: '1'}\npaths:\n");
    for (int i = 0; i < 100; i++) {
      spec.append("  /things").append(i).append("/{id}:\n")
          .append("    put:\n      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n")
          .append("      requestBody: {content: {application/json: {schema: {type: object, properties: {note: {type: string}}}}}}\n")
          .append("      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing")
          .append(i).append("'}}}}\n")
          .append("      tags: [group").append(i % 10).append("]\n")
          .append("    get:\n      tags: [group").append(i % 10).append("]\n")
          .append("      parameters: [{name: id, in: path, required: true, schema: {type: string}},")
          .append(" {name: fields, in: query, schema: {type: array, items: {type: string}}}]\n")
          .append("      responses:\n        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Thing")
          .append(i).append("'}}}}\n        '404': {description: missing}\n")
          .append("    delete:\n      tags: [group").append(i % 10).append("]\n")
          .append("      parameters: [{name: id, in: path, required: true, schema: {type: string}}]\n")
          .append("      responses:\n        '204': {description: gone}\n");
    }
    spec.append("components:\n  schemas:\n");
    for (int i = 0; i < 300; i++) {
      spec.append("    Thing").append(i).append(":\n      type: object\n      required: [id]\n      properties:\n")
          .append("        id: {type: string, format: uuid}\n")
          .append("        name: {type: string}\n")
          .append("        created-at: {type: string, format: date-time}\n")
          .append("        state: {type: string, enum: [new, used, gone]}\n")
          .append("        tags: {type: array, items: {type: string}}\n")
          .append("        next: {$ref: '#/components/schemas/Thing").append((i + 1) % 300).append("'}\n");
    }
    Path file = Files.writeString(tmp.resolve("large.yaml"), spec);
    long start = System.nanoTime();
    Generation g = Generator.forPackage("com.acme.large").generate(file);
    long generated = System.nanoTime();
    // 300 records, 300 enums, 100 inline request bodies, 10 clients of 30 operations each
    assertEquals(300 + 300 + 100 + 10, g.sources().size());
    Compiled.compile(g, tmp.resolve("out"));
    System.out.printf("large spec: %d sources generated in %d ms, compiled in %d ms%n", g.sources().size(),
        (generated - start) / 1_000_000, (System.nanoTime() - generated) / 1_000_000);
  }
}
