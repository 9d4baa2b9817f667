package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Reading what a link points to: {@link Resource#follow}, {@link AsyncResource#follow} and
 * {@link RestClient#get(URI, Class)}, through the ETag cache and under the origin rule.
 */
class FollowTest extends ClientTest {
  record Author(String name) {}

  private static final String AUTHOR = "{\"name\":\"Frank Herbert\"}";

  private Entity<Book> book(String... links) {
    List<Link> list = new java.util.ArrayList<>();
    for (int i = 0; i < links.length; i += 2) {
      list.add(Link.of(links[i], URI.create(links[i + 1])));
    }
    return new Entity<>(new Book("Dune", "Herbert"), null, 200, Headers.of(),
        URI.create(url("books/1")), false, Links.of(list));
  }

  private static <U> Entity<U> follow(Mode mode, Resource<?> r, Entity<?> from, String rel,
      Class<U> type) {
    return mode == Mode.SYNC ? r.follow(from, rel, type)
        : Mode.join(r.async().follow(from, rel, type));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void followReadsTheLinkThroughTheEtagCache(Mode mode) throws Exception {
    server.enqueue(json(200, AUTHOR, "\"a1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"a1\"").build());
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> from = book("author", url("authors/7"));
    Entity<Author> a = follow(mode, books, from, "author", Author.class);
    Entity<Author> again = follow(mode, books, from, "AUTHOR", Author.class);
    assertEquals(new Author("Frank Herbert"), a.body());
    assertEquals(URI.create(url("authors/7")), a.location());
    assertTrue(again.revalidated());
    assertEquals(a.body(), again.body());
    RecordedRequest first = take();
    assertEquals("/v1/authors/7", first.getUrl().encodedPath());
    assertEquals("Bearer " + TOKEN, first.getHeaders().get("Authorization"));
    assertEquals("\"a1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMissingRelIsAnArgumentErrorNamingTheRelsAndSendsNothing(Mode mode) {
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> from = book("self", url("books/1"), "reviews", url("books/1/reviews"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> follow(mode, books, from, "author", Author.class));
    assertTrue(e.getMessage().contains("\"author\""), e.getMessage());
    assertTrue(e.getMessage().contains("self, reviews"), e.getMessage());
    IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
        () -> follow(mode, books, book(), "author", Author.class));
    assertTrue(none.getMessage().contains("none"), none.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLinkToAnotherOriginIsReadWithoutCredentials(Mode mode) throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      other.enqueue(json(200, AUTHOR));
      Resource<Book> books = client.resource("books", Book.class);
      Entity<Book> from = book("author", other.url("/authors/7").toString());
      Entity<Author> a = follow(mode, books, from, "author", Author.class);
      assertEquals("Frank Herbert", a.body().name());
      RecordedRequest r = other.takeRequest();
      assertNull(r.getHeaders().get("Authorization"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLinkFromAnEntityOfAnotherOriginCarriesNoCredentialsEvenHome(Mode mode)
      throws Exception {
    server.enqueue(json(200, AUTHOR));
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> elsewhere = new Entity<>(new Book("Dune", "Herbert"), null, 200, Headers.of(),
        URI.create("https://elsewhere.example/books/1"), false,
        Links.of(List.of(Link.of("author", URI.create(url("authors/7"))))));
    follow(mode, books, elsewhere, "author", Author.class);
    assertNull(take().getHeaders().get("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void followWithATypeRefAndAFailingStatus(Mode mode) {
    server.enqueue(json(200, "[" + AUTHOR + "]"));
    server.enqueue(status(404));
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> from = book("authors", url("books/1/authors"));
    TypeRef<List<Author>> list = new TypeRef<>() {};
    Entity<List<Author>> all = mode == Mode.SYNC ? books.follow(from, "authors", list)
        : Mode.join(books.async().follow(from, "authors", list));
    assertEquals(List.of(new Author("Frank Herbert")), all.body());
    assertThrows(ApiException.NotFound.class, () -> follow(mode, books, from, "authors",
        Author.class));
  }

  @Test
  void followsALinkOfAHalBodyReadBefore() throws Exception {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"_links\":{\"author\":"
        + "{\"href\":\"/v1/authors/7\"}}}", null));
    server.enqueue(json(200, AUTHOR));
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Author> a = books.follow(books.getEntity("1"), "author", Author.class);
    assertEquals("Frank Herbert", a.body().name());
    take();
    assertEquals("/v1/authors/7", take().getUrl().encodedPath());
  }

  @Test
  void restClientGetReadsAnAbsoluteUriThroughTheCache() throws Exception {
    server.enqueue(json(200, AUTHOR, "\"a1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"a1\"").build());
    server.enqueue(json(200, "[" + AUTHOR + "]"));
    URI uri = URI.create(url("authors/7"));
    assertEquals(new Author("Frank Herbert"), client.get(uri, Author.class));
    Entity<Author> again = client.getEntity(uri, Author.class);
    assertTrue(again.revalidated());
    Entity<List<Author>> list = client.getEntity(URI.create(url("authors")),
        new TypeRef<List<Author>>() {});
    assertEquals(1, list.body().size());
    assertThrows(IllegalArgumentException.class,
        () -> client.get(URI.create("ftp://x.example/a"), Author.class));
    assertThrows(NullPointerException.class, () -> client.get(null, Author.class));
  }

  @Test
  void restClientGetOfA204IsAContractViolation() {
    server.enqueue(status(204));
    ApiException.ContractViolation e = assertThrows(ApiException.ContractViolation.class,
        () -> client.get(URI.create(url("authors/7")), Author.class));
    assertFalse(e.getMessage().isEmpty());
  }
}
