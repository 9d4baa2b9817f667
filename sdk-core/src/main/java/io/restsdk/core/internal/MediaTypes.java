package io.restsdk.core.internal;

import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/** Which media types restsdk reads as JSON. */
public final class MediaTypes {
  /** The type JSON request bodies are sent with. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private MediaTypes() {}

  /**
   * Whether a {@code Content-Type} header value is {@code application/json}, with or without
   * parameters, compared without parsing (and so without allocating).
   */
  public static boolean isPlainJson(String header) {
    if (header.startsWith("application/json")) { // the usual spelling: no case to fold
      int n = header.length();
      int i = 16;
      while (i < n && isSpace(header.charAt(i))) i++;
      if (i == n || header.charAt(i) == ';') return true;
    }
    int end = header.indexOf(';');
    if (end < 0) end = header.length();
    int start = 0;
    while (start < end && isSpace(header.charAt(start))) start++;
    while (end > start && isSpace(header.charAt(end - 1))) end--;
    return end - start == 16 && header.regionMatches(true, start, "application/json", 0, 16);
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t';
  }

  /** {@code application/json} or any {@code application/*+json}, e.g. {@code application/problem+json}. */
  public static boolean isJson(@Nullable MediaType type) {
    if (type == null) return false;
    if (!type.type().equalsIgnoreCase("application")) return false;
    String sub = type.subtype().toLowerCase(java.util.Locale.ROOT);
    return sub.equals("json") || sub.endsWith("+json");
  }

  /**
   * HAL: {@code application/hal+json}, {@code application/vnd.hal+json} or HAL-FORMS
   * ({@code application/prs.hal-forms+json}), whose objects carry {@code _links}.
   */
  public static boolean isHal(@Nullable MediaType type) {
    if (type == null || !type.type().equalsIgnoreCase("application")) return false;
    String sub = type.subtype().toLowerCase(java.util.Locale.ROOT);
    return sub.equals("hal+json") || sub.equals("vnd.hal+json") || sub.equals("prs.hal-forms+json");
  }

  /** JSON:API: {@code application/vnd.api+json}. */
  public static boolean isJsonApi(@Nullable MediaType type) {
    return type != null && type.type().equalsIgnoreCase("application")
        && type.subtype().equalsIgnoreCase("vnd.api+json");
  }
}
