package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/** Compiles generated sources in-test with {@code -Xlint:all -Werror} and loads the classes. */
final class Compiled {

  /**
   * What generated code may use: Jackson's annotations (shared by Jackson 2 and 3), JSpecify and
   * sdk-core; neither Jackson's databind, so that a source naming one does not compile.
   */
  private static final List<String> CLASSPATH_PARTS = List.of("jackson-annotations", "jspecify",
      "sdk-core");

  private Compiled() {}

  /** Writes the sources under {@code dir}/src, compiles them to {@code dir}/classes, loads them. */
  static ClassLoader compile(Generation generation, Path dir) throws IOException {
    Path src = dir.resolve("src");
    Path classes = dir.resolve("classes");
    generation.writeTo(src);
    javac(src, classpath(), classes);
    return new URLClassLoader(new URL[] {classes.toUri().toURL()}, Compiled.class.getClassLoader());
  }

  /**
   * Compiles every {@code .java} file under {@code src} against {@code classpath} into
   * {@code classes}, with {@code -Xlint:all -Werror}; fails the test with javac's messages.
   */
  static void javac(Path src, String classpath, Path classes) throws IOException {
    Files.createDirectories(classes);
    List<File> files;
    try (Stream<Path> walk = Files.walk(src)) {
      files = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).sorted().toList();
    }
    JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
    DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
    try (StandardJavaFileManager fm = compiler.getStandardFileManager(diagnostics, null, null)) {
      List<String> options = new ArrayList<>(List.of("-Xlint:all", "-Werror", "--release", "17",
          "-proc:none", "-classpath", classpath, "-d", classes.toString()));
      boolean ok = compiler.getTask(null, fm, diagnostics, options, null,
          fm.getJavaFileObjectsFromFiles(files)).call();
      assertTrue(ok, () -> "generated sources do not compile cleanly:\n" + diagnostics.getDiagnostics()
          .stream().map(Object::toString).collect(Collectors.joining("\n")));
    }
  }

  /** Only what generated code may use (see {@link #CLASSPATH_PARTS}). */
  static String classpath() {
    String full = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Stream.of(full.split(File.pathSeparator))
        .filter(e -> CLASSPATH_PARTS.stream().anyMatch(e::contains))
        .filter(e -> new File(e).exists())
        .collect(Collectors.joining(File.pathSeparator));
  }

  static Path resource(String name) {
    try {
      return Path.of(Compiled.class.getResource("/" + name).toURI());
    } catch (java.net.URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no test resource " + name, e);
    }
  }
}
