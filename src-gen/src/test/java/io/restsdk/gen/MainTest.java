package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line, run in-process through {@link Main#run}. */
class MainTest {

  @TempDir Path tmp;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void helpPrintsUsageAndSucceeds() {
    assertEquals(0, run("--help"));
    assertTrue(out().startsWith("usage: java -jar restsdk-gen.jar --spec <file> --package <name> --out <dir>"), out());
    assertEquals("", err());
  }

  @Test
  void generatesIntoTheOutputFolder() throws Exception {
    String spec = Compiled.resource("golden/pets/api.yaml").toString();
    assertEquals(0, run("--spec", spec, "--package", "com.acme.api", "--out", tmp.toString()));
    assertTrue(Files.exists(tmp.resolve("com/acme/api/Pet.java")));
    assertTrue(Files.exists(tmp.resolve("com/acme/api/Money.java")));
    assertEquals("generated 10 source files into " + tmp + " (1 warnings)\n", out());
    assertTrue(err().startsWith("warning: api.yaml:41 /components/schemas/Pet/properties/any: oneOf"), err());
  }

  @Test
  void aMissingSpecArgumentIsAUsageError() {
    assertEquals(2, run("--package", "a.b", "--out", tmp.toString()));
    assertTrue(err().startsWith("error: missing --spec\nusage:"), err());
    assertEquals("", out());
  }

  @Test
  void wrongArgumentsAreUsageErrors() {
    assertEquals(2, run("--spec"));
    assertTrue(err().startsWith("error: --spec needs a value"), err());
    assertEquals(2, run("--verbose"));
    assertTrue(err().contains("error: unknown argument '--verbose'"), err());
    assertEquals(2, run("--spec", "a.yaml", "--package", "1a", "--out", "o"));
    assertTrue(err().contains("error: --package '1a' is not a Java package name"), err());
    assertEquals(2, run("--spec", "a.yaml", "--spec", "b.yaml"));
    assertTrue(err().contains("error: --spec given twice"), err());
  }

  @Test
  void specErrorsExitWithOneAndListEveryProblemOnStderr() {
    String spec = Compiled.resource("bad/unresolved.yaml").toString();
    assertEquals(1, run("--spec", spec, "--package", "a.b", "--out", tmp.toString()));
    String[] lines = err().split("\n");
    assertEquals(4, lines.length, err());
    assertTrue(lines[0].startsWith("error: unresolved.yaml:10 /components/schemas/Pet/properties/owner/$ref: unresolved $ref"), lines[0]);
    assertEquals("error: nothing generated: 3 errors in the spec", lines[3]);
    assertEquals("", out());
    assertTrue(!err().contains("\tat "), "no stack trace");
  }

  @Test
  void anUnwritableOutputFolderExitsWithOne() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    String spec = Compiled.resource("golden/pets/api.yaml").toString();
    assertEquals(1, run("--spec", spec, "--package", "a.b", "--out", file.toString()));
    assertTrue(err().contains("error: cannot write the sources to " + file), err());
  }
}
