package io.restsdk.gen;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Maps names from a spec (schema names, property names, enum values) to Java identifiers.
 *
 * <p>The mapping is deterministic and never loses the wire name: the generated code keeps it in
 * {@code @JsonProperty}, {@code @JsonValue} or {@code @JsonSubTypes}, so decoding and encoding use
 * the name from the spec whatever Java name it got. Words are split on anything that is not a
 * letter or digit and on lower-to-upper case changes; keywords get a trailing {@code _}; a leading
 * digit gets a leading {@code _}.
 *
 * <pre>{@code
 * Names.typeName("pet-store.Item")  // "PetStoreItem"
 * Names.memberName("first-name")    // "firstName"
 * Names.memberName("class")         // "class_"
 * Names.constantName("in-progress") // "IN_PROGRESS"
 * }</pre>
 */
final class Names {

  static final Set<String> KEYWORDS = Set.of(
      "abstract", "assert", "boolean", "break", "byte", "case", "catch", "char", "class", "const",
      "continue", "default", "do", "double", "else", "enum", "extends", "final", "finally",
      "float", "for", "goto", "if", "implements", "import", "instanceof", "int", "interface",
      "long", "native", "new", "package", "private", "protected", "public", "return", "short",
      "static", "strictfp", "super", "switch", "synchronized", "this", "throw", "throws",
      "transient", "try", "void", "volatile", "while", "true", "false", "null", "_", "var",
      "yield", "record", "sealed", "permits", "non-sealed");

  /**
   * Simple names a generated type must not take: java.lang types (they would be shadowed in the
   * package) and the types generated sources import.
   */
  static final Set<String> RESERVED_TYPE_NAMES = Set.of(
      "Object", "String", "Integer", "Long", "Short", "Byte", "Double", "Float", "Boolean",
      "Character", "Number", "Void", "Class", "Enum", "Record", "Override", "Deprecated",
      "SuppressWarnings", "SafeVarargs", "FunctionalInterface", "Error", "Exception",
      "RuntimeException", "Throwable", "Math", "System", "Thread", "Iterable", "Comparable",
      "CharSequence", "Runtime", "Process", "Package", "Module", "StringBuilder", "Cloneable",
      "AutoCloseable", "List", "Map", "UUID", "URI", "OffsetDateTime", "LocalDate", "BigDecimal",
      "Nullable", "JsonProperty", "JsonIgnoreProperties", "JsonValue", "JsonCreator",
      "JsonTypeInfo", "JsonSubTypes", "JsonEnumDefaultValue", "Objects",
      // what generated clients import
      "RestClient", "ApiRequest", "ApiResponse", "ApiException", "Query", "Entity", "TypeRef",
      "Paging", "PathSegment", "ETag", "JsonPatch", "Stream", "CompletableFuture", "Consumer");

  private Names() {}

  /** Splits {@code raw} into words: on non-alphanumerics and on lower→upper changes. */
  static List<String> words(String raw) {
    List<String> words = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (int i = 0; i < raw.length(); ) {
      int cp = raw.codePointAt(i);
      if (!Character.isLetterOrDigit(cp)) {
        flush(words, current);
      } else {
        if (current.length() > 0 && Character.isUpperCase(cp)) {
          int prev = current.codePointBefore(current.length());
          boolean nextIsLower = i + Character.charCount(cp) < raw.length()
              && Character.isLowerCase(raw.codePointAt(i + Character.charCount(cp)));
          // "fooBar" → foo|Bar; "HTTPServer" → HTTP|Server; "HTTP" stays one word
          if (Character.isLowerCase(prev) || Character.isDigit(prev)
              || (Character.isUpperCase(prev) && nextIsLower)) {
            flush(words, current);
          }
        }
        current.appendCodePoint(cp);
      }
      i += Character.charCount(cp);
    }
    flush(words, current);
    return words;
  }

  private static void flush(List<String> words, StringBuilder current) {
    if (current.length() > 0) {
      words.add(current.toString());
      current.setLength(0);
    }
  }

  private static String capitalize(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    // keep acronyms readable but regular: "ID" → "Id", "url" → "Url"
    return lower.substring(0, 1).toUpperCase(Locale.ROOT) + lower.substring(1);
  }

  /** A type name: PascalCase, never a keyword, never a reserved simple name. */
  static String typeName(String raw) {
    StringBuilder sb = new StringBuilder();
    for (String w : words(raw)) {
      sb.append(Character.isUpperCase(w.codePointAt(0)) && w.length() > 1
              && !w.chars().allMatch(Character::isUpperCase)
          ? w : capitalize(w));
    }
    String name = sb.length() == 0 ? "Unnamed" : sb.toString();
    if (Character.isDigit(name.charAt(0))) {
      name = "_" + name;
    }
    if (RESERVED_TYPE_NAMES.contains(name)) {
      name = name + "Model";
    }
    return name;
  }

  /** A field, component or method name: camelCase, keywords get a trailing {@code _}. */
  static String memberName(String raw) {
    List<String> words = words(raw);
    if (words.isEmpty()) {
      return "unnamed";
    }
    StringBuilder sb = new StringBuilder(words.get(0).toLowerCase(Locale.ROOT).equals(words.get(0))
        || words.get(0).chars().allMatch(Character::isUpperCase)
        ? words.get(0).toLowerCase(Locale.ROOT)
        : Character.toLowerCase(words.get(0).charAt(0)) + words.get(0).substring(1));
    for (int i = 1; i < words.size(); i++) {
      sb.append(capitalize(words.get(i)));
    }
    String name = sb.toString();
    if (Character.isDigit(name.charAt(0))) {
      // "+1"/"-1" (reaction counts) → plus1/minus1, not both _1
      name = raw.startsWith("+") ? "plus" + name : raw.startsWith("-") ? "minus" + name : "_" + name;
    }
    return KEYWORDS.contains(name) ? name + "_" : name;
  }

  /** An enum constant: UPPER_SNAKE_CASE; empty → {@code EMPTY}; a leading digit gets {@code _}. */
  static String constantName(String raw) {
    List<String> words = words(raw);
    if (words.isEmpty()) {
      return raw.isEmpty() ? "EMPTY" : "VALUE";
    }
    String name = String.join("_", words).toUpperCase(Locale.ROOT);
    if (raw.startsWith("-") && Character.isDigit(name.charAt(0))) {
      name = "MINUS_" + name;
    } else if (raw.startsWith("+") && Character.isDigit(name.charAt(0))) {
      name = "PLUS_" + name;
    }
    return Character.isDigit(name.charAt(0)) ? "_" + name : name;
  }

  /** {@code name}, or {@code name2}, {@code name3}… whichever is not in {@code taken}; adds it. */
  static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int n = 2; !taken.add(candidate); n++) {
      candidate = name + n;
    }
    return candidate;
  }

  /** Whether {@code s} is a legal Java package name. */
  static boolean isPackageName(String s) {
    if (s == null || s.isEmpty()) {
      return false;
    }
    for (String part : s.split("\\.", -1)) {
      if (part.isEmpty() || KEYWORDS.contains(part) || !Character.isJavaIdentifierStart(part.charAt(0))
          || !part.chars().allMatch(Character::isJavaIdentifierPart)) {
        return false;
      }
    }
    return true;
  }
}
