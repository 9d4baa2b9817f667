package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small specs → expected sources (src/test/resources/golden/NAME/expected), compared ignoring
 * whitespace. Run with {@code -Dgolden.update=true} to rewrite the expected files after a
 * deliberate change (then review the diff).
 */
class GoldenTest {

  @TempDir Path tmp;

  @Test
  void petsMatchTheExpectedSourcesAndCompile() throws Exception {
    check("pets", "com.acme.pets");
  }

  @Test
  void booksClientMatchesTheExpectedSourcesAndCompiles() throws Exception {
    check("books", "com.acme.books");
  }

  @Test
  void theSameSpecGivesByteIdenticalSources() throws Exception {
    Path spec = Compiled.resource("golden/books/api.yaml");
    Generation a = Generator.forPackage("com.acme.books").generate(spec);
    Generation b = Generator.forPackage("com.acme.books").generate(spec);
    assertEquals(a.sources(), b.sources());
    assertEquals(a.warnings(), b.warnings());
  }

  private void check(String spec, String pkg) throws Exception {
    Path dir = Compiled.resource("golden/" + spec);
    Generation g = Generator.forPackage(pkg).generate(dir.resolve("api.yaml"));
    Path expectedDir = dir.resolve("expected");
    if (Boolean.getBoolean("golden.update")) {
      update(g, Path.of("src/test/resources/golden/" + spec + "/expected"));
      return;
    }
    Map<String, String> expected = new TreeMap<>();
    try (Stream<Path> files = Files.list(expectedDir)) {
      for (Path f : files.toList()) {
        expected.put(f.getFileName().toString(), Files.readString(f));
      }
    }
    Map<String, String> actual = new TreeMap<>();
    g.sources().forEach((path, text) -> actual.put(path.substring(path.lastIndexOf('/') + 1), text));
    assertEquals(expected.keySet(), actual.keySet(), "the generated files");
    for (String name : expected.keySet()) {
      assertEquals(squash(expected.get(name)), squash(actual.get(name)), name);
    }
    Compiled.compile(g, tmp);
  }

  private static String squash(String source) {
    return source.replaceAll("\\s+", " ").strip();
  }

  private static void update(Generation g, Path expectedDir) throws IOException {
    Files.createDirectories(expectedDir);
    for (var e : g.sources().entrySet()) {
      Files.writeString(expectedDir.resolve(e.getKey().substring(e.getKey().lastIndexOf('/') + 1)),
          e.getValue());
    }
  }
}
