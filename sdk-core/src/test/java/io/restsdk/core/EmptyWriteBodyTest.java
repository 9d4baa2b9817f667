package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A write answered 200 with an empty body succeeded: a {@link ApiResponse.NoContent} keeping
 * the status, never a {@link DecodeException} after the write was done; so did a HEAD answered
 * 200, which never has a body.
 */
class EmptyWriteBodyTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void writesAnswered200WithAnEmptyBodyAreNoContent(Mode mode) {
    for (String method : new String[] {"PUT", "PATCH", "POST", "DELETE"}) {
      server.enqueue(status(200));
      ApiRequest write = ApiRequest.of(method, "books/1");
      ApiResponse<Book> r = mode.send(client,
          method.equals("DELETE") ? write : write.body(new Book("Dune", "H")), Book.class);
      assertInstanceOf(ApiResponse.NoContent.class, r, method);
      ApiResponse.NoContent<Book> nc = (ApiResponse.NoContent<Book>) r;
      assertEquals(200, nc.status(), method);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateAnswered200WithAnEmptyBodyIsNoContentAndEvicts(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(200));
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books(), "1");
    Entity<Book> r = mode.update(books(), "1", new Book("Dune", "Frank Herbert"));
    assertEquals(200, r.status());
    assertEquals(new Book("Dune", "Frank Herbert"), r.body(), "the value sent");
    mode.get(books(), "1");
    take();
    take();
    assertNull(take().getHeaders().get("If-None-Match"), "the write evicted the entry");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyAnswered200WithAnEmptyBodyReturnsTheValueWritten(Mode mode) {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(200));
    Book written = mode.modify(books(), "1", b -> new Book(b.title(), "Frank Herbert")).body();
    assertEquals(new Book("Dune", "Frank Herbert"), written);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createAnswered200WithAnEmptyBodyIsAContractViolationSayingTheWriteSucceeded(Mode mode) {
    server.enqueue(status(200));
    ApiException.ContractViolation e = assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(books(), new Book("Dune", "H")));
    assertEquals("200 without a body: the POST succeeded, but there is no entity to return",
        e.violation());
    assertEquals(200, e.status());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aHeadAnswered200IsNoContentWithItsHeaders(Mode mode) throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
        .addHeader("Content-Type", "application/json").addHeader("Content-Length", "34").build());
    ApiResponse<Book> r = mode.send(client, ApiRequest.of("HEAD", "books/1"), Book.class);
    assertInstanceOf(ApiResponse.NoContent.class, r);
    ApiResponse.NoContent<Book> nc = (ApiResponse.NoContent<Book>) r;
    assertEquals(200, nc.status());
    assertEquals("\"v1\"", nc.headers().get("ETag"));
    assertEquals("34", nc.headers().get("Content-Length"));
    assertEquals("HEAD", take().getMethod());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGetAnswered200WithAnEmptyBodyIsStillADecodeException(Mode mode) {
    server.enqueue(status(200));
    DecodeException e = assertThrows(DecodeException.class, () -> mode.get(books(), "1"));
    assertEquals("GET " + url("books/1") + " → 200 OK: cannot decode the body as "
        + Book.class.getName() + ": the body is empty", e.getMessage());
  }
}
