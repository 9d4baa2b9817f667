package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One rule for weak ETags in writes: If-Match compares strongly, so the SDK never sends a weak
 * tag there by itself; an explicit conditional write with only a weak tag fails before sending.
 */
class WeakEtagTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private String expectedMessage() {
    return "PUT " + url("books/1") + ": not sent: the server's ETag W/\"w1\" is weak, and"
        + " If-Match compares strongly (RFC 9110 §13.1.1), so the conditional write would"
        + " always fail with 412; have the server send strong ETags, write unconditionally,"
        + " or set ApiRequest.ifMatch yourself";
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateOfAnEntityWithAWeakEtagFailsBeforeSending(Mode mode) {
    server.enqueue(json(200, BOOK, "W/\"w1\""));
    Entity<Book> e = mode.getEntity(books(), "1");
    WeakEtagException x = assertThrows(WeakEtagException.class,
        () -> mode.update(books(), e.withBody(new Book("Dune", "Frank Herbert"))));
    assertEquals(expectedMessage(), x.getMessage());
    assertEquals(ETag.weak("w1"), x.etag());
    assertEquals("PUT", x.method());
    assertEquals(URI.create(url("books/1")), x.location());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyOfAnItemWithAWeakEtagFailsBeforeWriting(Mode mode) {
    server.enqueue(json(200, BOOK, "W/\"w1\""));
    WeakEtagException x = assertThrows(WeakEtagException.class,
        () -> mode.modify(books(), "1", b -> new Book(b.title(), "Frank Herbert")));
    assertEquals(expectedMessage(), x.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void automaticIfMatchLeavesAWriteToAWeaklyTaggedItemUnconditional(Mode mode)
      throws Exception {
    server.enqueue(json(200, BOOK, "W/\"w1\""));
    server.enqueue(status(204));
    mode.get(books(), "1");
    mode.delete(books(), "1");
    take();
    assertNull(take().getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anExplicitWeakIfMatchIsSentAsGiven(Mode mode) throws Exception {
    server.enqueue(status(412));
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.send(client, ApiRequest.put("books/1").body(new Book("Dune", "H"))
            .ifMatch(ETag.weak("w1")), Void.class));
    assertEquals(ETag.weak("w1"), e.sentEtag().orElseThrow());
    assertEquals("W/\"w1\"", take().getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateOfAnEntityWithAStrongEtagSendsIt(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"s1\""));
    server.enqueue(status(204));
    Entity<Book> e = mode.getEntity(books(), "1");
    assertEquals(204, mode.update(books(), e).status());
    take();
    assertEquals("\"s1\"", take().getHeaders().get("If-Match"));
  }
}
