package io.restsdk.testkit;

/**
 * Matching of request paths for faults and assertions. A pattern is {@code *} (any path), an
 * absolute path ({@code /v1/books/1}) or a path relative to the base path ({@code books/1}, also
 * accepted as {@code /books/1}); a pattern ending in {@code /*} matches every path below it.
 */
final class PathPattern {
  private PathPattern() {}

  static boolean matches(String methodPattern, String pathPattern, String method, String path, String basePath) {
    if (!methodPattern.equals(Faults.ANY) && !methodPattern.equalsIgnoreCase(method)) {
      return false;
    }
    return matchesPath(pathPattern, path, basePath);
  }

  static boolean matchesPath(String pattern, String path, String basePath) {
    if (pattern.equals(Faults.ANY)) {
      return true;
    }
    String relative = basePath + (pattern.startsWith("/") ? pattern.substring(1) : pattern);
    if (pattern.endsWith("/*")) {
      String prefix = pattern.substring(0, pattern.length() - 1);
      String relativePrefix = relative.substring(0, relative.length() - 1);
      return (pattern.startsWith("/") && path.startsWith(prefix)) || path.startsWith(relativePrefix);
    }
    return (pattern.startsWith("/") && path.equals(pattern)) || path.equals(relative);
  }
}
