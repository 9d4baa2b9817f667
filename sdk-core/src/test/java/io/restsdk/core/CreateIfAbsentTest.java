package io.restsdk.core;

import static io.restsdk.core.SurfaceTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** PUT with {@code If-None-Match: *}: created, or {@link ApiException.AlreadyExists}. */
class CreateIfAbsentTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final Book DUNE = new Book("Dune", "Herbert");

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private Entity<Book> createIfAbsent(Mode mode, String id, Book body) {
    Resource<Book> r = books();
    return run(mode, () -> r.createIfAbsent(id, body), () -> r.async().createIfAbsent(id, body));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201IsFollowedToItsLocation(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201)
        .addHeader("Location", "/v1/books/isbn-1").build());
    server.enqueue(json(200, BOOK, "\"c1\""));
    Entity<Book> e = createIfAbsent(mode, "isbn-1", DUNE);
    assertEquals(201, e.status());
    assertEquals(DUNE, e.body());
    assertEquals(ETag.strong("c1"), e.etag());
    assertEquals(URI.create(url("books/isbn-1")), e.location());
    RecordedRequest put = take();
    assertEquals("PUT /v1/books/isbn-1", put.getMethod() + " " + put.getTarget());
    assertEquals("*", put.getHeaders().get("If-None-Match"));
    assertNull(put.getHeaders().get("If-Match"));
    assertEquals("{\"title\":\"Dune\",\"author\":\"Herbert\"}", put.getBody().utf8());
    assertEquals("GET", take().getMethod());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a204IsTheValueSentWithItsEtag(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "\"c2\"").build());
    Entity<Book> e = createIfAbsent(mode, "isbn-2", DUNE);
    assertEquals(204, e.status());
    assertEquals(DUNE, e.body());
    assertEquals(ETag.strong("c2"), e.etag());
    assertEquals(URI.create(url("books/isbn-2")), e.location());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a200IsTheServersRepresentation(Mode mode) {
    server.enqueue(json(200, "{\"title\":\"DUNE\",\"author\":\"Herbert\"}", "\"c3\""));
    Entity<Book> e = createIfAbsent(mode, "isbn-3", DUNE);
    assertEquals(new Book("DUNE", "Herbert"), e.body());
    assertEquals(200, e.status());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void byUriToo(Mode mode) throws Exception {
    server.enqueue(status(204));
    URI where = URI.create(url("shelves/7/books/isbn-4"));
    Resource<Book> r = books();
    Entity<Book> e = run(mode, () -> r.createIfAbsent(where, DUNE),
        () -> r.async().createIfAbsent(where, DUNE));
    assertEquals(where, e.location());
    RecordedRequest put = take();
    assertEquals("/v1/shelves/7/books/isbn-4", put.getTarget());
    assertEquals("*", put.getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a412IsAlreadyExistsAndLeavesTheCacheAsItWas(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(412, "{\"code\":412,\"type\":\"Exists\",\"message\":\"isbn taken\"}"));
    server.enqueue(status(304));
    mode.get(books(), "isbn-5");
    ApiException.AlreadyExists e = assertThrows(ApiException.AlreadyExists.class,
        () -> createIfAbsent(mode, "isbn-5", DUNE));
    assertEquals("PUT " + url("books/isbn-5") + " → 412 Precondition Failed: already exists"
        + " (the PUT sent If-None-Match: *, which writes only an item that does not exist yet);"
        + " nothing was written; isbn taken", e.getMessage());
    assertEquals(412, e.status());
    assertTrue(e.sentEtag().isEmpty());
    assertInstanceOf(ApiException.PreconditionFailed.class, e);
    Entity<Book> cached = mode.getEntity(books(), "isbn-5");
    assertTrue(cached.revalidated(), "the entry survived the 412");
    take();
    RecordedRequest put = take();
    assertNull(put.getHeaders().get("If-Match"),
        "no If-Match from the cache: with it, a deleted item could never be created again");
    assertEquals("*", put.getHeaders().get("If-None-Match"));
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void alreadyExistsIsCaughtAsPreconditionFailed(Mode mode) {
    server.enqueue(status(412));
    try {
      createIfAbsent(mode, "isbn-6", DUNE);
      throw new AssertionError("no exception");
    } catch (ApiException.PreconditionFailed e) {
      assertInstanceOf(ApiException.AlreadyExists.class, e);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sendWithIfNoneMatchAnyMapsA412ToAlreadyExistsAndAnOrdinary412ToPreconditionFailed(
      Mode mode) throws Exception {
    server.enqueue(status(412));
    server.enqueue(status(412));
    assertThrows(ApiException.AlreadyExists.class, () -> mode.send(client,
        ApiRequest.put("books/7").body(DUNE).ifNoneMatchAny(), Void.class));
    ApiException.PreconditionFailed plain = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.send(client, ApiRequest.put("books/7").body(DUNE).ifMatch(ETag.strong("x")),
            Void.class));
    assertEquals(ApiException.PreconditionFailed.class, plain.getClass());
    assertEquals("*", take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOrdinary412StillEvicts(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(412));
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books(), "8");
    assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.update(books(), "8", DUNE));
    mode.get(books(), "8");
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
    assertNull(take().getHeaders().get("If-None-Match"), "the stale entry was evicted");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void argumentsAreCheckedBeforeSending(Mode mode) {
    Resource<Book> r = books();
    assertEquals("body == null", assertThrows(NullPointerException.class,
        () -> run(mode, () -> r.createIfAbsent("1", null),
            () -> r.async().createIfAbsent("1", null))).getMessage());
    assertThrows(IllegalArgumentException.class, () -> run(mode,
        () -> r.createIfAbsent("..", DUNE), () -> r.async().createIfAbsent("..", DUNE)));
    assertEquals(0, server.getRequestCount());
  }

  @org.junit.jupiter.api.Test
  void theRequestSaysWhatItSends() {
    ApiRequest r = ApiRequest.put("books/1").ifNoneMatchAny();
    assertEquals("*", r.ifNoneMatchValue());
    assertNull(r.ifNoneMatch(), "not an entity tag");
    ApiRequest tagged = ApiRequest.get("books/1").ifNoneMatch(ETag.weak("w"));
    assertEquals(ETag.weak("w"), tagged.ifNoneMatch());
    assertEquals("W/\"w\"", tagged.ifNoneMatchValue());
  }
}
