package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Declared references and unique fields. */
class IntegrityTest {
  private MockApiServer server;
  private String authorUri;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .collection("authors", c -> c.unique("email").put("1", "{\"name\":\"Ursula\",\"email\":\"ul@example.com\"}"))
        .collection("books", c -> c.reference("author", "authors"))
        .build();
    authorUri = server.collection("authors").uri("1").toString();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void bookWithAKnownAuthorIsCreated() {
    assertEquals(201, Http.request(server, "POST", "books").body(book(authorUri)).send().code());
    assertEquals(201, Http.request(server, "POST", "books").body(book("/v1/authors/1")).send().code());
    assertEquals(201, Http.request(server, "POST", "books").body("{\"title\":\"No author\"}").send().code());
  }

  @Test
  void bookWithAnUnknownAuthorIs409() throws Exception {
    assertErrorBody(Http.request(server, "POST", "books").body(book(server.baseUrl() + "authors/99")).send(), 409);
    assertErrorBody(Http.request(server, "POST", "books").body(book(server.baseUrl() + "books/1")).send(), 409);
    assertErrorBody(Http.request(server, "POST", "books").body(book("http://elsewhere.example/v1/authors/1")).send(), 409);
    assertEquals(0, server.collection("books").size());
  }

  @Test
  void aReferenceThatIsNotAStringIs400() throws Exception {
    assertErrorBody(Http.request(server, "POST", "books").body("{\"author\":1}").send(), 400);
  }

  @Test
  void updatesAreCheckedToo() throws Exception {
    server.collection("books").put("1", book(authorUri));
    assertErrorBody(Http.request(server, "PUT", "books/1").body(book(server.baseUrl() + "authors/2")).send(), 409);
    assertErrorBody(Http.request(server, "PATCH", "books/1")
        .body("{\"author\":\"" + server.baseUrl() + "authors/2\"}").send(), 409);
    assertEquals(authorUri, server.collection("books").get("1").get("author").asText());
  }

  @Test
  void deletingAnAuthorWhoStillHasBooksIs409() throws Exception {
    Http.request(server, "POST", "books").body(book(authorUri)).send();
    Http.Result result = Http.request(server, "DELETE", "authors/1").send();
    assertErrorBody(result, 409);
    assertTrue(result.body().contains("books/"), result.body());
    assertTrue(server.collection("authors").contains("1"));

    String bookId = server.collection("books").ids().get(0);
    assertEquals(204, Http.request(server, "DELETE", "books/" + bookId).send().code());
    assertEquals(204, Http.request(server, "DELETE", "authors/1").send().code());
  }

  @Test
  void aDuplicateUniqueFieldIs409() throws Exception {
    assertErrorBody(Http.request(server, "POST", "authors")
        .body("{\"name\":\"Other\",\"email\":\"ul@example.com\"}").send(), 409);
    Http.Result created = Http.request(server, "POST", "authors").body("{\"name\":\"B\",\"email\":\"b@example.com\"}").send();
    assertEquals(201, created.code());
    String id = created.header("Location").substring(created.header("Location").lastIndexOf('/') + 1);
    assertErrorBody(Http.request(server, "PATCH", "authors/" + id).body("{\"email\":\"ul@example.com\"}").send(), 409);
    // Rewriting an item with its own value is not a duplicate.
    assertEquals(204, Http.request(server, "PUT", "authors/1")
        .body("{\"name\":\"Ursula K.\",\"email\":\"ul@example.com\"}").send().code());
  }

  private static String book(String authorUri) {
    return "{\"title\":\"The Dispossessed\",\"author\":\"" + authorUri + "\"}";
  }
}
