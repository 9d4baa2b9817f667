package io.restsdk.testkit.core;

import static io.restsdk.testkit.core.Calls.call;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.Entity;
import io.restsdk.core.Page;
import io.restsdk.core.Query;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.RecordedCall;
import io.restsdk.testkit.ResponseStyle;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The "real APIs" surface end to end against the fake, in its plain-JSON style (associations as
 * fields, pages by {@code Link} header) and its HAL style (associations only as links, pages as
 * {@code _embedded}), each on the sync and the async path: ids of created entities, lists across
 * pages, associations read by their links, merge patch and create-if-absent.
 */
class RealApisAgainstFakeTest {
  record Author(String name, String email) {}

  record Book(String title, @Nullable URI author) {}

  private MockApiServer server;
  private RestClient client;

  static Stream<Arguments> styles() {
    return Stream.of(ResponseStyle.PLAIN_JSON, ResponseStyle.HAL)
        .flatMap(s -> Stream.of(Arguments.of(s, false), Arguments.of(s, true)));
  }

  private void start(ResponseStyle style) {
    server = MockApiServer.builder().style(style)
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build();
    client = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token()).build();
  }

  @AfterEach
  void stop() {
    if (client != null) client.close();
    if (server != null) server.close();
  }

  private Entity<Author> ursula(boolean async) {
    Resource<Author> authors = client.resource("authors", Author.class);
    Author a = new Author("Ursula K. Le Guin", "ursula@example.com");
    return call(async, () -> authors.create(a), () -> authors.async().create(a));
  }

  @ParameterizedTest(name = "{0} async={1}")
  @MethodSource("styles")
  void aCreatedEntityHasItsIdAndItsAssociationIsReadByItsLink(ResponseStyle style, boolean async) {
    start(style);
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Author> author = ursula(async);
    Book dispossessed = new Book("The Dispossessed", author.uri());

    Entity<Book> made = call(async, () -> books.create(dispossessed),
        () -> books.async().create(dispossessed));

    assertEquals(made.location(), books.uri(made.id()), "the id names the created item");
    assertEquals(author.uri(), made.body().author(),
        "the association reads back as the author's URI, field or link");
    Entity<Author> who = style == ResponseStyle.HAL
        ? call(async, () -> books.follow(made, "author", Author.class),
            () -> books.async().follow(made, "author", Author.class))
        : client.getEntity(made.body().author(), Author.class);
    assertEquals("ursula@example.com", who.body().email());
    assertEquals(author.uri(), who.uri());
    assertTrue(who.revalidated(), "read through the ETag cache that create filled");
    if (style == ResponseStyle.HAL) {
      assertEquals(author.uri(), made.links().href("author").orElseThrow());
      assertEquals(made.location(), made.links().href("self").orElseThrow());
    }
  }

  @ParameterizedTest(name = "{0} async={1}")
  @MethodSource("styles")
  void aCollectionIsListedPageByPage(ResponseStyle style, boolean async) {
    start(style);
    Resource<Book> books = client.resource("books", Book.class);
    URI author = ursula(async).uri();
    List<String> titles = List.of("A", "B", "C", "D", "E");
    for (String t : titles) books.create(new Book(t, author));
    server.clearRequests();
    Query twoAPage = Query.of("page", "0").and("size", "2");

    Page<Book> first = call(async, () -> books.list(twoAPage), () -> books.async().list(twoAPage));
    assertEquals(List.of("A", "B"), first.items().stream().map(Book::title).toList());
    assertEquals(5L, first.totalElements().orElseThrow());
    assertTrue(first.hasNext());
    assertEquals(1, server.requests().size(), "only the first page so far");

    List<String> all = new ArrayList<>();
    if (async) {
      call(true, () -> null, () -> books.async().forEach(twoAPage, b -> all.add(b.title())));
    } else {
      books.stream(twoAPage).map(Book::title).forEach(all::add);
    }
    assertEquals(titles, all);
    List<String> pages = server.requests().stream().skip(1).map(RecordedCall::path)
        .collect(Collectors.toList());
    assertEquals(3, pages.size(), "three pages of two: " + pages);

    Page<Book> again = call(async, () -> books.list(twoAPage), () -> books.async().list(twoAPage));
    assertTrue(again.revalidated(), "a page is revalidated through the ETag cache like any read");
    assertEquals(first.items(), again.items());
  }

  @ParameterizedTest(name = "{0} async={1}")
  @MethodSource("styles")
  void patchSendsAMergePatchWithIfMatchAndReturnsTheItem(ResponseStyle style, boolean async) {
    start(style);
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> made = books.create(new Book("Dune", ursula(async).uri()));
    server.clearRequests();
    Map<String, Object> retitle = Map.of("title", "Dune Messiah");

    Entity<Book> patched = call(async, () -> books.patch(made.id(), retitle),
        () -> books.async().patch(made.id(), retitle));

    assertEquals("Dune Messiah", patched.body().title());
    assertEquals(made.body().author(), patched.body().author(), "the patch left the rest alone");
    RecordedCall patch = server.requests().get(0);
    assertEquals("PATCH", patch.method());
    assertTrue(patch.header("Content-Type").startsWith("application/merge-patch+json"),
        patch.header("Content-Type"));
    assertEquals(made.etag().headerValue(), patch.header("If-Match"));
    assertFalse(patched.etag().equals(made.etag()), "the write moved the ETag");
  }

  @ParameterizedTest(name = "{0} async={1}")
  @MethodSource("styles")
  void createIfAbsentWritesOnceAndThenSaysTheItemExists(ResponseStyle style, boolean async) {
    start(style);
    Resource<Author> authors = client.resource("authors", Author.class);
    Author a = new Author("Octavia E. Butler", "octavia@example.com");

    Entity<Author> made = call(async, () -> authors.createIfAbsent("octavia", a),
        () -> authors.async().createIfAbsent("octavia", a));
    assertEquals("octavia", made.id());
    ApiException.AlreadyExists e = assertThrows(ApiException.AlreadyExists.class,
        () -> call(async, () -> authors.createIfAbsent("octavia", a),
            () -> authors.async().createIfAbsent("octavia", a)));
    assertEquals(412, e.status());
    assertEquals(a, authors.get("octavia"));
  }
}
