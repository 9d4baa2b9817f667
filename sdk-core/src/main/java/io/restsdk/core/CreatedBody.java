package io.restsdk.core;

import io.restsdk.core.Exchange.Ctx;
import io.restsdk.core.internal.MediaTypes;
import java.net.URI;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * The body of a 201, used as the created entity in lenient mode (many servers, Spring Data REST
 * among them, answer a create with 201, {@code Location}, the new representation and its
 * {@code ETag}), so the call needs no GET of the {@code Location}.
 *
 * <ul>
 *   <li>Only when the call would follow the {@code Location} anyway ({@code Resource.create},
 *       or {@code send} with following on) and may: a {@code Location} on another origin that
 *       the client does not follow is neither read back nor taken from the body.
 *   <li>Only a body that says it is the created item: the 201 carries a valid {@code ETag}
 *       (the created representation's validator, as Spring Data REST sends it), or a
 *       {@code Content-Location} equal to the {@code Location} (RFC 9110 §8.7), or the body's
 *       HAL {@code self} link is the {@code Location}. A bare JSON body (a summary, a message,
 *       an error-shaped object) is not taken for the item: the {@code Location} is read back.
 *   <li>Only a body whose {@code Content-Type} says JSON and that decodes as the call's type;
 *       anything else falls back to the GET of the {@code Location}, whose failure is a
 *       {@link LocationNotFollowedException} saying the resource was created. Never a
 *       {@link DecodeException}: a caller might take it as "not created" and create again.
 *   <li>The entity keeps status 201, the 201's headers and {@code ETag}, and {@code location()}
 *       is the {@code Location} URI; its links are the 201's {@code Link} headers and the body's
 *       HAL {@code _links}, resolved against the URL the POST went to.
 *   <li>With a valid {@code ETag}, the body is stored in the ETag cache under the key a GET of
 *       the {@code Location} from this client would use ({@link ConditionalLayer#keyAt}); without
 *       one, nothing is stored (the URL was evicted, as after every write).
 * </ul>
 *
 * <p>Strict mode never gets here: the 201's body is a {@code ContractViolation} that says the
 * request succeeded.
 */
final class CreatedBody {
  private CreatedBody() {}

  /**
   * The created entity read from the 201's body, or null when the body is not usable (the
   * caller then reads the {@code Location} back).
   *
   * @param credentials whether {@link OriginPolicy} would send credentials to {@code location}
   */
  static <T> @Nullable ApiResponse<T> use(Exchange<T> ex, RawResponse raw, Ctx ctx,
      HttpUrl location, URI uri, boolean credentials) {
    if (raw.body().length == 0 || !isJson(raw.header("Content-Type"))) return null;
    ETag etag = ETag.parse(raw.header("ETag")).orElse(null);
    String declared = raw.header("Content-Location");
    boolean contentLocation = declared != null && location.equals(ctx.url().resolve(declared));
    RestClient client = ex.client();
    Hal.Decoded<T> value;
    try {
      // Links resolve against the URL the body came from, the POST's (RFC 3986 §5.1.3).
      value = Decoder.decode(client, ex.type(), raw.body(), raw.headers(), ctx.url(),
          raw.code(), ctx.method(), ctx.shownUrl(), ctx.scrubber(client.tokenProvider));
    } catch (DecodeException e) {
      return null; // the GET of the Location decides
    }
    if (etag == null && !contentLocation && !selfIs(value.links(), location)) {
      return null; // nothing says the body is the created item: the GET of the Location decides
    }
    CacheKey sent = ctx.key();
    if (etag != null && sent != null) {
      client.conditional.storeCreated(client.conditional.keyAt(sent, location, credentials),
          etag, raw, ex.request());
    }
    return new ApiResponse.Created<>(raw.code(), raw.headers(), uri,
        new Entity<>(value.value(), etag, raw.code(), raw.headers(), uri, false,
            Exchange.links(raw.headers(), ctx.url(), value.links())));
  }

  private static boolean selfIs(Links links, HttpUrl location) {
    return links.href("self").map(u -> location.equals(HttpUrl.get(u))).orElse(false);
  }

  private static boolean isJson(@Nullable String contentType) {
    if (contentType == null) return false;
    if (MediaTypes.isPlainJson(contentType)) return true;
    MediaType type = MediaType.parse(contentType);
    return type != null && MediaTypes.isJson(type);
  }
}
