package io.restsdk.gen;

import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RealWorldSpecsTest {

  @ParameterizedTest
  @ValueSource(strings = {"github", "stripe", "cloud31"})
  void generatesAndCompiles(String name, @TempDir Path tmp) throws Exception {
    Generation g;
    try {
      g = Generator.forPackage("com.acme." + name).generate(Compiled.resource("specs/realworld/" + name + ".yaml"));
    } catch (GenerationException e) {
      System.out.println("ERRORS " + e.getMessage());
      throw e;
    }
    g.warnings().forEach(w -> System.out.println("W " + w));
    g.sources().keySet().forEach(k -> System.out.println("S " + k));
    g.writeTo(Path.of("/tmp/genrobust-out/" + name));
    Compiled.compile(g, tmp);
  }
}
