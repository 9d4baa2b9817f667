package io.restsdk.core;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import io.restsdk.core.internal.MediaTypes;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * The decoder of the request flow: a successful response's body into the caller's type, once,
 * after the outcome is known.
 *
 * <ul>
 *   <li>{@code Void}: no value; {@code byte[]}: a copy of the bytes; {@code String}: the text
 *       when the body is not JSON, in its charset (UTF-8 by default).
 *   <li>Anything else: JSON through the client's {@code ObjectMapper} (a body without
 *       {@code Content-Type} is tried as JSON); a body of another media type or with a
 *       {@code Content-Type} that is no media type, an empty body, JSON {@code null} or JSON
 *       that does not fit is a {@link DecodeException} naming the type.
 *   <li>A body the ETag cache keeps may, with {@code reuseDecodedBodies}, be decoded once and
 *       the value handed out again after each 304 ({@link #cachedValue}).
 * </ul>
 */
final class Decoder {
  private Decoder() {}

  /**
   * The body of a cached array decoded, or with reuseDecodedBodies the value decoded from that
   * same array before (a 304 after the 200 that stored it).
   */
  @SuppressWarnings("unchecked")
  static <T> @Nullable T cachedValue(RestClient client, JavaType type, byte[] body,
      Headers headers, int status, String method, String shownUrl, Scrubber scrubber) {
    DecodedBodies memo = client.decodedBodies;
    T value = memo == null ? null : (T) memo.get(body, type);
    if (value != null) return value;
    value = decode(client, type, body, headers, status, method, shownUrl, scrubber);
    if (memo != null && value != null && !(value instanceof byte[])) memo.put(body, type, value);
    return value;
  }

  /**
   * {@code body} decoded as {@code type}; null only for {@code Void}.
   *
   * @param scrubber removes the request's credentials from what a parse failure quotes of the
   *     body (Jackson quotes the token it could not read: a server echoing the request's token
   *     unquoted would otherwise put it in the message)
   */
  @SuppressWarnings("unchecked")
  static <T> @Nullable T decode(RestClient client, JavaType type, byte[] body, Headers headers,
      int status, String method, String shownUrl, Scrubber scrubber) {
    Class<?> raw = type.getRawClass();
    if (raw == Void.class || raw == void.class) return null;
    // A copy: the array may be the one the ETag cache keeps, and callers may write to theirs.
    if (raw == byte[].class) return (T) body.clone();
    String ct = headers.get("Content-Type");
    // The usual "application/json" (with or without parameters) needs no MediaType, whose
    // parser runs a regular expression.
    boolean plainJson = ct != null && MediaTypes.isPlainJson(ct);
    MediaType mediaType = ct == null || plainJson ? null : MediaType.parse(ct);
    if (raw == String.class && !plainJson
        && (mediaType == null || !MediaTypes.isJson(mediaType))) {
      return (T) new String(body, mediaType == null || mediaType.charset() == null
          ? StandardCharsets.UTF_8 : mediaType.charset());
    }
    if (ct != null && !plainJson && mediaType == null && raw != String.class) {
      // Not a media type at all (a broken server's bytes): nothing says the body is JSON.
      throw new DecodeException(method, shownUrl, status, type,
          "the body's Content-Type is not a media type, so not JSON");
    }
    if (mediaType != null && !MediaTypes.isJson(mediaType)) {
      throw new DecodeException(method, shownUrl, status, type,
          "the body is " + mediaType.type() + "/" + mediaType.subtype() + ", not JSON");
    }
    if (body.length == 0) {
      throw new DecodeException(method, shownUrl, status, type, "the body is empty");
    }
    try {
      T value = client.reader(type).readValue(body);
      if (value == null) {
        throw new DecodeException(method, shownUrl, status, type, "the body is JSON null");
      }
      return value;
    } catch (JsonProcessingException e) {
      throw new DecodeException(method, shownUrl, status, type, reason(e, scrubber));
    } catch (IOException e) {
      throw new DecodeException(method, shownUrl, status, type,
          scrubber.scrub(String.valueOf(e)));
    }
  }

  /**
   * What Jackson found wrong, scrubbed, with where. Jackson's exception is not kept as the
   * cause: its message quotes body content the scrubbed reason already says.
   */
  static String reason(JsonProcessingException e, Scrubber scrubber) {
    String what = scrubber.scrubQuoted(String.valueOf(e.getOriginalMessage()));
    JsonLocation at = e.getLocation();
    return at == null || at.getLineNr() < 1 ? what
        : what + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }
}
