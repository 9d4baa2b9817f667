package io.restsdk.testkit;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * One request the {@link MockApiServer} received, with the status it answered.
 *
 * <pre>{@code
 * RecordedCall call = server.takeRequest();
 * assertEquals("PUT", call.method());
 * assertEquals("/v1/books/1", call.path());
 * assertEquals(etag, call.header("If-Match"));
 * }</pre>
 *
 * @param method the request method, e.g. {@code PUT}
 * @param path the encoded absolute path, e.g. {@code /v1/books/1}
 * @param query the encoded query string without {@code ?}, or {@code null}
 * @param headers the request headers; names are case-insensitive
 * @param body the request body decoded as UTF-8, empty when there was none
 * @param token the bearer token sent in {@code Authorization}, or {@code null}
 * @param status the status the server sent, or {@code 0} when a fault sent no response at all
 * @param fault a description of the scripted fault that applied, or {@code null}
 */
public record RecordedCall(
    String method,
    String path,
    @Nullable String query,
    Map<String, List<String>> headers,
    String body,
    @Nullable String token,
    int status,
    @Nullable String fault) {

  /** Copies the headers into an unmodifiable, case-insensitive map. */
  public RecordedCall {
    TreeMap<String, List<String>> copy = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    headers.forEach((name, values) -> copy.put(name, List.copyOf(values)));
    headers = Collections.unmodifiableMap(copy);
  }

  /** The first value of a header, or {@code null} when absent. The name is case-insensitive. */
  public @Nullable String header(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : values.get(0);
  }

  /** All values of a header joined with {@code ", "}, or {@code null} when absent. */
  public @Nullable String joinedHeader(String name) {
    List<String> values = headers.get(name);
    return values == null || values.isEmpty() ? null : String.join(", ", values);
  }

  /** A one-line summary that redacts the token and the {@code Authorization} header. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder().append(method).append(' ').append(path);
    if (query != null) {
      out.append('?').append(query);
    }
    out.append(" -> ").append(status == 0 ? "no response" : Integer.toString(status));
    if (fault != null) {
      out.append(" [fault: ").append(fault).append(']');
    }
    out.append(" token=").append(redact(token));
    headers.forEach((name, values) -> {
      if (!name.equalsIgnoreCase("Authorization")
          && !name.equalsIgnoreCase("Host")
          && !name.equalsIgnoreCase("Connection")
          && !name.equalsIgnoreCase("Accept-Encoding")
          && !name.equalsIgnoreCase("User-Agent")) {
        out.append(' ').append(name).append(": ").append(String.join(", ", values)).append(';');
      }
    });
    if (!body.isEmpty()) {
      out.append(" body=").append(body.length() > 200 ? body.substring(0, 200) + "..." : body);
    }
    return out.toString();
  }

  static String redact(@Nullable String token) {
    if (token == null) {
      return "none";
    }
    return token.length() <= 4 ? "****" : token.substring(0, 2) + "****";
  }
}
