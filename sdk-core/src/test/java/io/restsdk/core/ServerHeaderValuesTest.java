package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Header values a broken server sends (control characters, non-ASCII, a header line without a
 * name) are kept as OkHttp read them wherever the SDK copies them, and never make a call throw
 * OkHttp's {@code IllegalArgumentException} from its strict header checks.
 */
class ServerHeaderValuesTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a304WithControlCharactersAndNonAsciiInAHeaderValueStillAnswersFromTheCache(Mode mode)
      throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304)
        .addHeaderLenient("X-Note", "a\u0001b")
        .addHeaderLenient("X-Place", "café €")
        .build());
    mode.get(books(), "1");
    Entity<Book> e = mode.getEntity(books(), "1");
    assertTrue(e.revalidated());
    assertEquals(new Book("Dune", "Herbert"), e.body());
    assertEquals("a\u0001b", e.headers().get("X-Note"));
    assertEquals("café €", e.headers().get("X-Place"));
    assertEquals("\"v1\"", e.headers().get("ETag"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a304WithAHeaderLineWithoutANameStillAnswersFromTheCache(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    // A LF inside a raw value ends the header line early: the rest becomes a line with no name.
    server.enqueue(new MockResponse.Builder().code(304)
        .addHeaderLenient("X-Note", "€\t/\n= ,\r/=").build());
    mode.get(books(), "1");
    Entity<Book> e = mode.getEntity(books(), "1");
    assertTrue(e.revalidated());
    assertEquals(new Book("Dune", "Herbert"), e.body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aServersOwnHeaderNamedLikeTheHiddenRetryAfterReachesTheCallerUnrenamed(Mode mode)
      throws Exception {
    // The SDK hides a 503's Retry-After from OkHttp under this name; it renames it back only
    // on a 503, so a 200 that carries the name itself keeps it and gains no Retry-After.
    server.enqueue(new MockResponse.Builder().code(200).body(BOOK)
        .addHeader("Content-Type", "application/json").addHeader("ETag", "\"v1\"")
        .addHeader("X-Restsdk-Retry-After", "5").build());
    Entity<Book> e = mode.getEntity(books(), "1");
    assertEquals("5", e.headers().get("X-Restsdk-Retry-After"));
    assertEquals(null, e.headers().get("Retry-After"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a503WhoseRetryAfterHasControlCharactersIsAServiceUnavailableKeepingTheValue(Mode mode) {
    client.close();
    client = builder().retryOptions(RetryOptions.none()).build();
    server.enqueue(new MockResponse.Builder().code(503)
        .addHeaderLenient("Retry-After", "1\u0001€").build());
    ApiException.ServiceUnavailable e = assertThrows(ApiException.ServiceUnavailable.class,
        () -> mode.send(client, ApiRequest.get("books/1"), Book.class));
    assertEquals(503, e.status());
    assertEquals(List.of("1\u0001€"), e.headers().values("Retry-After"));
    assertTrue(e.retryAfter().isEmpty(), "an unreadable Retry-After gives no hint");
    assertEquals("GET " + url("books/1") + " → 503 Service Unavailable", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a200WhoseContentTypeIsNoMediaTypeIsADecodeException(Mode mode) {
    for (String contentType : List.of("json", "€\t/ =")) {
      server.enqueue(new MockResponse.Builder().code(200)
          .addHeaderLenient("Content-Type", contentType).body(BOOK).build());
      DecodeException e = assertThrows(DecodeException.class, () -> mode.get(books(), "1"));
      assertEquals("GET " + url("books/1") + " → 200 OK: cannot decode the body as "
          + Book.class.getName() + ": the body's Content-Type is not a media type, so not JSON",
          e.getMessage());
    }
  }
}
