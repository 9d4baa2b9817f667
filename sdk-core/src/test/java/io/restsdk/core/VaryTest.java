package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 200 is stored only when every request header its {@code Vary} names is part of the cache
 * key, or was absent from the request (and then answers only requests without it); otherwise
 * one entry per key could hand one request the body selected for another.
 */
class VaryTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private static MockResponse varying(String vary, String etag) {
    return new MockResponse.Builder().code(200).addHeader("ETag", etag).addHeader("Vary", vary)
        .addHeader("Content-Type", "application/json").body(BOOK).build();
  }

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnAcceptAndTransparentGzipIsStored(Mode mode) throws Exception {
    server.enqueue(varying("Accept, Accept-Encoding", "\"v1\""));
    server.enqueue(varying("Authorization", "\"v2\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    mode.get(books(), "1");
    mode.get(books(), "1");
    assertTrue(mode.getEntity(books(), "1").revalidated());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertEquals("\"v2\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyStarIsNeverStored(Mode mode) throws Exception {
    server.enqueue(varying("*", "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.get(books(), "1");
    mode.get(books(), "1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
    assertEquals(1, client.etagCache().stats().stores(), "only the second 200 was stored");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnAHeaderOutsideTheKeyIsNotStoredAndEvictsTheOldEntry(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(varying("Accept, Accept-Language", "\"v2\""));
    server.enqueue(json(200, BOOK, "\"v3\""));
    ApiRequest french = ApiRequest.get("books/1").header("Accept-Language", "fr");
    mode.send(client, french, Book.class);
    ApiResponse<Book> second = mode.send(client, french, Book.class);
    assertFalse(((ApiResponse.Ok<Book>) second).entity().revalidated());
    assertEquals(ETag.strong("v2"), ((ApiResponse.Ok<Book>) second).entity().etag());
    mode.send(client, french, Book.class);
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"), "the v1 entry was evicted");
  }

  /** Spring and other CORS-aware servers send this on every answer. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnHeadersTheRequestDidNotCarryIsStoredAndRevalidated(Mode mode) throws Exception {
    server.enqueue(varying("Origin, Access-Control-Request-Method, Access-Control-Request-Headers",
        "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    mode.get(books(), "1");
    assertTrue(mode.getEntity(books(), "1").revalidated());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEntryStoredWithoutAVaryingHeaderDoesNotAnswerARequestThatCarriesIt(Mode mode)
      throws Exception {
    server.enqueue(varying("Accept-Language", "\"v1\""));
    server.enqueue(varying("Accept-Language", "\"fr1\""));
    server.enqueue(varying("Accept-Language", "\"v1\""));
    mode.get(books(), "1");
    ApiRequest french = ApiRequest.get("books/1").header("Accept-Language", "fr");
    ApiResponse<Book> fr = mode.send(client, french, Book.class);
    assertFalse(((ApiResponse.Ok<Book>) fr).entity().revalidated());
    mode.get(books(), "1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"), "the entry is for no Accept-Language");
    assertNull(take().getHeaders().get("If-None-Match"),
        "the French answer was not stored, and it evicted the entry");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnCookieIsNotStored(Mode mode) throws Exception {
    server.enqueue(varying("Cookie", "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.get(books(), "1");
    mode.get(books(), "1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnAcceptEncodingTheCallerSetIsNotStored(Mode mode) throws Exception {
    server.enqueue(varying("Accept-Encoding", "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    ApiRequest identity = ApiRequest.get("books/1").header("Accept-Encoding", "identity");
    mode.send(client, identity, Book.class);
    mode.send(client, identity, Book.class);
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyListsInSeveralHeaderLinesAreAllRead(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
        .addHeader("Vary", "Accept").addHeader("Vary", "X-Tenant")
        .addHeader("Content-Type", "application/json").body(BOOK).build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    ApiRequest tenant = ApiRequest.get("books/1").header("X-Tenant", "a");
    mode.send(client, tenant, Book.class);
    mode.send(client, tenant, Book.class);
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnAuthorizationIsNotStoredWhenTheSdkSentNoCredentials(Mode mode) throws Exception {
    server.enqueue(varying("Authorization", "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    okhttp3.OkHttpClient withAuth = ok.newBuilder().addInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer someone").build())).build();
    try (RestClient c = builder().noAuthentication().okHttpClient(withAuth).build()) {
      mode.get(c.resource("books", Book.class), "1");
      mode.get(c.resource("books", Book.class), "1");
    }
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }
}
