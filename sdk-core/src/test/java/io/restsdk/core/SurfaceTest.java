package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * One surface for every item operation: by id, by URI, by entity; writes return the entity
 * written, from the server's body or, after a 204, the value sent with the 204's ETag.
 */
class SurfaceTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final Book SENT = new Book("Dune Messiah", "Herbert");

  /** How the item is named. */
  enum Form { ID, URI, ENTITY }

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private URI item() {
    return URI.create(url("books/1"));
  }

  static <X> X run(Mode mode, Supplier<X> sync, Supplier<CompletableFuture<X>> async) {
    return mode == Mode.SYNC ? sync.get() : Mode.join(async.get());
  }

  /** An entity as a GET of books/1 would give it, with ETag {@code etag}. */
  private Entity<Book> read(String etag) {
    return new Entity<>(new Book("Dune", "Herbert"), ETag.parse(etag).orElseThrow(), 200,
        okhttp3.Headers.of(), item(), false);
  }

  private Entity<Book> update(Mode mode, Form form, Book body) {
    Resource<Book> r = books();
    return switch (form) {
      case ID -> run(mode, () -> r.update("1", body), () -> r.async().update("1", body));
      case URI -> run(mode, () -> r.update(item(), body), () -> r.async().update(item(), body));
      case ENTITY -> {
        Entity<Book> e = read("\"e1\"").withBody(body);
        yield run(mode, () -> r.update(e), () -> r.async().update(e));
      }
    };
  }

  // ---------------------------------------------------------------- update's entity

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateAnswered200ReturnsTheServersRepresentationInEveryForm(Mode mode) throws Exception {
    for (Form form : Form.values()) {
      server.enqueue(json(200, "{\"title\":\"DUNE MESSIAH\",\"author\":\"Herbert\"}", "\"v2\""));
      Entity<Book> e = update(mode, form, SENT);
      assertEquals(new Book("DUNE MESSIAH", "Herbert"), e.body(), form.toString());
      assertEquals(ETag.strong("v2"), e.etag(), form.toString());
      assertEquals(200, e.status());
      assertEquals(item(), e.location());
      RecordedRequest put = take();
      assertEquals("PUT", put.getMethod());
      assertEquals("/v1/books/1", put.getTarget(), form.toString());
      assertEquals("{\"title\":\"Dune Messiah\",\"author\":\"Herbert\"}", put.getBody().utf8());
      assertEquals(form == Form.ENTITY ? "\"e1\"" : null, put.getHeaders().get("If-Match"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateAnswered204ReturnsTheValueSentWithThe204sEtagInEveryForm(Mode mode) {
    for (Form form : Form.values()) {
      server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "\"v3\"")
          .addHeader("X-Trace", "t1").build());
      Entity<Book> e = update(mode, form, SENT);
      assertEquals(SENT, e.body(), form.toString());
      assertEquals(ETag.strong("v3"), e.etag(), form.toString());
      assertEquals(204, e.status());
      assertEquals("t1", e.headers().get("X-Trace"));
      assertEquals(item(), e.location());
      assertEquals(false, e.revalidated());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a204WithoutOrWithAGarbageEtagGivesAnEntityWithoutOne(Mode mode) {
    server.enqueue(status(204));
    assertNull(update(mode, Form.ID, SENT).etag());
    for (String garbage : new String[] {"v3", "\"a\"b\"", "W/", "\"x\", \"y\""}) {
      server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", garbage).build());
      Entity<Book> e = update(mode, Form.ID, SENT);
      assertNull(e.etag(), garbage);
      assertEquals(garbage, e.headers().get("ETag"), "the header itself is kept as sent");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a204sEtagIsNeverCachedButMakesTheNextUpdateConditional(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "\"v2\"").build());
    server.enqueue(json(200, BOOK, "\"v2\""));
    server.enqueue(status(204));
    mode.get(books(), "1");
    Entity<Book> written = mode.update(books(), "1", SENT);
    mode.get(books(), "1");
    mode.update(books(), written.withBody(new Book("Children of Dune", "Herbert")));
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"), "from the cache");
    assertNull(take().getHeaders().get("If-None-Match"),
        "the PUT evicted the entry, and the 204's ETag with the body sent was not stored");
    assertEquals("\"v2\"", take().getHeaders().get("If-Match"), "the 204's ETag");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noContentExposesItsEtagOnTheSendPath(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "W/\"w9\"").build());
    ApiResponse<Book> r = mode.send(client, ApiRequest.put("books/1").body(SENT), Book.class);
    assertEquals(ETag.weak("w9"), ((ApiResponse.NoContent<Book>) r).etag().orElseThrow());
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "garbage").build());
    r = mode.send(client, ApiRequest.put("books/1").body(SENT), Book.class);
    assertTrue(((ApiResponse.NoContent<Book>) r).etag().isEmpty());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void updateOfAnEntityWritesToItsSelfLink(Mode mode) throws Exception {
    server.enqueue(status(204));
    URI self = URI.create(url("library/books/1"));
    Entity<Book> e = new Entity<>(SENT, ETag.strong("s1"), 200, okhttp3.Headers.of(), item(),
        false, Links.of(List.of(Link.of("self", self))));
    Entity<Book> written = run(mode, () -> books().update(e), () -> books().async().update(e));
    assertEquals(self, written.location());
    RecordedRequest put = take();
    assertEquals("/v1/library/books/1", put.getTarget());
    assertEquals("\"s1\"", put.getHeaders().get("If-Match"));
  }

  // ---------------------------------------------------------------- reads and delete by URI

  @ParameterizedTest
  @EnumSource(Mode.class)
  void readsByUri(Mode mode) throws Exception {
    URI odd = URI.create(url("odd/place/1"));
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    Resource<Book> r = books();
    assertEquals(new Book("Dune", "Herbert"), run(mode, () -> r.get(odd), () -> r.async().get(odd)));
    Entity<Book> e = run(mode, () -> r.getEntity(odd), () -> r.async().getEntity(odd));
    assertEquals(odd, e.location());
    assertEquals("/v1/odd/place/1", take().getTarget());
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"), "cached by URI too");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteByUriAndByEntity(Mode mode) throws Exception {
    server.enqueue(status(204));
    server.enqueue(status(204));
    Resource<Book> r = books();
    run(mode, () -> {
      r.delete(item());
      return null;
    }, () -> r.async().delete(item()));
    Entity<Book> e = read("\"d1\"");
    run(mode, () -> {
      r.delete(e);
      return null;
    }, () -> r.async().delete(e));
    RecordedRequest first = take();
    assertEquals("DELETE /v1/books/1", first.getMethod() + " " + first.getTarget());
    assertNull(first.getHeaders().get("If-Match"));
    RecordedRequest second = take();
    assertEquals("DELETE /v1/books/1", second.getMethod() + " " + second.getTarget());
    assertEquals("\"d1\"", second.getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteOfAWeaklyTaggedEntityFailsBeforeSending(Mode mode) {
    Entity<Book> e = read("W/\"w1\"");
    WeakEtagException x = assertThrows(WeakEtagException.class, () -> run(mode, () -> {
      books().delete(e);
      return null;
    }, () -> books().async().delete(e)));
    assertEquals("DELETE", x.method());
    assertEquals(0, server.getRequestCount());
  }

  // ---------------------------------------------------------------- modify

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyOfAnEntityWritesWithoutReadingFirstAndReturnsTheEntity(Mode mode)
      throws Exception {
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "\"m2\"").build());
    Entity<Book> start = read("\"m1\"");
    Resource<Book> r = books();
    Entity<Book> done = run(mode, () -> r.modify(start, b -> b.withTitle("T")),
        () -> r.async().modify(start, b -> b.withTitle("T")));
    assertEquals(new Book("T", "Herbert"), done.body());
    assertEquals(ETag.strong("m2"), done.etag());
    assertEquals(204, done.status());
    RecordedRequest put = take();
    assertEquals("PUT", put.getMethod());
    assertEquals("\"m1\"", put.getHeaders().get("If-Match"));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyOfAnEntityReReadsItsUriAfterA412(Mode mode) throws Exception {
    server.enqueue(status(412));
    server.enqueue(json(200, "{\"title\":\"Other\",\"author\":\"Herbert\"}", "\"m3\""));
    server.enqueue(json(200, "{\"title\":\"Other!\",\"author\":\"Herbert\"}", "\"m4\""));
    Entity<Book> start = read("\"m1\"");
    Resource<Book> r = books();
    Entity<Book> done = run(mode, () -> r.modify(start, b -> b.withTitle(b.title() + "!")),
        () -> r.async().modify(start, b -> b.withTitle(b.title() + "!")));
    assertEquals(new Book("Other!", "Herbert"), done.body());
    assertEquals(ETag.strong("m4"), done.etag());
    take();
    assertEquals("GET /v1/books/1", take().getRequestLine().replace(" HTTP/1.1", ""));
    assertEquals("\"m3\"", take().getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void modifyOfAnEntityWithoutAnEtagSendsNothing(Mode mode) {
    Entity<Book> start = new Entity<>(SENT, null, 200, okhttp3.Headers.of(), item(), false);
    ApiException.ContractViolation e = assertThrows(ApiException.ContractViolation.class,
        () -> run(mode, () -> books().modify(start, b -> b),
            () -> books().async().modify(start, b -> b)));
    assertTrue(e.getMessage().contains("modify needs a strong ETag"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWriteAnswered304IsAContractViolation(Mode mode) {
    server.enqueue(status(304));
    Resource<Book> r = books();
    ApiException.ContractViolation e = assertThrows(ApiException.ContractViolation.class,
        () -> run(mode, () -> r.createIfAbsent("1", SENT), () -> r.async().createIfAbsent("1", SENT)));
    assertEquals(304, e.status());
    assertEquals("PUT " + url("books/1") + " → 304 Not Modified: contract violation: 304 to a"
        + " PUT (the write's outcome is unknown; a failed precondition of a write is 412)",
        e.getMessage());
  }

  // ---------------------------------------------------------------- URIs that are refused

  @Test
  void everyUriOperationRefusesARelativeOrNonHttpUriBeforeSending() {
    Resource<Book> r = books();
    AsyncResource<Book> a = r.async();
    URI relative = URI.create("books/1");
    URI ftp = URI.create("ftp://files.example.com/books/1?token=secret");
    URI noHost = URI.create("http:/books/1");
    for (URI bad : new URI[] {relative, ftp, noHost}) {
      List<Executable> calls = List.of(() -> r.get(bad), () -> r.getEntity(bad),
          () -> r.update(bad, SENT), () -> r.createIfAbsent(bad, SENT),
          () -> r.patch(bad, java.util.Map.of("title", "x")), () -> r.modify(bad, b -> b),
          () -> r.delete(bad), () -> a.get(bad), () -> a.getEntity(bad), () -> a.update(bad, SENT),
          () -> a.createIfAbsent(bad, SENT), () -> a.patch(bad, java.util.Map.of("title", "x")),
          () -> a.modify(bad, b -> b), () -> a.delete(bad));
      for (Executable call : calls) {
        String m = assertThrows(IllegalArgumentException.class, call).getMessage();
        assertTrue(m.startsWith("uri must be an absolute http(s) URI"), m);
        assertTrue(!m.contains("secret") && !m.contains("books/1"), "no path or query: " + m);
      }
    }
    assertEquals("uri must be an absolute http(s) URI, got a relative one; use the operation"
        + " taking an id or path, or resolve it against the base URL",
        assertThrows(IllegalArgumentException.class, () -> r.get(relative)).getMessage());
    assertEquals("uri must be an absolute http(s) URI, got scheme 'ftp'",
        assertThrows(IllegalArgumentException.class, () -> r.get(ftp)).getMessage());
    assertEquals("uri == null",
        assertThrows(NullPointerException.class, () -> r.get((URI) null)).getMessage());
    assertEquals(0, server.getRequestCount());
  }
}
