package io.restsdk.gen;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a successful run: the sources (path relative to a source root → text, sorted)
 * and the warnings about what was generated loosely.
 *
 * <pre>{@code
 * Generation g = Generator.forPackage("com.acme.api").generate(Path.of("api.yaml"));
 * g.warnings().forEach(System.err::println);
 * g.writeTo(Path.of("target/generated-sources/restsdk"));
 * }</pre>
 *
 * @param sources relative path ({@code com/acme/api/Pet.java}) → source text, sorted by path
 * @param warnings problems that did not stop generation, in the order found
 */
public record Generation(Map<String, String> sources, java.util.List<Problem> warnings) {

  /** Copies the components; {@code sources} keeps its sorted order. */
  public Generation {
    sources = java.util.Collections.unmodifiableMap(new TreeMap<>(sources));
    warnings = java.util.List.copyOf(warnings);
  }

  /**
   * Writes every source under {@code root} (creating directories), as UTF-8, replacing files of
   * the same name; other files are left alone.
   *
   * @param root a source root
   * @throws IOException if a file cannot be written
   */
  public void writeTo(Path root) throws IOException {
    for (Map.Entry<String, String> e : sources.entrySet()) {
      Path file = root.resolve(e.getKey());
      Files.createDirectories(file.getParent());
      Files.writeString(file, e.getValue(), StandardCharsets.UTF_8);
    }
  }
}
