package io.restsdk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Tour#main} in a JVM of its own: its exit code is what CI and the README rely on. */
class TourMainTest {
  @TempDir Path dir;

  record Run(int exitCode, String out, String err) {}

  @Test
  void exitsZeroWhenEveryStepPassed() throws Exception {
    Run run = tour();

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().endsWith("18 steps passed, 0 failed\n"), run.out());
    assertTrue(run.out().contains(" 3b. GET    /v1/books/1            → 304     Ok (revalidated"),
        "UTF-8 whatever the platform's default: " + run.out());
  }

  @Test
  void exitsOneWhenAStepFailed() throws Exception {
    Run run = tour("--base-url", "http://127.0.0.1:1/v1/", "--token", "t-0123456789");

    assertEquals(1, run.exitCode(), run.err());
    assertTrue(run.out().contains("  1. POST   /v1/authors            → ---"), run.out());
    assertTrue(run.out().contains("✗ FAILED: unexpected TransportException: POST /v1/authors: "
        + "connection failed (the request was not sent)"), run.out());
    assertTrue(run.out().endsWith("0 steps passed, 16 failed, 2 skipped\n"), run.out());
    assertFalse(run.out().contains("t-0123456789"));
  }

  @Test
  void exitsTwoForBadArgumentsWithoutEchoingThem() throws Exception {
    Run run = tour("--base-url", "http://127.0.0.1:1/v1/", "t-0123456789");

    assertEquals(2, run.exitCode());
    assertTrue(run.err().startsWith("Tour: unknown argument #3\nusage: Tour"), run.err());
    assertFalse(run.err().contains("t-0123456789"));
  }

  @Test
  void helpExitsZero() throws Exception {
    Run run = tour("--help");

    assertEquals(0, run.exitCode());
    assertEquals(TourOptions.USAGE + "\n", run.out());
  }

  private Run tour(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"),
        Tour.class.getName()));
    command.addAll(List.of(args));
    Path out = dir.resolve("out");
    Path err = dir.resolve("err");
    Process process = new ProcessBuilder(command)
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .start();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("the tour did not end within 60 s");
    }
    return new Run(process.exitValue(), Files.readString(out, UTF_8), Files.readString(err, UTF_8));
  }
}
