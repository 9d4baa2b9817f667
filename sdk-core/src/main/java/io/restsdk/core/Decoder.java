package io.restsdk.core;

import io.restsdk.core.internal.Json;
import io.restsdk.core.internal.MediaTypes;
import java.io.IOException;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * The decoder of the request flow: a successful response's body into the caller's type, once,
 * after the outcome is known.
 *
 * <ul>
 *   <li>{@code Void}: no value; {@code byte[]}: a copy of the bytes; {@code String}: the text
 *       when the body is not JSON, in its charset (UTF-8 by default).
 *   <li>Anything else: through the client's {@link BodyCodec} (a body without
 *       {@code Content-Type} is tried as JSON); a body of a media type the codec does not
 *       handle ({@link BodyCodec#handles}) or with a
 *       {@code Content-Type} that is no media type, an empty body, JSON {@code null} or JSON
 *       that does not fit is a {@link DecodeException} naming the type.
 *   <li>Hypermedia: a HAL body ({@code application/hal+json}, HAL-FORMS, or any JSON body that
 *       holds {@code "_links"}) is read by {@link Hal}, which also returns its links and fills
 *       associations; a JSON:API body ({@code application/vnd.api+json}) by {@link JsonApi}. Any
 *       other JSON body is bound straight from its bytes, with no links to look for.
 *   <li>A body the ETag cache keeps is decoded once and the value, with its links, handed out
 *       again after each 304 when its type is deeply immutable ({@link ImmutableTypes}), or for
 *       any type with {@code reuseDecodedBodies(true)} ({@link #cachedValue}).
 * </ul>
 */
final class Decoder {
  private Decoder() {}

  /**
   * The body of a cached array decoded, or the value decoded from that same array before (a
   * 304 after the 200 that stored it) when {@link DecodedBodies} keeps values of its type.
   *
   * @param revalidated the body is one the cache held before this response (a 304); otherwise
   *     it has just arrived, and no value decoded from it can be kept yet
   */
  @SuppressWarnings("unchecked")
  static <T> Hal.Decoded<T> cachedValue(RestClient client, Type type, byte[] body,
      Headers headers, HttpUrl base, int status, String method, String shownUrl,
      Scrubber scrubber, boolean revalidated) {
    DecodedBodies memo = client.decodedBodies;
    if (memo == null || !memo.mayKeep(type)) {
      return decode(client, type, body, headers, base, status, method, shownUrl, scrubber);
    }
    if (revalidated) {
      Hal.Decoded<T> known = (Hal.Decoded<T>) memo.get(body, type);
      if (known != null) return known;
    }
    Hal.Decoded<T> d = decode(client, type, body, headers, base, status, method, shownUrl,
        scrubber);
    T value = d.value();
    // mayKeep again after a 304's get, which may just have shown that the type does not qualify
    if (value != null && (!revalidated || memo.mayKeep(type))) memo.put(body, type, d);
    return d;
  }

  /**
   * {@code body} decoded as {@code type} (null only for {@code Void}), with the links the body
   * holds, resolved against {@code base} (the URL it came from).
   *
   * @param scrubber removes the request's credentials from what a parse failure quotes of the
   *     body (Jackson quotes the token it could not read: a server echoing the request's token
   *     unquoted would otherwise put it in the message)
   */
  @SuppressWarnings("unchecked")
  static <T> Hal.Decoded<T> decode(RestClient client, Type type, byte[] body,
      Headers headers, HttpUrl base, int status, String method, String shownUrl,
      Scrubber scrubber) {
    Class<?> raw = Readers.raw(type);
    if (raw == Void.class || raw == void.class) return Hal.Decoded.of(null);
    // A copy: the array may be the one the ETag cache keeps, and callers may write to theirs.
    if (raw == byte[].class) return Hal.Decoded.of((T) body.clone());
    String ct = headers.get("Content-Type");
    // The usual "application/json" (with or without parameters) needs no MediaType, whose
    // parser runs a regular expression.
    boolean plainJson = ct != null && MediaTypes.isPlainJson(ct);
    MediaType mediaType = ct == null || plainJson ? null : MediaType.parse(ct);
    boolean handled = plainJson || (mediaType != null && handles(client, mediaType));
    if (raw == String.class && !handled) {
      return Hal.Decoded.of((T) new String(body, mediaType == null || mediaType.charset() == null
          ? StandardCharsets.UTF_8 : mediaType.charset()));
    }
    if (ct != null && !plainJson && mediaType == null && raw != String.class) {
      // Not a media type at all (a broken server's bytes): nothing says the body is JSON.
      throw new DecodeException(method, shownUrl, status, type,
          "the body's Content-Type is not a media type, so not JSON");
    }
    if (mediaType != null && !handled) {
      throw new DecodeException(method, shownUrl, status, type,
          "the body is " + mediaType.type() + "/" + mediaType.subtype() + ", not JSON");
    }
    if (body.length == 0) {
      throw new DecodeException(method, shownUrl, status, type, "the body is empty");
    }
    try {
      Hal.Decoded<T> d;
      if (raw == Json.Doc.class) {
        d = Hal.Decoded.of((T) Json.doc(body)); // the SDK's own reading: a page
      } else if (MediaTypes.isJsonApi(mediaType)) {
        d = JsonApi.decode(client, type, body, base);
      } else if (MediaTypes.isHal(mediaType) || Hal.mentionsLinks(body)) {
        d = Hal.decode(client, type, body, base);
      } else {
        d = Hal.Decoded.of(client.codec.decode(body, type));
      }
      if (d.value() == null) {
        throw new DecodeException(method, shownUrl, status, type, "the body is JSON null");
      }
      return d;
    } catch (CodecException e) {
      throw new DecodeException(method, shownUrl, status, type, reason(e, scrubber));
    } catch (IOException e) {
      throw new DecodeException(method, shownUrl, status, type,
          scrubber.scrub(String.valueOf(e)));
    }
  }

  private static boolean handles(RestClient client, MediaType mediaType) {
    return client.codec.handles(mediaType.type() + "/" + mediaType.subtype());
  }

  /**
   * What the codec found wrong, scrubbed, with where. The codec's exception is not kept as the
   * cause: its message quotes body content the scrubbed reason already says.
   */
  static String reason(CodecException e, Scrubber scrubber) {
    String what = scrubber.scrubQuoted(e.reason());
    return e.line() < 1 ? what : what + " (line " + e.line() + ", column " + e.column() + ")";
  }
}
