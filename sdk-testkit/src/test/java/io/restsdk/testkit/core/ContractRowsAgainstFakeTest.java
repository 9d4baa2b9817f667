package io.restsdk.testkit.core;

import static io.restsdk.testkit.core.Calls.call;
import static io.restsdk.testkit.ServerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.ETag;
import io.restsdk.core.Entity;
import io.restsdk.core.Jackson2Codec;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.jackson3.Jackson3Codec;
import io.restsdk.testkit.MockApiServer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Every row of the response-code contract, end to end against the fake, sync and async, under
 * each codec: Jackson 2 (the default) and Jackson 3.
 */
@ParameterizedClass(name = "{0}")
@ValueSource(strings = {"jackson2", "jackson3"})
class ContractRowsAgainstFakeTest {
  /** The codec of this run: "jackson2" or "jackson3". */
  @Parameter
  String codec;

  record Author(String name, String email) {}

  record Book(String title, @Nullable String author) {}

  private MockApiServer server;
  private RestClient client;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build();
    client = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token())
        .codec(codec.equals("jackson3")
            ? Jackson3Codec.of(tools.jackson.databind.json.JsonMapper.builder().build())
            : Jackson2Codec.defaults())
        .build();
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

    private Entity<Author> author(boolean async, String email) {
    Resource<Author> authors = client.resource("authors", Author.class);
    Author a = new Author("Ursula", email);
    return call(async, () -> authors.create(a), () -> authors.async().create(a));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void rows200and201and304(boolean async) {
    Entity<Author> created = author(async, "u@example.com"); // 201 → Location → 200
    assertTrue(created.location().toString().startsWith(server.baseUrl() + "authors/"));
    ETag etag = created.etag();
    assertEquals("Ursula", created.body().name());
    Resource<Author> authors = client.resource("authors", Author.class);
    Entity<Author> again = call(async, () -> authors.getEntity(created.id()),
        () -> authors.async().getEntity(created.id()));
    assertTrue(again.revalidated()); // 304 answered from the cache
    assertEquals(etag, again.etag());
    assertThat(server).received("GET", "authors/" + created.id())
        .withHeader("If-None-Match", etag.headerValue()).withStatus(304).once();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void rows204and404(boolean async) {
    Entity<Author> created = author(async, "d@example.com");
    Resource<Author> authors = client.resource("authors", Author.class);
    Entity<Author> put = call(async,
        () -> authors.update(created.id(), new Author("Le Guin", "d@example.com")),
        () -> authors.async().update(created.id(), new Author("Le Guin", "d@example.com")));
    assertEquals(204, put.status());
    assertEquals(new Author("Le Guin", "d@example.com"), put.body(), "the 204's entity: the value sent");
    assertThat(server).received("PUT", "authors/" + created.id())
        .withHeader("If-Match", created.etag().headerValue()).withStatus(204).once();
    call(async, () -> {
      authors.delete(created.id());
      return null;
    }, () -> authors.async().delete(created.id()));
    ApiException.NotFound nf = assertThrows(ApiException.NotFound.class,
        () -> call(async, () -> authors.get(created.id()), () -> authors.async().get(created.id())));
    assertTrue(nf.error().isEmpty());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void rows400and409and412(boolean async) {
    ApiRequest malformed = ApiRequest.post("books")
        .rawBody("{\"title\": ".getBytes(StandardCharsets.UTF_8), "application/json");
    ApiException.BadRequest bad = assertThrows(ApiException.BadRequest.class,
        () -> call(async, () -> client.send(malformed, Book.class),
            () -> client.sendAsync(malformed, Book.class)));
    assertEquals(400, bad.error().orElseThrow().code());

    author(async, "same@example.com");
    ApiException.Conflict duplicate = assertThrows(ApiException.Conflict.class,
        () -> author(async, "same@example.com"));
    assertFalse(duplicate.error().orElseThrow().message().isEmpty());

    Entity<Author> a = author(async, "p@example.com");
    server.collection("authors").put(a.id(), "{\"name\":\"changed\",\"email\":\"p@example.com\"}");
    Resource<Author> authors = client.resource("authors", Author.class);
    Entity<Author> stale = a.withBody(new Author("mine", "p@example.com"));
    ApiException.PreconditionFailed pf = assertThrows(ApiException.PreconditionFailed.class,
        () -> call(async, () -> authors.update(stale), () -> authors.async().update(stale)));
    assertEquals(a.etag(), pf.sentEtag().orElseThrow());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void rows401and403and500(boolean async) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    try (RestClient none = client.newBuilder().noAuthentication().build();
        RestClient reader = client.newBuilder().bearerToken(server.readOnlyToken()).build()) {
      Resource<Book> anon = none.resource("books", Book.class);
      assertThrows(ApiException.Unauthorized.class,
          () -> call(async, () -> anon.get("1"), () -> anon.async().get("1")));
      Resource<Book> ro = reader.resource("books", Book.class);
      assertThrows(ApiException.Forbidden.class, () -> call(async,
          () -> ro.update("1", new Book("x", null)), () -> ro.async().update("1", new Book("x", null))));
    }
    server.faults().failNext(1, "POST", "books", 500);
    Resource<Book> books = client.resource("books", Book.class);
    ApiException.InternalServerError ise = assertThrows(ApiException.InternalServerError.class,
        () -> call(async, () -> books.create(new Book("x", null)),
            () -> books.async().create(new Book("x", null))));
    assertEquals(500, ise.error().orElseThrow().code());
    assertEquals("Internal Server Error", ise.error().orElseThrow().type());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void rows429and503(boolean async) {
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    Resource<Book> books = client.resource("books", Book.class);
    // Retry-After within the budget: retried (a POST too, since 429 means "not processed").
    server.faults().failNext(1, "POST", "books", 429).withRetryAfter("0");
    Entity<Book> made = call(async, () -> books.create(new Book("Emma", null)),
        () -> books.async().create(new Book("Emma", null)));
    assertEquals(201, made.status());
    // Retry-After beyond the budget: raised at once, saying when to come back.
    server.faults().failNext(3, "GET", "books/1", 429).withRetryAfter("3600");
    ApiException.TooManyRequests tooMany = assertThrows(ApiException.TooManyRequests.class,
        () -> call(async, () -> books.get("1"), () -> books.async().get("1")));
    assertEquals(429, tooMany.status());
    assertEquals(java.time.Duration.ofHours(1), tooMany.retryAfter().orElseThrow());
    assertEquals(1, tooMany.attempts());
    server.faults().clear();
    server.faults().failNext(3, "GET", "books/1", 503).withRetryAfter("3600");
    ApiException.ServiceUnavailable down = assertThrows(ApiException.ServiceUnavailable.class,
        () -> call(async, () -> books.get("1"), () -> books.async().get("1")));
    assertEquals(503, down.status());
    assertEquals(java.time.Duration.ofHours(1), down.retryAfter().orElseThrow());
    server.faults().clear();
  }
}
