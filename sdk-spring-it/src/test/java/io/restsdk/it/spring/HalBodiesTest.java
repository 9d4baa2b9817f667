package io.restsdk.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.DecodeException;
import io.restsdk.core.Entity;
import io.restsdk.core.RestClient;
import io.restsdk.core.TypeRef;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Spring Data REST's bodies are HAL: items carry {@code _links}, associations are links only,
 * and a collection is an object ({@code _embedded}, {@code _links}), not an array.
 */
@ExtendWith(SpringDataRestServer.class)
class HalBodiesTest {
  private final RestClient client = RestClient.builder()
      .baseUrl(SpringDataRestServer.baseUrl())
      .noAuthentication()
      .build();
  private final String base = SpringDataRestServer.baseUrl();

  /** A client type that expects the author inline, as a non-HAL API would send it. */
  record BookWithAuthor(String title, AuthorView author) {}

  @AfterEach
  void close() {
    client.close();
  }

  private <T> ApiResponse<T> send(Mode mode, ApiRequest request, Class<T> type) {
    return mode == Mode.SYNC ? client.send(request, type) : Mode.join(client.sendAsync(request, type));
  }

  private <T> ApiResponse<T> send(Mode mode, ApiRequest request, TypeRef<T> type) {
    return mode == Mode.SYNC ? client.send(request, type) : Mode.join(client.sendAsync(request, type));
  }

  private String newBookPath() {
    String u = UUID.randomUUID().toString().substring(0, 8);
    Entity<AuthorView> author = client.resource("authors", AuthorView.class)
        .create(new AuthorView("A " + u, u + "@example.com"));
    Entity<BookView> book = client.resource("books", BookView.class)
        .create(new BookView("Hal " + u, author.location().toString(), 7));
    return book.location().getPath().substring(1);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCollectionIsAHalObjectSoDecodingItAsAListFailsNamingTheType(Mode mode) {
    newBookPath();
    java.lang.reflect.Type listOfBooks = new TypeRef<List<BookView>>() {}.type();

    DecodeException e = assertThrows(DecodeException.class,
        () -> send(mode, ApiRequest.get("books"), new TypeRef<List<BookView>>() {}));

    assertEquals(200, e.status());
    assertEquals(listOfBooks, e.targetType());
    assertTrue(e.getMessage().startsWith("GET " + base
        + "books → 200 OK: cannot decode the body as java.util.List<io.restsdk.it.spring.BookView>: "),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anAssociationIsOnlyALinkSoAnInlineAuthorDecodesAsNull(Mode mode) {
    String path = newBookPath();

    ApiResponse<BookWithAuthor> r = send(mode, ApiRequest.get(path), BookWithAuthor.class);

    @SuppressWarnings("unchecked") // the class literal is raw
    ApiResponse.Ok<BookWithAuthor> ok = assertInstanceOf(ApiResponse.Ok.class, r);
    assertTrue(ok.body().title().startsWith("Hal "), ok.body().title());
    assertNull(ok.body().author());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void halJsonIsDecodedWhenTheCallerAsksForIt(Mode mode) {
    String path = newBookPath();

    ApiResponse<BookView> r = send(mode,
        ApiRequest.get(path).header("Accept", "application/hal+json"), BookView.class);

    @SuppressWarnings("unchecked") // the class literal is raw
    ApiResponse.Ok<BookView> ok = assertInstanceOf(ApiResponse.Ok.class, r);
    assertEquals("application/hal+json", ok.headers().get("Content-Type"));
    assertEquals(7, ok.body().counter());
    assertNull(ok.body().author());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyOfABookReadWithoutItsAuthorKeepsTheAuthor(Mode mode) {
    String path = newBookPath();
    String id = path.substring(path.lastIndexOf('/') + 1);
    AuthorView author = client.send(ApiRequest.get(path + "/author"), AuthorView.class)
        instanceof ApiResponse.Ok<AuthorView> ok ? ok.body() : null;
    assertTrue(author != null && author.name().startsWith("A "), String.valueOf(author));

    // The PUT sends "author":null (the read had no author); Spring Data REST keeps the link.
    BookView written = mode.modify(client.resource("books", BookView.class), id, b -> b.withCounter(8))
        .body();

    assertEquals(8, written.counter());
    ApiResponse<AuthorView> after = client.send(ApiRequest.get(path + "/author"), AuthorView.class);
    assertEquals(author, after instanceof ApiResponse.Ok<AuthorView> ok ? ok.body() : after);
  }
}
