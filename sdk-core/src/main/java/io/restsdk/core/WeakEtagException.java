package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * A conditional write was asked for ({@link Resource#update(Entity)}, {@link Resource#modify})
 * but the server's ETag for the item is weak ({@code W/"…"}), so nothing was sent.
 *
 * <p>{@code If-Match} compares entity tags strongly (RFC 9110 §13.1.1): a weak tag never
 * matches, and a compliant server answers every such write with 412. Servers often weaken
 * tags without meaning to (nginx does when it compresses a response). Ways on: have the server
 * send strong ETags; write unconditionally with {@link Resource#update(String, Object)} (with
 * {@link RestClient.Builder#conditionalWrites(boolean)} the SDK never sends a weak tag either);
 * or send the {@code If-Match} you want yourself with {@link ApiRequest#ifMatch}, which the SDK
 * always sends as given.
 *
 * <pre>{@code
 * try {
 *   books.update(entity.withBody(changed));
 * } catch (WeakEtagException e) {
 *   books.update("42", changed);   // accept the risk of overwriting a concurrent change
 * }
 * }</pre>
 */
public final class WeakEtagException extends SdkException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String url;
  private final ETag etag;
  private final URI location;

  WeakEtagException(String method, String url, URI location, ETag etag) {
    super(method + " " + url + ": not sent: the server's ETag " + etag.headerValue()
        + " is weak, and If-Match compares strongly (RFC 9110 §13.1.1), so the conditional"
        + " write would always fail with 412; have the server send strong ETags, write"
        + " unconditionally, or set ApiRequest.ifMatch yourself");
    this.method = requireNonNull(method);
    this.url = requireNonNull(url);
    this.location = requireNonNull(location);
    this.etag = requireNonNull(etag);
  }

  /** The method of the write that was not sent. */
  public String method() {
    return method;
  }

  /** The URL of the item, with secrets redacted. */
  public String url() {
    return url;
  }

  /** The weak ETag the item was read with. */
  public ETag etag() {
    return etag;
  }

  /** The URI of the item (as read), e.g. to write to it unconditionally. */
  public URI location() {
    return location;
  }
}
