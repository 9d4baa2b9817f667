package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import okhttp3.HttpUrl;

/**
 * Encodes a value as one path segment, for building request paths from parameters (as generated
 * clients do): {@code ApiRequest.get("books/" + PathSegment.encode(id) + "/pages")}. The value's
 * text ({@link String#valueOf(Object)}) is percent-encoded by OkHttp's path-segment rules, so a
 * {@code /}, {@code ?}, {@code #}, space or {@code %} in it can never change which resource is
 * asked for. Values that could only leave or split the segment are refused, as
 * {@link Resource} refuses such ids: empty, {@code .}, {@code ..} (also written {@code %2e}),
 * and text holding {@code /}, {@code \}, an encoded {@code /} or {@code \}, or control
 * characters.
 *
 * <pre>{@code
 * PathSegment.encode("a b")    // "a%20b"
 * PathSegment.encode(42L)      // "42"
 * PathSegment.encode("a/b")    // IllegalArgumentException
 * }</pre>
 */
public final class PathSegment {
  private static final HttpUrl BASE = HttpUrl.get("http://h/");

  private PathSegment() {}

  /**
   * The value's text as one encoded path segment.
   *
   * @throws NullPointerException if {@code value} is null
   * @throws IllegalArgumentException if the text is empty, {@code .} or {@code ..}, or holds a
   *     {@code /}, {@code \} (plain or percent-encoded) or a control character
   */
  public static String encode(Object value) {
    requireNonNull(value, "path parameter == null");
    String text = String.valueOf(value);
    try {
      Resource.checkId(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "a path parameter " + e.getMessage().replaceFirst("^id ", ""));
    }
    return BASE.newBuilder().addPathSegment(text).build().encodedPath().substring(1);
  }
}
