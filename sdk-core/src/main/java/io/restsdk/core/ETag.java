package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An entity tag as defined by RFC 9110 §8.8.3: an opaque tag, strong or weak.
 *
 * <p>Instances are immutable and thread-safe. {@link #parse} never throws on a malformed header
 * value: a value that is not a valid entity tag is treated as absent.
 *
 * <p><b>Weak tags and writes.</b> {@code If-None-Match} compares weakly, so a weak tag
 * revalidates a cached GET like a strong one. {@code If-Match} compares strongly (RFC 9110
 * §13.1.1): a weak tag never matches and a compliant server answers 412 every time. So the SDK
 * never puts a weak tag in {@code If-Match} by itself:
 * <ul>
 *   <li>automatic {@code If-Match} from the ETag cache
 *       ({@link RestClient.Builder#conditionalWrites(boolean)}) leaves the write
 *       unconditional when the cached tag is weak;
 *   <li>where the caller asked for a conditional write ({@link Resource#update(Entity)},
 *       {@link Resource#modify}) and the item's tag is weak, nothing is sent and
 *       {@link WeakEtagException} says so;
 *   <li>an explicit {@link ApiRequest#ifMatch(ETag)} is always sent as given.
 * </ul>
 *
 * <pre>{@code
 * ETag tag = ETag.parse("W/\"v7\"").orElseThrow();
 * tag.isWeak();        // true
 * tag.opaqueTag();     // "v7"
 * tag.headerValue();   // W/"v7"
 * tag.weakMatch(ETag.strong("v7")); // true
 * }</pre>
 */
public final class ETag {
  private final String opaqueTag;
  private final boolean weak;
  /** The header value, made once: a cached GET sends it in every {@code If-None-Match}. */
  private final String header;

  private ETag(String opaqueTag, boolean weak) {
    this(opaqueTag, weak, weak ? "W/\"" + opaqueTag + '"' : '"' + opaqueTag + '"');
  }

  private ETag(String opaqueTag, boolean weak, String header) {
    this.opaqueTag = opaqueTag;
    this.weak = weak;
    this.header = header;
  }

  /**
   * A strong entity tag.
   *
   * @param opaqueTag the tag without quotes, e.g. {@code v7}
   * @throws NullPointerException if {@code opaqueTag} is null
   * @throws IllegalArgumentException if it holds a character RFC 9110 does not allow (a quote,
   *     a space, a control character)
   */
  public static ETag strong(String opaqueTag) {
    return new ETag(checkOpaque(opaqueTag), false);
  }

  /**
   * A weak entity tag ({@code W/"..."}).
   *
   * @param opaqueTag the tag without quotes or {@code W/} prefix
   * @throws NullPointerException if {@code opaqueTag} is null
   * @throws IllegalArgumentException if it holds a character RFC 9110 does not allow
   */
  public static ETag weak(String opaqueTag) {
    return new ETag(checkOpaque(opaqueTag), true);
  }

  /**
   * Parses an {@code ETag} header value such as {@code "abc"} or {@code W/"abc"}.
   *
   * @return the tag, or empty when {@code headerValue} is null, blank or malformed (unquoted,
   *     unbalanced quotes, illegal characters, a list)
   */
  public static Optional<ETag> parse(@Nullable String headerValue) {
    if (headerValue == null) return Optional.empty();
    String header = headerValue.trim();
    String v = header;
    boolean weak = false;
    if (v.startsWith("W/")) {
      weak = true;
      v = v.substring(2);
    }
    if (v.length() < 2 || v.charAt(0) != '"' || v.charAt(v.length() - 1) != '"') {
      return Optional.empty();
    }
    String opaque = v.substring(1, v.length() - 1);
    if (!isValidOpaque(opaque)) return Optional.empty();
    return Optional.of(new ETag(opaque, weak, header)); // the trimmed value is the canonical form
  }

  /** The tag without quotes or weakness prefix. */
  public String opaqueTag() {
    return opaqueTag;
  }

  /** True for a weak tag ({@code W/"..."}). */
  public boolean isWeak() {
    return weak;
  }

  /** The tag as sent in a header: {@code "v7"} or {@code W/"v7"}. */
  public String headerValue() {
    return header;
  }

  /** Strong comparison (RFC 9110 §8.8.3.2): both strong and the same opaque tag; used by If-Match. */
  public boolean strongMatch(ETag other) {
    requireNonNull(other, "other == null");
    return !weak && !other.weak && opaqueTag.equals(other.opaqueTag);
  }

  /** Weak comparison: the same opaque tag, weakness ignored; used by If-None-Match. */
  public boolean weakMatch(ETag other) {
    requireNonNull(other, "other == null");
    return opaqueTag.equals(other.opaqueTag);
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof ETag that && weak == that.weak && opaqueTag.equals(that.opaqueTag);
  }

  @Override
  public int hashCode() {
    return opaqueTag.hashCode() * 31 + (weak ? 1 : 0);
  }

  /** Same as {@link #headerValue()}. */
  @Override
  public String toString() {
    return headerValue();
  }

  private static String checkOpaque(String opaqueTag) {
    requireNonNull(opaqueTag, "opaqueTag == null");
    if (!isValidOpaque(opaqueTag)) {
      throw new IllegalArgumentException(
          "opaqueTag holds a character not allowed in an entity tag (quote, space or control)");
    }
    return opaqueTag;
  }

  // etagc = %x21 / %x23-7E / obs-text
  private static boolean isValidOpaque(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c == 0x21 || (c >= 0x23 && c <= 0x7E) || (c >= 0x80 && c <= 0xFF);
      if (!ok) return false;
    }
    return true;
  }
}
