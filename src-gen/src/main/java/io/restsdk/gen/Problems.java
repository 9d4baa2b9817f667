package io.restsdk.gen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Collects the problems of one generation run, each once, with lines looked up by pointer. */
final class Problems {

  private final List<Problem> list = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();
  private String file = "";
  private Map<String, Integer> lines = Map.of();

  void file(String file) {
    this.file = file;
  }

  void lines(Map<String, Integer> lines) {
    this.lines = lines;
  }

  /** The line of {@code pointer}, or of its nearest ancestor the file has; null if none. */
  @Nullable Integer lineOf(String pointer) {
    String p = pointer;
    while (true) {
      Integer line = lines.get(p);
      if (line != null) {
        return line;
      }
      int slash = p.lastIndexOf('/');
      if (slash < 0) {
        return null;
      }
      p = p.substring(0, slash);
    }
  }

  void error(String pointer, String message) {
    add(Problem.Severity.ERROR, pointer, lineOf(pointer), message);
  }

  void warning(String pointer, String message) {
    add(Problem.Severity.WARNING, pointer, lineOf(pointer), message);
  }

  void add(Problem.Severity severity, String pointer, @Nullable Integer line, String message) {
    if (seen.add(severity + " " + pointer + " " + message)) {
      list.add(new Problem(severity, file, pointer, line, message));
    }
  }

  boolean hasErrors() {
    return list.stream().anyMatch(p -> p.severity() == Problem.Severity.ERROR);
  }

  List<Problem> all() {
    return List.copyOf(list);
  }

  List<Problem> warnings() {
    return list.stream().filter(p -> p.severity() == Problem.Severity.WARNING).toList();
  }
}
