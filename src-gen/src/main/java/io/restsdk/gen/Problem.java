package io.restsdk.gen;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One thing wrong with (or generated loosely from) a spec, with where it is.
 *
 * <p>{@code pointer} is a JSON pointer into the spec document ({@code ""} for the document
 * itself); {@code line} is the 1-based line in the spec file when it is known (the file was
 * readable and the pointer names a node of it), else {@code null}.
 *
 * <pre>{@code
 * for (Problem p : generation.warnings()) {
 *   System.err.println(p); // "warning: api.yaml:42 /components/schemas/Shape: oneOf without a discriminator: ..."
 * }
 * }</pre>
 *
 * @param severity whether generation failed because of it
 * @param file the spec file the problem is in, as given (or the referenced file)
 * @param pointer a JSON pointer into that file ({@code ""} for the whole document)
 * @param line 1-based line number, when known
 * @param message what is wrong, in words
 */
public record Problem(Severity severity, String file, String pointer, @Nullable Integer line,
    String message) {

  /** Whether a problem stops generation. */
  public enum Severity {
    /** Generation fails; no sources are written. */
    ERROR,
    /** Something was generated loosely (e.g. as {@code Object}); the sources are still written. */
    WARNING
  }

  /** Checks the components. */
  public Problem {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pointer, "pointer");
    Objects.requireNonNull(message, "message");
  }

  /** The location part: {@code file:line pointer}, or {@code file pointer} without a line. */
  public String location() {
    String where = line == null ? file : file + ":" + line;
    return pointer.isEmpty() ? where + " (document)" : where + " " + pointer;
  }

  @Override
  public String toString() {
    return severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + location() + ": " + message;
  }

  /** Escapes one JSON pointer reference token ({@code ~} → {@code ~0}, {@code /} → {@code ~1}). */
  static String escape(String token) {
    return token.replace("~", "~0").replace("/", "~1");
  }
}
