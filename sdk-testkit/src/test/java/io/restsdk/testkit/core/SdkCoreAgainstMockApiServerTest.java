package io.restsdk.testkit.core;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ContractMode;
import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.SdkException;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** sdk-core's contract, checked end to end against the conforming fake. */
class SdkCoreAgainstMockApiServerTest {
  @RegisterExtension
  static MockApiServerExtension api = MockApiServerExtension.configure(b -> b
      .strictObserver(true)
      .collection("authors", c -> c.unique("name").put("1", "{\"name\":\"Ursula\"}"))
      .collection("books", c -> c.reference("author", "authors")));

  record Book(@Nullable String id, String title, @Nullable String author) {
    Book withTitle(String newTitle) {
      return new Book(id, newTitle, author);
    }
  }

  @Test
  void createFollowsLocationAndReturnsTheEntityWithItsEtag(RestClient client, MockApiServer server) {
    Entity<Book> created = client.resource("books", Book.class).create(new Book(null, "Dune", null));
    assertEquals("Dune", created.body().title());
    assertNotNull(created.etag());
    assertTrue(created.location().toString().startsWith(server.baseUrl() + "books/"));
    assertThat(server).received("POST", "books").withStatus(201).once();
    assertThat(server).received("GET", "books/*").withStatus(200).once();
  }

  @Test
  void aSecondReadIsRevalidatedWith304(RestClient client, MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    Resource<Book> books = client.resource("books", Book.class);
    String etag = books.getEntity("1").etag().headerValue();
    Entity<Book> again = books.getEntity("1");
    assertTrue(again.revalidated());
    assertEquals("Dune", again.body().title());
    assertThat(server).received("GET", "books/1").withHeader("If-None-Match", etag).withStatus(304).once();
  }

  @Test
  void aStaleConditionalUpdateIsPreconditionFailed(RestClient client, MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> read = books.getEntity("1");
    server.collection("books").put("1", "{\"title\":\"changed behind the client's back\"}");
    assertThrows(ApiException.PreconditionFailed.class, () -> books.update(read.withBody(read.body().withTitle("mine"))));
    assertEquals("changed behind the client's back", server.collection("books").get("1").get("title").asText());
    server.assertNoClientViolations();
  }

  @Test
  void modifyRetriesAfter412AndIsLostUpdateSafe(RestClient client, MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\",\"n\":0}");
    AtomicBoolean interfered = new AtomicBoolean();
    Book result = client.resource("books", Book.class).modify("1", book -> {
      if (interfered.compareAndSet(false, true)) {
        server.collection("books").put("1", "{\"title\":\"Dune (2nd ed.)\"}");
      }
      return book.withTitle(book.title() + "!");
    }).body();
    assertEquals("Dune (2nd ed.)!", result.title());
    assertEquals("Dune (2nd ed.)!", server.collection("books").get("1").get("title").asText());
    assertThat(server).received("PUT", "books/1").withStatus(412).once();
    server.assertNoClientViolations();
  }

  @Test
  void deleteThenNotFound(RestClient client, MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    Resource<Book> books = client.resource("books", Book.class);
    books.delete("1");
    assertThrows(ApiException.NotFound.class, () -> books.get("1"));
  }

  @Test
  void referentialIntegrityIsConflict(RestClient client, MockApiServer server) {
    String author = server.collection("authors").uri("1").toString();
    client.resource("books", Book.class).create(new Book(null, "The Dispossessed", author));
    ApiException.Conflict conflict = assertThrows(ApiException.Conflict.class,
        () -> client.resource("authors", Book.class).delete("1"));
    assertTrue(conflict.error().isPresent());
    assertThrows(ApiException.Conflict.class,
        () -> client.resource("books", Book.class).create(new Book(null, "x", server.baseUrl() + "authors/9")));
  }

  @Test
  void tokensMapTo401And403(MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    try (RestClient stranger = RestClient.builder().baseUrl(server.baseUrl()).bearerToken("stranger").build();
        RestClient reader = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.readOnlyToken()).build()) {
      assertThrows(ApiException.Unauthorized.class, () -> stranger.resource("books", Book.class).get("1"));
      assertEquals("Dune", reader.resource("books", Book.class).get("1").title());
      assertThrows(ApiException.Forbidden.class, () -> reader.resource("books", Book.class).delete("1"));
    }
  }

  @Test
  void aScripted500CarriesTheSanitizedError(RestClient client, MockApiServer server) {
    server.faults().failNext(1, "POST", "books", 500);
    ApiException.InternalServerError error = assertThrows(ApiException.InternalServerError.class,
        () -> client.resource("books", Book.class).create(new Book(null, "x", null)));
    assertEquals("Internal Server Error", error.error().orElseThrow().type());
  }

  @Test
  void a201WithoutLocationIsAContractViolation(RestClient client, MockApiServer server) {
    server.faults().createdWithoutLocation(1, "books");
    assertThrows(ApiException.ContractViolation.class,
        () -> client.resource("books", Book.class).create(new Book(null, "x", null)));
  }

  @Test
  void a201WithTheCreatedBodyIsTheEntityWithoutAGet(RestClient client, MockApiServer server) {
    server.faults().createdWithBody(1, "books");
    Entity<Book> created = client.resource("books", Book.class).create(new Book(null, "Dune", null));
    assertEquals(201, created.status());
    assertEquals("Dune", created.body().title());
    assertEquals(created.location().toString(), server.baseUrl() + "books/" + created.body().id());
    assertNotNull(created.etag());
    assertThat(server).received("POST", "books").withStatus(201).once();
    assertThat(server).didNotReceive("GET", "books/*");
  }

  @Test
  void a201WithABodyIsAContractViolationInStrictModeAfterTheCreate(MockApiServer server) {
    server.faults().createdWithBody(1, "books");
    try (RestClient strict = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token())
        .contractMode(ContractMode.STRICT).build()) {
      ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
          () -> strict.resource("books", Book.class).create(new Book(null, "Dune", null)));
      assertTrue(v.violation().endsWith(" bytes; the POST succeeded, the resource was created)"), v.violation());
    }
    assertThat(server).received("POST", "books").withStatus(201).once();
  }

  @Test
  void aRawStackTraceIsAContractViolationInStrictMode(MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    server.faults().rawStackTrace(1, "GET", "books/1");
    try (RestClient strict = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token())
        .contractMode(ContractMode.STRICT).build()) {
      assertThrows(ApiException.ContractViolation.class, () -> strict.resource("books", Book.class).get("1"));
    }
  }

  @Test
  void aDroppedConnectionIsASdkException(RestClient client, MockApiServer server) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    server.faults().closeSocketBeforeResponse(5, "GET", "books/1");
    assertThrows(SdkException.class, () -> client.resource("books", Book.class).get("1"));
  }
}
