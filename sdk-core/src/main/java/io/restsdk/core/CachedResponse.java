package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import okhttp3.Headers;

/**
 * A response body kept by the ETag cache with the entity tag and headers it came with.
 * Immutable: the body and its ETag always belong together.
 *
 * <pre>{@code
 * CachedResponse r = store.get(key);
 * if (r != null) System.out.println(r.etag() + " " + r.body().length + " bytes");
 * }</pre>
 *
 * @param etag the entity tag, as received
 * @param body the body bytes (never modified; do not modify them either)
 * @param headers the response headers as last refreshed
 */
public record CachedResponse(ETag etag, byte[] body, Headers headers) {
  /** Checks that no part is null. */
  public CachedResponse {
    requireNonNull(etag, "etag == null");
    requireNonNull(body, "body == null");
    requireNonNull(headers, "headers == null");
  }

  /** Approximate memory held: body bytes, header bytes, and a fixed overhead. */
  public long weight() {
    return body.length + headers.byteCount() + 64L;
  }

  /** This response with refreshed headers (RFC 9111 §4.3.4): same body and ETag. */
  public CachedResponse withHeaders(Headers newHeaders) {
    return new CachedResponse(etag, body, newHeaders);
  }

  @Override
  public String toString() {
    return "CachedResponse{etag=" + etag + ", " + body.length + " bytes}";
  }
}
