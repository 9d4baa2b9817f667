package io.restsdk.gen;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command line: generates model sources from a spec into a source folder.
 *
 * <pre>{@code
 * java -jar restsdk-gen.jar --spec api.yaml --package com.acme.api --out src/generated/java
 * }</pre>
 *
 * <p>Exit codes: 0 generated (warnings, if any, on stderr); 1 the spec has errors or the sources
 * could not be written; 2 wrong arguments.
 */
public final class Main {

  static final String USAGE = """
      usage: java -jar restsdk-gen.jar --spec <file> --package <name> --out <dir>

      Generates Java 17 records, enums and sealed interfaces from an OpenAPI 3.0/3.1 document.

        --spec <file>     the OpenAPI document, YAML or JSON ($refs to other files are followed)
        --package <name>  the Java package of the generated sources, e.g. com.acme.api
        --out <dir>       the source root to write into (created if missing)
        --help            this text

      Exit codes: 0 generated, 1 the spec has errors (listed on stderr, with file:line and a
      JSON pointer each) or the sources could not be written, 2 wrong arguments.
      """;

  private Main() {}

  /**
   * Runs the command line and exits with its code.
   *
   * @param args the arguments, see {@link #USAGE}
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs the command line without exiting.
   *
   * @param args the arguments
   * @param out where the summary and {@code --help} go
   * @param err where errors and warnings go
   * @return the exit code: 0 generated, 1 spec errors or write failure, 2 wrong arguments
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    Map<String, String> options = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (a.equals("--help") || a.equals("-h")) {
        out.print(USAGE);
        return 0;
      }
      if (!List.of("--spec", "--package", "--out").contains(a)) {
        err.println("error: unknown argument '" + a + "'");
        err.print(USAGE);
        return 2;
      }
      if (i + 1 >= args.length || args[i + 1].startsWith("--")) {
        err.println("error: " + a + " needs a value");
        return 2;
      }
      if (options.put(a, args[++i]) != null) {
        err.println("error: " + a + " given twice");
        return 2;
      }
    }
    for (String required : List.of("--spec", "--package", "--out")) {
      if (!options.containsKey(required)) {
        err.println("error: missing " + required);
        err.print(USAGE);
        return 2;
      }
    }
    String pkg = options.get("--package");
    if (!Names.isPackageName(pkg)) {
      err.println("error: --package '" + pkg + "' is not a Java package name");
      return 2;
    }
    Generation generation;
    try {
      generation = Generator.forPackage(pkg).generate(Path.of(options.get("--spec")));
    } catch (GenerationException e) {
      e.problems().forEach(err::println);
      err.println("error: nothing generated: " + e.errors().size()
          + (e.errors().size() == 1 ? " error" : " errors") + " in the spec");
      return 1;
    } catch (java.nio.file.InvalidPathException e) {
      err.println("error: --spec: " + e.getMessage());
      return 2;
    }
    generation.warnings().forEach(err::println);
    Path outDir;
    try {
      outDir = Path.of(options.get("--out"));
      generation.writeTo(outDir);
    } catch (IOException | java.nio.file.InvalidPathException e) {
      err.println("error: cannot write the sources to " + options.get("--out") + ": " + e);
      return 1;
    }
    out.println("generated " + generation.sources().size() + " source files into " + outDir
        + (generation.warnings().isEmpty() ? "" : " (" + generation.warnings().size() + " warnings)"));
    return 0;
  }
}
