package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Headers the caller sets itself win over the ones the SDK would add. */
class CallerHeadersTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String SINCE = "Tue, 01 Dec 2026 10:00:00 GMT";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCallersAuthorizationWinsOverTheTokenProvider(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.get("books/1").header("Authorization", "Basic dXNlcjpwdw=="),
        Book.class);
    assertEquals(List.of("Basic dXNlcjpwdw=="), take().getHeaders().values("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNotModifiedForTheCallersIfModifiedSinceIsNotModified(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(304).build());
    ApiResponse<Book> r = mode.send(client,
        ApiRequest.get("books/1").header("If-Modified-Since", SINCE), Book.class);
    assertInstanceOf(ApiResponse.NotModified.class, r);
    ApiResponse.NotModified<Book> nm = (ApiResponse.NotModified<Book>) r;
    assertEquals(304, nm.status());
    assertNull(nm.etag());
    assertEquals(SINCE, take().getHeaders().get("If-Modified-Since"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCallersIfModifiedSinceIsNotOverriddenByTheCachesIfNoneMatch(Mode mode)
      throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    mode.send(client, ApiRequest.get("books/1"), Book.class);
    ApiResponse<Book> r = mode.send(client,
        ApiRequest.get("books/1").header("If-Modified-Since", SINCE), Book.class);
    assertEquals(ETag.strong("v1"),
        assertInstanceOf(ApiResponse.NotModified.class, r).etag());
    take();
    RecordedRequest conditional = take();
    assertNull(conditional.getHeaders().get("If-None-Match"));
    assertEquals(SINCE, conditional.getHeaders().get("If-Modified-Since"));
  }
}
