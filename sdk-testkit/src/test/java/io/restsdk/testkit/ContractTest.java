package io.restsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every row of the response-code contract, driven with plain OkHttp. */
class ContractTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .collection("books", c -> c.put("1", "{\"title\":\"Dune\",\"year\":1965}"))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void baseUrlIsLoopbackWithPrefixAndTrailingSlash() {
    assertEquals("http://127.0.0.1:" + server.port() + "/v1/", server.baseUrl());
    assertEquals(server.baseUrl() + "books/1", server.url("books/1").toString());
  }

  @Test
  void getItemIs200WithBodyAndStrongEtag() throws Exception {
    Http.Result result = Http.request(server, "GET", "books/1").send();
    assertEquals(200, result.code());
    assertTrue(result.etag().startsWith("\""), "strong ETag: " + result.etag());
    assertEquals(server.collection("books").etag("1"), result.etag());
    JsonNode body = MAPPER.readTree(result.body());
    assertEquals("Dune", body.get("title").asText());
    assertEquals("1", body.get("id").asText());
    assertTrue(result.header("Content-Type").startsWith("application/json"));
  }

  @Test
  void ifNoneMatchWithCurrentEtagIs304WithoutBody() {
    String etag = Http.request(server, "GET", "books/1").send().etag();
    Http.Result result = Http.request(server, "GET", "books/1").header("If-None-Match", etag).send();
    assertEquals(304, result.code());
    assertEquals("", result.body());
    assertEquals(etag, result.header("ETag"));
  }

  @Test
  void ifNoneMatchSupportsListsWeakComparisonAndStar() {
    String etag = server.collection("books").etag("1");
    assertEquals(304, Http.request(server, "GET", "books/1").header("If-None-Match", "\"other\", " + etag).send().code());
    assertEquals(304, Http.request(server, "GET", "books/1").header("If-None-Match", "W/" + etag).send().code());
    assertEquals(304, Http.request(server, "GET", "books/1").header("If-None-Match", "*").send().code());
    assertEquals(200, Http.request(server, "GET", "books/1").header("If-None-Match", "\"stale\"").send().code());
  }

  @Test
  void unknownIdIs404WithoutBody() {
    for (String method : new String[] {"GET", "PUT", "PATCH", "DELETE"}) {
      Http request = Http.request(server, method, "books/42");
      if (!method.equals("GET") && !method.equals("DELETE")) {
        request.body("{\"title\":\"x\"}");
      }
      Http.Result result = request.send();
      assertEquals(404, result.code(), method);
      assertEquals("", result.body(), method);
    }
    assertEquals(404, Http.request(server, "GET", "unknown-collection").send().code());
    assertEquals(404, Http.request(server, "GET", "books/1/deeper").send().code());
  }

  @Test
  void postIs201WithAbsoluteLocationAndNoBody() throws Exception {
    Http.Result result = Http.request(server, "POST", "books").body("{\"title\":\"Emma\"}").send();
    assertEquals(201, result.code());
    assertEquals("", result.body());
    String location = result.header("Location");
    assertNotNull(location);
    assertTrue(location.startsWith(server.baseUrl() + "books/"), location);
    String id = location.substring(location.lastIndexOf('/') + 1);
    assertEquals("Emma", server.collection("books").get(id).get("title").asText());

    Http.Result fetched = Http.request(server, "GET", "books/" + id).send();
    assertEquals(200, fetched.code());
    assertEquals(id, MAPPER.readTree(fetched.body()).get("id").asText());
  }

  @Test
  void generatedIdsAreDistinct() {
    String first = Http.request(server, "POST", "books").body("{}").send().header("Location");
    String second = Http.request(server, "POST", "books").body("{}").send().header("Location");
    assertNotEquals(first, second);
  }

  @Test
  void putIs204WithNewEtagAndReplacesTheDocument() throws Exception {
    String before = server.collection("books").etag("1");
    Http.Result result = Http.request(server, "PUT", "books/1").body("{\"title\":\"Dune Messiah\"}").send();
    assertEquals(204, result.code());
    assertNotEquals(before, result.etag());
    assertEquals(result.etag(), server.collection("books").etag("1"));
    JsonNode stored = server.collection("books").get("1");
    assertEquals("Dune Messiah", stored.get("title").asText());
    assertNull(stored.get("year"), "PUT replaces the whole document");
  }

  @Test
  void everyWriteChangesTheEtagEvenWithTheSameBody() {
    String first = Http.request(server, "PUT", "books/1").body("{\"title\":\"Same\"}").send().etag();
    String second = Http.request(server, "PUT", "books/1").body("{\"title\":\"Same\"}").send().etag();
    assertNotEquals(first, second);
  }

  @Test
  void staleIfMatchIs412AndLeavesTheItemAlone() throws Exception {
    String stale = server.collection("books").etag("1");
    Http.request(server, "PUT", "books/1").header("If-Match", stale).body("{\"title\":\"v2\"}").send();
    Http.Result result = Http.request(server, "PUT", "books/1").header("If-Match", stale).body("{\"title\":\"v3\"}").send();
    assertEquals(412, result.code());
    assertErrorBody(result, 412);
    assertEquals("v2", server.collection("books").get("1").get("title").asText());
    assertEquals(412, Http.request(server, "PATCH", "books/1").header("If-Match", stale).body("{}").send().code());
    assertEquals(412, Http.request(server, "DELETE", "books/1").header("If-Match", stale).send().code());
    assertTrue(server.collection("books").contains("1"));
  }

  @Test
  void ifMatchUsesStrongComparison() {
    String etag = server.collection("books").etag("1");
    assertEquals(412, Http.request(server, "PUT", "books/1").header("If-Match", "W/" + etag).body("{}").send().code());
    assertEquals(204, Http.request(server, "PUT", "books/1").header("If-Match", "\"x\", " + etag).body("{}").send().code());
  }

  @Test
  void ifMatchStarMeansTheItemExists() {
    assertEquals(204, Http.request(server, "PUT", "books/1").header("If-Match", "*").body("{}").send().code());
    assertEquals(412, Http.request(server, "PUT", "books/9").header("If-Match", "*").body("{}").send().code());
    assertEquals(412, Http.request(server, "DELETE", "books/9").header("If-Match", "*").send().code());
  }

  @Test
  void ifNoneMatchStarOnAWriteToAnExistingItemIs412() {
    assertEquals(412, Http.request(server, "PUT", "books/1").header("If-None-Match", "*").body("{}").send().code());
  }

  @Test
  void patchIsAMergePatchAnd204() throws Exception {
    Http.Result result = Http.request(server, "PATCH", "books/1")
        .header("Content-Type", "application/merge-patch+json")
        .body("{\"year\":null,\"tags\":[\"sf\"],\"meta\":{\"a\":1}}")
        .send();
    assertEquals(204, result.code());
    JsonNode stored = server.collection("books").get("1");
    assertEquals("Dune", stored.get("title").asText());
    assertNull(stored.get("year"));
    assertEquals("sf", stored.get("tags").get(0).asText());
    assertEquals(1, stored.get("meta").get("a").asInt());
    assertEquals(result.etag(), server.collection("books").etag("1"));
  }

  @Test
  void deleteIs204AndThenTheItemIsGone() {
    Http.Result result = Http.request(server, "DELETE", "books/1").send();
    assertEquals(204, result.code());
    assertEquals("", result.body());
    assertEquals(404, Http.request(server, "GET", "books/1").send().code());
    assertEquals(404, Http.request(server, "DELETE", "books/1").send().code());
  }

  @Test
  void recreatedItemNeverReusesAnOldEtag() {
    String old = server.collection("books").etag("1");
    Http.request(server, "DELETE", "books/1").send();
    server.collection("books").put("1", "{\"title\":\"again\"}");
    assertEquals(412, Http.request(server, "PUT", "books/1").header("If-Match", old).body("{}").send().code());
  }

  @Test
  void malformedJsonIs400WithErrorBody() throws Exception {
    assertErrorBody(Http.request(server, "POST", "books").body("{\"title\": ").send(), 400);
    assertErrorBody(Http.request(server, "PUT", "books/1").body("not json").send(), 400);
    assertErrorBody(Http.request(server, "PATCH", "books/1").body("{,}").send(), 400);
    assertErrorBody(Http.request(server, "POST", "books").body("[1,2]").send(), 400);
    assertErrorBody(Http.request(server, "POST", "books").send(), 400);
    assertEquals(1, server.collection("books").size());
  }

  @Test
  void collectionGetReturnsAnArrayWithItsOwnEtag() throws Exception {
    server.collection("books").put("2", "{\"title\":\"Emma\"}");
    Http.Result result = Http.request(server, "GET", "books").send();
    assertEquals(200, result.code());
    JsonNode array = MAPPER.readTree(result.body());
    assertTrue(array.isArray());
    assertEquals(2, array.size());
    assertEquals("Dune", array.get(0).get("title").asText());
    String etag = result.etag();
    assertEquals(server.collection("books").etag(), etag);
    assertNotEquals(server.collection("books").etag("1"), etag);

    assertEquals(304, Http.request(server, "GET", "books").header("If-None-Match", etag).send().code());
    Http.request(server, "PUT", "books/2").body("{\"title\":\"Persuasion\"}").send();
    Http.Result changed = Http.request(server, "GET", "books").header("If-None-Match", etag).send();
    assertEquals(200, changed.code());
    assertNotEquals(etag, changed.etag());
  }

  @Test
  void unsupportedMethodsAre405WithAllow() {
    Http.Result result = Http.request(server, "POST", "books/1").body("{}").send();
    assertEquals(405, result.code());
    assertNotNull(result.header("Allow"));
    assertEquals(405, Http.request(server, "DELETE", "books").send().code());
  }

  @Test
  void headReturnsTheEtagWithoutBody() {
    Http.Result result = Http.request(server, "HEAD", "books/1").send();
    assertEquals(200, result.code());
    assertEquals(server.collection("books").etag("1"), result.etag());
    assertEquals("", result.body());
  }

  @Test
  void seedingAcceptsMapsAndPojosAndReadsBack() {
    MockCollection books = server.collection("books");
    books.put("m", java.util.Map.of("title", "Map"));
    String id = books.add(new Book("Pojo", 2000));
    assertEquals("Map", books.get("m").get("title").asText());
    assertEquals(2000, books.get(id, Book.class).year());
    assertEquals(java.util.List.of("1", "m", id), books.ids());
    assertTrue(books.remove("m"));
    assertEquals(2, books.size());
  }

  record Book(String title, int year) {}

  static void assertErrorBody(Http.Result result, int code) throws Exception {
    assertEquals(code, result.code(), result.body());
    JsonNode body = MAPPER.readTree(result.body());
    assertEquals(code, body.get("code").asInt());
    assertNotNull(body.get("type").asText());
    assertTrue(body.get("message").asText().length() > 0);
    assertEquals(3, body.size(), "only code, type and message: " + body);
  }
}
