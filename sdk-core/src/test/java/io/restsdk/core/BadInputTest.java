package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Bad input fails fast, with a message naming what is wrong, before any request is sent. */
class BadInputTest extends ClientTest {

  @Test
  void nullArgumentsNameTheArgument() {
    Resource<Book> books = client.resource("books", Book.class);
    assertEquals("baseUrl == null",
        assertThrows(NullPointerException.class, () -> RestClient.builder().baseUrl(null))
            .getMessage());
    assertEquals("id == null",
        assertThrows(NullPointerException.class, () -> books.get((String) null)).getMessage());
    assertEquals("id == null",
        assertThrows(NullPointerException.class, () -> books.async().get((String) null)).getMessage());
    assertEquals("body == null",
        assertThrows(NullPointerException.class, () -> books.create(null)).getMessage());
    assertEquals("change == null",
        assertThrows(NullPointerException.class, () -> books.modify("1", null)).getMessage());
    assertEquals("request == null",
        assertThrows(NullPointerException.class, () -> client.send(null, Book.class))
            .getMessage());
    assertEquals("type == null", assertThrows(NullPointerException.class,
        () -> client.send(ApiRequest.get("x"), (Class<?>) null)).getMessage());
    assertEquals("path == null",
        assertThrows(NullPointerException.class, () -> ApiRequest.get(null)).getMessage());
    assertEquals("etag == null", assertThrows(NullPointerException.class,
        () -> ApiRequest.get("x").ifMatch(null)).getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(strings = {"ftp://h/v1/", "not a url", "http://h/v1", "http://h/v1/?q=1",
      "http://u:p@h/v1/", "/v1/", "http://h/v1/#frag"})
  void badBaseUrlsAreRefused(String url) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> RestClient.builder().baseUrl(url));
    assertTrue(e.getMessage().startsWith("baseUrl must"), e.getMessage());
    assertTrue(!e.getMessage().contains("u:p"), "user info is never echoed");
  }

  @Test
  void buildNeedsABaseUrl() {
    assertEquals("baseUrl is required",
        assertThrows(IllegalStateException.class, () -> RestClient.builder().build()).getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "a\nb"})
  void blankOrMultilineTokensAreRefused(String token) {
    assertThrows(IllegalArgumentException.class, () -> RestClient.builder().bearerToken(token));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "a/b", "../admin", "%2e%2e", "%2E.", "a\\b", "a%2Fb",
      "line\nbreak"})
  void idsThatAreNotOneSegmentAreRefusedBeforeAnyRequest(String id) {
    Resource<Book> books = client.resource("books", Book.class);
    assertThrows(IllegalArgumentException.class, () -> books.get(id));
    assertThrows(IllegalArgumentException.class, () -> books.async().get(id));
    assertThrows(IllegalArgumentException.class, () -> books.delete(id));
    assertThrows(IllegalArgumentException.class, () -> books.update(id, new Book("a", "b")));
    assertThrows(IllegalArgumentException.class, () -> books.modify(id, b -> b));
    assertThrows(IllegalArgumentException.class, () -> books.async().modify(id, b -> b));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void oddButValidIdsAreEncodedAsOneSegment() throws Exception {
    server.enqueue(json(200, "{\"title\":\"t\",\"author\":\"a\"}"));
    client.resource("books", Book.class).get("a b?c#d%");
    assertEquals("/v1/books/a%20b%3Fc%23d%25", take().getTarget());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/books", "../x", "a/../../b", "http://evil.example/x", "books#x",
      "./books", "HTTPS://evil.example/x", "mailto:x@example.com", "a+b.c-d:x", "z:"})
  void badPathsAreRefused(String path) {
    assertThrows(IllegalArgumentException.class, () -> ApiRequest.get(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"books/a:b", "1a:b", "books?next=http://x", "-a:b", "a_b:c", "ab"})
  void aColonAfterSomethingThatIsNoSchemeIsAPath(String path) {
    assertEquals(path, ApiRequest.get(path).path());
  }

  @ParameterizedTest
  @ValueSource(strings = {"/books?access_token=s3cr3t-9931", "books/%2E%2E/%2E%2E/a?token=s3cr3t-9931",
      "books?x=1#access_token=s3cr3t-9931", "http://evil.example/x?sig=s3cr3t-9931",
      "books\\x?key=s3cr3t-9931"})
  void aRefusedPathIsShownWithoutItsQueryOrFragment(String path) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get(path));
    assertFalse(e.getMessage().contains("s3cr3t"), e.getMessage());
    assertTrue(e.getMessage().endsWith("?…") || e.getMessage().endsWith("#…"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "/books", "../x", "books?x=1"})
  void badCollectionsAreRefused(String path) {
    assertThrows(IllegalArgumentException.class, () -> client.resource(path, Book.class));
  }

  @Test
  void requestBuildersRefuseWhatTheyCannotSend() {
    assertTrue(assertThrows(IllegalArgumentException.class, () -> ApiRequest.of("TRACE", "x"))
        .getMessage().startsWith("method must be one of"));
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get("x").header("If-Match", "\"a\"")).getMessage()
        .contains("managed by the client"));
    IllegalArgumentException header = assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get("x").header("X-Key", "secret\nvalue"));
    assertTrue(!header.getMessage().contains("secret"), header.getMessage());
    assertThrows(IllegalArgumentException.class, () -> ApiRequest.get("x").idempotencyKey(" "));
    assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.get("x").timeout(java.time.Duration.ZERO));
    assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.of("GET", java.net.URI.create("file:///etc/passwd")));
    assertThrows(IllegalArgumentException.class,
        () -> ApiRequest.post("x").rawBody(new byte[0], "not a media type"));
  }

  @Test
  void builderOptionsRefuseNonsense() {
    RestClient.Builder b = RestClient.builder();
    assertThrows(IllegalArgumentException.class, () -> b.maxBodyBytes(0));
    assertThrows(IllegalArgumentException.class, () -> b.maxErrorBodyBytes(-1));
    assertThrows(IllegalArgumentException.class, () -> b.modifyAttempts(0));
    assertThrows(IllegalArgumentException.class,
        () -> b.readTimeout(java.time.Duration.ofSeconds(-1)));
    assertThrows(IllegalArgumentException.class, () -> b.userAgent(" "));
    assertThrows(IllegalArgumentException.class, () -> EtagCache.inMemory(0));
  }

  @Test
  void aClosedClientRefusesCalls() {
    client.close();
    client.close(); // idempotent
    assertEquals("RestClient is closed", assertThrows(IllegalStateException.class,
        () -> client.resource("books", Book.class).get("1")).getMessage());
    IllegalStateException async = assertThrows(IllegalStateException.class,
        () -> Mode.join(client.resource("books", Book.class).async().get("1")));
    assertEquals("RestClient is closed", async.getMessage());
  }

  @Test
  void unserializableBodiesNameTheTypeNotTheValue() {
    Object selfReferencing = new Object() {
      @SuppressWarnings("unused")
      public Object getSelf() {
        return this;
      }
    };
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.send(ApiRequest.post("books").body(selfReferencing), Void.class));
    assertTrue(e.getMessage().startsWith("POST " + url("books") + ": cannot serialize a "),
        e.getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
