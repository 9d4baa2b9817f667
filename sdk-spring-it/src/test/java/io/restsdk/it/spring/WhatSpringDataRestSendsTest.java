package io.restsdk.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.UUID;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the server sends for each contract row, read with plain OkHttp, so this module's README
 * table is checked on every build. "with Accept" is what the SDK sends
 * ({@code Accept: application/json} on every request).
 */
@ExtendWith(SpringDataRestServer.class)
class WhatSpringDataRestSendsTest {
  private static final MediaType JSON = MediaType.get("application/json");
  private static final OkHttpClient HTTP = new OkHttpClient();
  private final String base = SpringDataRestServer.baseUrl();

  @AfterAll
  static void close() {
    HTTP.dispatcher().executorService().shutdown();
    HTTP.connectionPool().evictAll();
  }

  /** Status, the headers the table names, and the body. */
  private record Seen(int code, String contentType, String etag, String location, String body) {}

  private Seen call(String method, String path, String accept, String json, String ifMatch,
      String ifNoneMatch) throws IOException {
    Request.Builder b = new Request.Builder().url(base + path)
        .method(method, json == null ? null : RequestBody.create(json, JSON));
    if (accept != null) b.header("Accept", accept);
    if (ifMatch != null) b.header("If-Match", ifMatch);
    if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
    try (Response r = HTTP.newCall(b.build()).execute()) {
      return new Seen(r.code(), r.header("Content-Type"), r.header("ETag"), r.header("Location"),
          r.body().string());
    }
  }

  private String newAuthorJson() {
    String u = UUID.randomUUID().toString().substring(0, 8);
    return "{\"name\":\"N " + u + "\",\"email\":\"" + u + "@example.com\"}";
  }

  private String created(Seen s) {
    return s.location().substring(base.length());
  }

  @Test
  void postWithAcceptIs201WithLocationEtagAndTheBody() throws IOException {
    Seen s = call("POST", "authors", "application/json", newAuthorJson(), null, null);
    assertEquals(201, s.code());
    assertEquals("application/json", s.contentType());
    assertEquals("\"0\"", s.etag());
    assertTrue(s.location().startsWith(base + "authors/"), s.location());
    assertTrue(s.body().contains("\"_links\""), s.body());
  }

  @Test
  void postWithoutAcceptIs201WithLocationAndNoBody() throws IOException {
    Seen s = call("POST", "authors", null, newAuthorJson(), null, null);
    assertEquals(201, s.code());
    assertNull(s.etag());
    assertTrue(s.location().startsWith(base + "authors/"), s.location());
    assertEquals("", s.body());
  }

  @Test
  void getIs200WithEtagAndHalBodyAndIfNoneMatchIs304() throws IOException {
    String item = created(call("POST", "authors", null, newAuthorJson(), null, null));
    Seen json = call("GET", item, "application/json", null, null, null);
    assertEquals(200, json.code());
    assertEquals("application/json", json.contentType());
    assertEquals("\"0\"", json.etag());
    assertTrue(json.body().contains("\"_links\""), json.body());
    assertEquals("application/hal+json", call("GET", item, null, null, null, null).contentType());

    Seen notModified = call("GET", item, "application/json", null, null, "\"0\"");
    assertEquals(304, notModified.code());
    assertEquals("\"0\"", notModified.etag());
    assertEquals("", notModified.body());
  }

  @Test
  void putWithAcceptIs200WithBodyAndWithout204BothWithTheNewEtag() throws IOException {
    String item = created(call("POST", "authors", null, newAuthorJson(), null, null));
    Seen withAccept = call("PUT", item, "application/json", newAuthorJson(), "\"0\"", null);
    assertEquals(200, withAccept.code());
    assertEquals("\"1\"", withAccept.etag());
    assertEquals(base + item, withAccept.location());
    assertTrue(withAccept.body().contains("\"_links\""), withAccept.body());

    Seen without = call("PUT", item, null, newAuthorJson(), "\"1\"", null);
    assertEquals(204, without.code());
    assertEquals("\"2\"", without.etag());
    assertEquals("", without.body());
  }

  @Test
  void staleIfMatchIs412WithNoBody() throws IOException {
    String item = created(call("POST", "authors", null, newAuthorJson(), null, null));
    call("PUT", item, null, newAuthorJson(), null, null);
    Seen s = call("PUT", item, "application/json", newAuthorJson(), "\"0\"", null);
    assertEquals(412, s.code());
    assertEquals("\"0\"", s.etag(), "the If-Match sent, not the current ETag \"1\"");
    assertEquals("", s.body());
  }

  @Test
  void missingItemIs404WithNoBody() throws IOException {
    Seen s = call("GET", "authors/987654321", "application/json", null, null, null);
    assertEquals(404, s.code());
    assertEquals("", s.body());
  }

  @Test
  void deletingAReferencedAuthorIs409WithTheDatabaseMessageInTheBody() throws IOException {
    String author = created(call("POST", "authors", null, newAuthorJson(), null, null));
    call("POST", "books", null, "{\"title\":\"T\",\"author\":\"" + base + author + "\"}", null, null);
    Seen s = call("DELETE", author, "application/json", null, null, null);
    assertEquals(409, s.code());
    assertEquals("application/json", s.contentType());
    assertTrue(s.body().startsWith("{\"cause\":{\"cause\":{\"cause\":null,\"message\":"
        + "\"Referential integrity constraint violation:"), s.body());
  }

  @Test
  void deleteWithAcceptIs200WithTheOldBodyAndWithout204() throws IOException {
    String first = created(call("POST", "authors", null, newAuthorJson(), null, null));
    Seen withAccept = call("DELETE", first, "application/json", null, null, null);
    assertEquals(200, withAccept.code());
    assertTrue(withAccept.body().contains("\"_links\""), withAccept.body());

    String second = created(call("POST", "authors", null, newAuthorJson(), null, null));
    Seen without = call("DELETE", second, null, null, null, null);
    assertEquals(204, without.code());
    assertEquals("", without.body());
    assertEquals(404, call("DELETE", second, null, null, null, null).code());
  }

  @Test
  void malformedJsonIs400WithTheParserMessage() throws IOException {
    Seen s = call("POST", "authors", "application/json", "{\"name\":", null, null);
    assertEquals(400, s.code());
    assertEquals("application/json", s.contentType());
    assertTrue(s.body().endsWith(
        "\"message\":\"JSON parse error: Unexpected end-of-input within/between Object entries\"}"),
        s.body());
  }
}
