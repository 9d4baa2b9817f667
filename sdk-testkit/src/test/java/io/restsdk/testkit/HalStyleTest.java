package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HAL style: items with {@code _links}, references as links, collections as HAL pages. */
class HalStyleTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private MockApiServer server;
  private String base;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .style(ResponseStyle.HAL)
        .collection("authors", c -> c.put("1", "{\"name\":\"Ursula\"}").put("2", "{\"name\":\"Frank\"}"))
        .collection("books", c -> c.reference("author", "authors"))
        .collection("categories")
        .build();
    base = server.baseUrl();
    MockCollection books = server.collection("books");
    for (int i = 1; i <= 5; i++) {
      books.put(Integer.toString(i), "{\"title\":\"Book " + i + "\",\"author\":\"" + base + "authors/" + (i % 2 + 1) + "\"}");
    }
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void styleIsReported() {
    assertEquals(ResponseStyle.HAL, server.style());
    try (MockApiServer plain = MockApiServer.start()) {
      assertEquals(ResponseStyle.PLAIN_JSON, plain.style());
    }
  }

  @Test
  void firstPageIsEmbeddedItemsWithLinksAndPageMetadata() throws Exception {
    Http.Result result = get("books?page=0&size=2");
    assertEquals(200, result.code());
    assertEquals("application/hal+json", result.header("Content-Type"));
    assertNull(result.header("Link"), "HAL pages carry their links in the body");
    JsonNode body = MAPPER.readTree(result.body());

    JsonNode items = body.get("_embedded").get("books");
    assertEquals(2, items.size());
    JsonNode first = items.get(0);
    assertEquals("Book 1", first.get("title").asText());
    assertNull(first.get("author"), "a reference is a link, not a field");
    assertEquals(base + "books/1", first.get("_links").get("self").get("href").asText());
    assertEquals(base + "books/1", first.get("_links").get("book").get("href").asText());
    assertEquals(base + "authors/2", first.get("_links").get("author").get("href").asText());

    JsonNode links = body.get("_links");
    assertEquals(List.of("first", "self", "next", "last", "profile"), names(links));
    assertEquals(base + "books?page=0&size=2", links.get("first").get("href").asText());
    assertEquals(base + "books?page=0&size=2", links.get("self").get("href").asText());
    assertEquals(base + "books?page=1&size=2", links.get("next").get("href").asText());
    assertEquals(base + "books?page=2&size=2", links.get("last").get("href").asText());
    assertEquals(base + "profile/books", links.get("profile").get("href").asText());
    assertEquals(MAPPER.readTree("{\"size\":2,\"totalElements\":5,\"totalPages\":3,\"number\":0}"), body.get("page"));
  }

  @Test
  void followingNextVisitsEveryItemOnceAndTheLastPageHasNoNext() throws Exception {
    List<String> titles = new ArrayList<>();
    String url = base + "books?size=2";
    JsonNode last = null;
    int pages = 0;
    while (url != null) {
      last = MAPPER.readTree(get(url.substring(base.length())).body());
      last.get("_embedded").get("books").forEach(item -> titles.add(item.get("title").asText()));
      JsonNode next = last.get("_links").get("next");
      url = next == null ? null : next.get("href").asText();
      pages++;
    }
    assertEquals(3, pages);
    assertEquals(List.of("Book 1", "Book 2", "Book 3", "Book 4", "Book 5"), titles);
    assertEquals(base + "books?page=1&size=2", last.get("_links").get("prev").get("href").asText());
    assertEquals(2, last.get("page").get("number").asInt());
  }

  @Test
  void aCollectionWithoutPageParametersIsTheFirstPageOfTwenty() throws Exception {
    JsonNode body = MAPPER.readTree(get("books").body());
    assertEquals(5, body.get("_embedded").get("books").size());
    assertEquals(20, body.get("page").get("size").asInt());
    assertEquals(List.of("self", "profile"), names(body.get("_links")));
    assertEquals(base + "books?page=0&size=20", body.get("_links").get("self").get("href").asText());
  }

  @Test
  void anEmptyCollectionHasNoEmbedded() throws Exception {
    Http.Result result = get("categories");
    assertEquals(200, result.code());
    JsonNode body = MAPPER.readTree(result.body());
    assertNull(body.get("_embedded"));
    assertEquals(MAPPER.readTree("{\"size\":20,\"totalElements\":0,\"totalPages\":0,\"number\":0}"), body.get("page"));
    assertEquals(base + "categories?page=0&size=20", body.get("_links").get("self").get("href").asText());
    assertEquals(List.of("self", "profile"), names(body.get("_links")));
  }

  @Test
  void aSingleItemIsAHalObjectWithAssociationLinksAndItsEtag() throws Exception {
    Http.Result result = get("books/2");
    assertEquals(200, result.code());
    assertEquals("application/hal+json", result.header("Content-Type"));
    assertEquals(server.collection("books").etag("2"), result.etag());
    JsonNode body = MAPPER.readTree(result.body());
    assertEquals("Book 2", body.get("title").asText());
    assertEquals("2", body.get("id").asText());
    assertFalse(body.has("author"));
    assertEquals(base + "books/2", body.get("_links").get("self").get("href").asText());
    assertEquals(base + "authors/1", body.get("_links").get("author").get("href").asText());
    assertEquals("category", HalView.itemRel("categories"));

    Http.Result notModified = Http.request(server, "GET", "books/2").header("If-None-Match", result.etag()).send();
    assertEquals(304, notModified.code());
    assertEquals("", notModified.body());
    Http.Result stale = Http.request(server, "PUT", "books/2").header("If-Match", "\"v0\"").body("{}").send();
    assertErrorBody(stale, 412);
  }

  @Test
  void acceptApplicationJsonGetsTheSameBodyAsApplicationJson() throws Exception {
    Http.Result json = Http.request(server, "GET", "books/1").header("Accept", "application/json").send();
    assertEquals("application/json", json.header("Content-Type"));
    assertEquals(MAPPER.readTree(get("books/1").body()), MAPPER.readTree(json.body()));
    Http.Result hal = Http.request(server, "GET", "books/1").header("Accept", "application/hal+json, application/json").send();
    assertEquals("application/hal+json", hal.header("Content-Type"));
  }

  @Test
  void aReferenceIsWrittenAsTheTargetsUriAndReadBackAsALink() throws Exception {
    Http.Result created = Http.request(server, "POST", "books")
        .body("{\"title\":\"New\",\"author\":\"" + base + "authors/1\"}").send();
    assertEquals(201, created.code());
    String location = created.header("Location");
    JsonNode read = MAPPER.readTree(get(location.substring(base.length())).body());
    assertEquals(base + "authors/1", read.get("_links").get("author").get("href").asText());

    String id = location.substring(location.lastIndexOf('/') + 1);
    assertEquals(204, Http.request(server, "PATCH", "books/" + id)
        .header("Content-Type", "application/merge-patch+json")
        .body("{\"author\":\"" + base + "authors/2\"}").send().code());
    assertEquals(base + "authors/2", server.collection("books").get(id).get("author").asText());
  }

  @Test
  void anUnknownOrForeignTargetIs409AndANonStringIs400() throws Exception {
    assertErrorBody(Http.request(server, "POST", "books").body("{\"author\":\"" + base + "authors/99\"}").send(), 409);
    assertErrorBody(Http.request(server, "POST", "books").body("{\"author\":\"" + base + "books/1\"}").send(), 409);
    assertErrorBody(Http.request(server, "POST", "books").body("{\"author\":\"http://elsewhere.example/v1/authors/1\"}").send(), 409);
    assertErrorBody(Http.request(server, "PUT", "books/1").body("{\"author\":\"" + base + "authors/99\"}").send(), 409);
    assertErrorBody(Http.request(server, "POST", "books").body("{\"author\":{\"href\":\"" + base + "authors/1\"}}").send(), 400);
    assertEquals(5, server.collection("books").size());
    Http.Result referenced = Http.request(server, "DELETE", "authors/1").send();
    assertErrorBody(referenced, 409);
  }

  @Test
  void linksEchoedByTheClientAreNotStored() throws Exception {
    JsonNode read = MAPPER.readTree(get("books/1").body());
    ((com.fasterxml.jackson.databind.node.ObjectNode) read).put("title", "Echoed");
    assertEquals(204, Http.request(server, "PUT", "books/1").body(MAPPER.writeValueAsString(read)).send().code());
    JsonNode stored = server.collection("books").get("1");
    assertEquals("Echoed", stored.get("title").asText());
    assertFalse(stored.has("_links"));
    assertFalse(stored.has("author"), "a PUT without the reference field drops the reference, like a PUT of any field");
  }

  @Test
  void halPagesHaveEtagsAnd304() {
    Http.Result page = get("books?page=1&size=2");
    Http.Result again = Http.request(server, "GET", "books?page=1&size=2").header("If-None-Match", page.etag()).send();
    assertEquals(304, again.code());
    server.collection("books").remove("5");
    Http.Result changed = Http.request(server, "GET", "books?page=1&size=2").header("If-None-Match", page.etag()).send();
    assertEquals(200, changed.code());
    assertNotEquals(page.etag(), changed.etag());
  }

  @Test
  void halPageParametersAreCheckedToo() throws Exception {
    assertErrorBody(get("books?size=0"), 400);
    assertErrorBody(get("books?page=x"), 400);
  }

  private Http.Result get(String path) {
    return Http.request(server, "GET", path).send();
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    object.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
