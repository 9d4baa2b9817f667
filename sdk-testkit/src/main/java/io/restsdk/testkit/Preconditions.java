package io.restsdk.testkit;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Evaluation of {@code If-Match} and {@code If-None-Match} in the order of RFC 9110, section
 * 13.2.2. {@code If-Match} uses the strong comparison, {@code If-None-Match} the weak one; {@code
 * *} matches any current representation.
 */
final class Preconditions {
  enum Outcome {
    PROCEED,
    NOT_MODIFIED,
    FAILED
  }

  private Preconditions() {}

  /**
   * @param method the request method
   * @param currentEtag the current strong ETag of the target, {@code null} if it does not exist
   * @param ifMatch the joined {@code If-Match} field values, {@code null} if absent
   * @param ifNoneMatch the joined {@code If-None-Match} field values, {@code null} if absent
   */
  static Outcome evaluate(
      String method, @Nullable String currentEtag, @Nullable String ifMatch, @Nullable String ifNoneMatch) {
    if (ifMatch != null && !ifMatchPasses(currentEtag, ifMatch)) {
      return Outcome.FAILED;
    }
    if (ifNoneMatch != null && !ifNoneMatchPasses(currentEtag, ifNoneMatch)) {
      return method.equals("GET") || method.equals("HEAD") ? Outcome.NOT_MODIFIED : Outcome.FAILED;
    }
    return Outcome.PROCEED;
  }

  static boolean ifMatchPasses(@Nullable String currentEtag, String ifMatch) {
    if (currentEtag == null) {
      return false;
    }
    if (ifMatch.trim().equals("*")) {
      return true;
    }
    for (String tag : parseList(ifMatch)) {
      if (!isWeak(tag) && tag.equals(currentEtag) && !isWeak(currentEtag)) {
        return true;
      }
    }
    return false;
  }

  /** True when the condition passes, i.e. none of the listed tags matches weakly. */
  static boolean ifNoneMatchPasses(@Nullable String currentEtag, String ifNoneMatch) {
    if (currentEtag == null) {
      return true;
    }
    if (ifNoneMatch.trim().equals("*")) {
      return false;
    }
    String current = opaque(currentEtag);
    for (String tag : parseList(ifNoneMatch)) {
      if (opaque(tag).equals(current)) {
        return false;
      }
    }
    return true;
  }

  /** Splits a list of entity tags on commas that are outside quoted strings. */
  static List<String> parseList(String value) {
    List<String> tags = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      }
      if (c == ',' && !quoted) {
        add(tags, current);
        current.setLength(0);
      } else {
        current.append(c);
      }
    }
    add(tags, current);
    return tags;
  }

  private static void add(List<String> tags, StringBuilder tag) {
    String trimmed = tag.toString().trim();
    if (!trimmed.isEmpty()) {
      tags.add(trimmed);
    }
  }

  private static boolean isWeak(String tag) {
    return tag.startsWith("W/");
  }

  private static String opaque(String tag) {
    return isWeak(tag) ? tag.substring(2) : tag;
  }
}
