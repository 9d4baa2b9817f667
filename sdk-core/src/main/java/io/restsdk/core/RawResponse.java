package io.restsdk.core;

import okhttp3.Headers;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/** A response as read off the wire: status, headers and the (bounded) body, already closed. */
record RawResponse(int code, Headers headers, byte[] body) {
  @Nullable String header(String name) {
    return headers.get(name);
  }

  /** The parsed {@code Content-Type}; parsed on demand, as only failures need it. */
  @Nullable MediaType contentType() {
    String ct = headers.get("Content-Type");
    return ct == null ? null : MediaType.parse(ct);
  }
}
