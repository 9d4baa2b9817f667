package io.restsdk.examples;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.Faults;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * How to test a service of your own that uses restsdk: the test kit's JUnit extension gives each
 * test a fresh fake server and a client for it; seed the fake, call the service, then check both
 * what the service answered and what the server received.
 */
class LibraryServiceTest {
  @RegisterExtension
  static MockApiServerExtension api = MockApiServerExtension.configure(b -> b
      .strictObserver(true) // also checks that the service never writes blind (without If-Match)
      .collection("authors", c -> c.unique("email"))
      .collection("books", c -> c.reference("author", "authors")));

  MockApiServer server; // injected before each test, closed after it
  LibraryService library;

  @BeforeEach
  void setUp(RestClient client) {
    library = new LibraryService(client);
    server.collection("authors").put("7", "{\"name\":\"Ursula K. Le Guin\",\"email\":\"ul@example.com\"}");
    server.collection("books").put("1", "{\"title\":\"The Lathe of Heaven\","
        + "\"author\":\"" + server.collection("authors").uri("7") + "\"}");
  }

  @Test
  void publishRefersToTheAuthorByUri() {
    String id = library.publish("The Dispossessed", "7");

    assertEquals(server.collection("authors").uri("7").toString(),
        server.collection("books").get(id).get("author").asText());
    assertThat(server).received("POST", "books").withStatus(201).once();
  }

  @Test
  void aDuplicateEmailIsAConflict() {
    assertThrows(ApiException.Conflict.class, () -> library.addAuthor("Impostor", "ul@example.com"));
    assertEquals(1, server.collection("authors").size());
  }

  @Test
  void retitleWritesWithIfMatch() {
    Book book = library.retitle("1", "The Lathe of Heaven (1971)");

    assertEquals("The Lathe of Heaven (1971)", book.title());
    assertEquals("The Lathe of Heaven (1971)",
        server.collection("books").get("1").get("title").asText());
    assertThat(server).received("PUT", "books/1").withHeader("If-Match").withStatus(204).once();
    server.assertNoClientViolations();
  }

  @Test
  void retitleSurvivesAConcurrentChange() {
    // Someone else wins the race once: the first PUT gets a 412, the service tries again.
    server.faults().failNext(1, "PUT", "books/1", 412);

    library.retitle("1", "The Lathe of Heaven (1971)");

    assertThat(server).received("PUT", "books/1").withHeader("If-Match").times(2);
    assertThat(server).received("PUT", "books/1").withStatus(204).once();
    assertEquals("The Lathe of Heaven (1971)",
        server.collection("books").get("1").get("title").asText());
  }

  @Test
  void findAnswersEmptyForAMissingBook() {
    assertEquals(Optional.empty(), library.find("987654321"));
    assertEquals("The Lathe of Heaven", library.find("1").orElseThrow().title());
  }

  @Test
  void anAuthorWithBooksIsNotRetired() {
    assertFalse(library.retireAuthor("7"));
    assertTrue(server.collection("authors").contains("7"));

    server.collection("books").remove("1");
    assertTrue(library.retireAuthor("7"));
    assertTrue(library.retireAuthor("7"), "already gone counts as retired");
    assertThat(server).received("DELETE", "authors/7").withStatus(404).once();
  }

  @Test
  void aServerFailureReachesTheCaller() {
    server.faults().failNext(10, "GET", "books/1", 500);

    ApiException.InternalServerError e =
        assertThrows(ApiException.InternalServerError.class, () -> library.find("1"));

    assertEquals("Scripted failure", e.error().orElseThrow().message());
    assertThat(server).didNotReceive("PUT", Faults.ANY);
  }
}
