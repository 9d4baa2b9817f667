package io.restsdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;

/** A tiny plain-OkHttp client for driving the fake in tests, independent of sdk-core. */
final class Http {
  /** No silent retries, so that each fault is seen exactly once. */
  static final OkHttpClient CLIENT = new OkHttpClient.Builder()
      .retryOnConnectionFailure(false)
      .readTimeout(Duration.ofSeconds(10))
      .build();

  private static final MediaType JSON = MediaType.get("application/json");

  private final MockApiServer server;
  private final String method;
  private final String path;
  private final Headers.Builder headers = new Headers.Builder();
  private @Nullable String body;
  private @Nullable String token;
  private OkHttpClient client = CLIENT;

  private Http(MockApiServer server, String method, String path) {
    this.server = server;
    this.method = method;
    this.path = path;
    this.token = server.token();
  }

  /** A request with the server's read-write token; {@code path} is relative to the base URL. */
  static Http request(MockApiServer server, String method, String path) {
    return new Http(server, method, path);
  }

  Http token(@Nullable String token) {
    this.token = token;
    return this;
  }

  Http header(String name, String value) {
    headers.add(name, value);
    return this;
  }

  Http body(String json) {
    this.body = json;
    return this;
  }

  Http client(OkHttpClient client) {
    this.client = client;
    return this;
  }

  /** Builds the request; a {@code Content-Type} header set with {@link #header} replaces {@code application/json}. */
  Request build() {
    String contentType = headers.get("Content-Type");
    MediaType type = contentType == null ? JSON : MediaType.get(contentType);
    RequestBody requestBody = body != null
        ? RequestBody.create(body, type)
        : (method.equals("POST") || method.equals("PUT") || method.equals("PATCH")) ? RequestBody.create("", type) : null;
    Request.Builder builder = new Request.Builder()
        .url(server.url(path).toString())
        .headers(headers.build())
        .method(method, requestBody);
    if (token != null) {
      builder.header("Authorization", "Bearer " + token);
    }
    return builder.build();
  }

  /** Sends the request; fails on I/O errors. */
  Result send() {
    try {
      return sendOrThrow();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Result sendOrThrow() throws IOException {
    try (Response response = client.newCall(build()).execute()) {
      ResponseBody responseBody = response.body();
      String text = responseBody.string();
      return new Result(response.code(), response.headers(), text);
    }
  }

  /** A response read whole. */
  record Result(int code, Headers headers, String body) {
    @Nullable String header(String name) {
      return headers.get(name);
    }

    String etag() {
      String etag = headers.get("ETag");
      if (etag == null) {
        throw new AssertionError("No ETag in " + this);
      }
      return etag;
    }
  }
}
