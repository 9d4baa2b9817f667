package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.UrlRedactor;
import java.lang.reflect.Type;
import java.net.URI;
import okhttp3.HttpUrl;

/**
 * Reads of a link's target: {@link Resource#follow}, {@link AsyncResource#follow} and
 * {@link RestClient#get(URI, Class)}. Each is one GET of an absolute URI through the whole
 * request flow: the ETag cache, retries, redirects, and {@link OriginPolicy}, so a link to
 * another origin is read without the client's credentials, as a redirect there would be; and a
 * link that an entity from another origin holds is read without them wherever it leads (that
 * origin chose it), as the next hop of a call that left the base origin is.
 */
final class Follow {
  private Follow() {}

  /**
   * The target of {@code from}'s first link of relation {@code rel}.
   *
   * @throws IllegalArgumentException if it has none; the message names the relations it has
   */
  static URI href(Entity<?> from, String rel) {
    requireNonNull(from, "from == null");
    requireNonNull(rel, "rel == null");
    return from.links().href(rel).orElseThrow(() -> new IllegalArgumentException(
        "no link of relation \"" + rel + "\" in the entity from "
            + shown(from.location()) + "; its links: "
            + (from.links().isEmpty() ? "none" : String.join(", ", from.links().rels()))));
  }

  private static String shown(URI uri) {
    HttpUrl url = HttpUrl.parse(uri.toString());
    return url == null ? "a non-http(s) URI" : UrlRedactor.redact(url);
  }

  /** The GET of {@code uri} that must end with a body of {@code type}. */
  static <U> Exchange<U> read(RestClient client, URI uri, Type type) {
    return new Exchange<U>(client, ApiRequest.of("GET", requireNonNull(uri, "uri == null")),
        type).needBody();
  }

  /** The GET of {@code from}'s link {@code rel}; see the class comment for credentials. */
  static <U> Exchange<U> read(RestClient client, Entity<?> from, String rel, Type type) {
    Exchange<U> ex = read(client, href(from, rel), type);
    HttpUrl source = HttpUrl.parse(from.location().toString());
    if (source == null || !OriginPolicy.sameOrigin(client.baseUrl, source)) ex.leftOrigin();
    return ex;
  }

  /** {@link #read(RestClient, URI, Type)}, run: the entity read. */
  static <U> Entity<U> entity(RestClient client, URI uri, Type type) {
    return Resource.ok(Follow.<U>read(client, uri, type).run());
  }
}
