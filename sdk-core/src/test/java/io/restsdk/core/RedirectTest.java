package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Redirects are followed by the client, not by OkHttp: credentials stay on the base URL's
 * origin, bodies on their own origin, and chains are bounded. A second server on another port
 * is another origin.
 */
class RedirectTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String KEY = "k-secret-77";
  private static final String COOKIE = "session=c00kie-secret";

  private MockWebServer other;

  @BeforeEach
  void startOther() throws IOException {
    other = new MockWebServer();
    other.setServerSocketFactory(new NoDelayServerSocketFactory());
    other.start();
  }

  @AfterEach
  void stopOther() {
    other.close();
  }

  private static MockResponse redirect(int code, String location) {
    return new MockResponse.Builder().code(code).addHeader("Location", location).build();
  }

  /** A GET that carries every kind of credential. */
  private static ApiRequest getWithCredentials(String path) {
    return ApiRequest.get(path).credentialHeader("X-Api-Key", KEY).header("Cookie", COOKIE)
        .header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0").header("Accept", "application/json");
  }

  private static void assertNoCredentials(RecordedRequest r) {
    assertNull(r.getHeaders().get("Authorization"));
    assertNull(r.getHeaders().get("Cookie"));
    assertNull(r.getHeaders().get("X-Api-Key"));
    assertNull(r.getHeaders().get("Proxy-Authorization"));
  }

  private static void assertNoSecret(String message) {
    for (String secret : new String[] {TOKEN, KEY, "c00kie-secret", "cHJveHk6c2VjcmV0", "Dune"}) {
      assertFalse(message.contains(secret), () -> "leaked " + secret + ": " + message);
    }
  }

  // ---- same origin

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSameOriginRedirectIsFollowedWithEveryCredential(Mode mode) throws Exception {
    server.enqueue(redirect(302, "/v1/books/2"));
    server.enqueue(json(200, BOOK, "\"b2\""));
    ApiResponse<Book> r = mode.send(client, getWithCredentials("books/1"), Book.class);
    @SuppressWarnings("unchecked")
    Entity<Book> e = assertInstanceOf(ApiResponse.Ok.class, r).entity();
    assertEquals("Dune", e.body().title());
    assertEquals(URI.create(url("books/2")), e.location(), "the entity says where it came from");
    assertEquals("/v1/books/1", take().getTarget());
    RecordedRequest followed = take();
    assertEquals("GET", followed.getMethod());
    assertEquals("/v1/books/2", followed.getTarget());
    assertEquals("Bearer " + TOKEN, followed.getHeaders().get("Authorization"));
    assertEquals(KEY, followed.getHeaders().get("X-Api-Key"));
    assertEquals(COOKIE, followed.getHeaders().get("Cookie"));
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSameOrigin307ResendsMethodBodyAndIdempotencyKey(Mode mode) throws Exception {
    client = builder().autoIdempotencyKeys(true).build();
    server.enqueue(redirect(307, "/v1/shelf/books"));
    server.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
    RecordedRequest first = take();
    RecordedRequest second = take();
    assertEquals("POST", second.getMethod());
    assertEquals("/v1/shelf/books", second.getTarget());
    assertEquals(first.getBody().utf8(), second.getBody().utf8());
    assertEquals("application/json; charset=utf-8", second.getHeaders().get("Content-Type"));
    assertEquals(first.getHeaders().get("Idempotency-Key"),
        second.getHeaders().get("Idempotency-Key"), "the same operation, the same key");
    assertEquals("Bearer " + TOKEN, second.getHeaders().get("Authorization"));
  }

  @ParameterizedTest
  @ValueSource(ints = {301, 302, 303})
  void aPostRedirectedBy301Or302Or303BecomesAGetWithoutABody(int code) throws Exception {
    for (Mode mode : Mode.values()) {
      server.enqueue(redirect(code, "/v1/books/9"));
      server.enqueue(json(200, BOOK));
      ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
      assertEquals("Dune", assertInstanceOf(ApiResponse.Ok.class, r).body() instanceof Book b
          ? b.title() : null);
      take();
      RecordedRequest get = take();
      assertEquals("GET", get.getMethod(), mode + " " + code);
      assertEquals(0, get.getBodySize());
      assertNull(get.getHeaders().get("Content-Type"));
      assertEquals("Bearer " + TOKEN, get.getHeaders().get("Authorization"));
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a301ToAPutKeepsMethodAndBodyOnTheSameOrigin(Mode mode) throws Exception {
    server.enqueue(redirect(301, "/v1/books/8"));
    server.enqueue(status(204));
    Entity<Book> r = mode.update(client.resource("books", Book.class), "7",
        new Book("Dune", "Herbert"));
    assertEquals(204, r.status());
    take();
    RecordedRequest again = take();
    assertEquals("PUT", again.getMethod());
    assertEquals("/v1/books/8", again.getTarget());
    assertEquals("{\"title\":\"Dune\",\"author\":\"Herbert\"}", again.getBody().utf8());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectedWriteStaysConditionalAndEvictsTheUrlItWasSentTo(Mode mode) throws Exception {
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.get(books, "1");
    take();
    server.enqueue(redirect(307, "/v1/books/1b"));
    server.enqueue(status(204));
    mode.update(books, "1", new Book("Dune", "Herbert"));
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
    RecordedRequest again = take();
    assertEquals("/v1/books/1b", again.getTarget());
    assertEquals("\"v1\"", again.getHeaders().get("If-Match"), "still conditional");
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books, "1");
    assertNull(take().getHeaders().get("If-None-Match"), "books/1 was evicted by the write");
  }

  // ---- another origin

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCrossOriginRedirectIsFollowedWithoutAnyCredential(Mode mode) throws Exception {
    server.enqueue(redirect(302, other.url("/mirror/books/1").toString()));
    other.enqueue(json(200, BOOK));
    ApiResponse<Book> r = mode.send(client, getWithCredentials("books/1"), Book.class);
    assertEquals(200, r.status());
    RecordedRequest original = take();
    assertEquals("Bearer " + TOKEN, original.getHeaders().get("Authorization"));
    assertEquals(KEY, original.getHeaders().get("X-Api-Key"));
    RecordedRequest followed = other.takeRequest();
    assertEquals("/mirror/books/1", followed.getTarget());
    assertNoCredentials(followed);
    assertEquals("application/json", followed.getHeaders().get("Accept"), "other headers go along");
    assertEquals(1, other.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCrossOrigin303AfterAPostIsAGetWithoutBodyOrCredentials(Mode mode) throws Exception {
    server.enqueue(redirect(303, other.url("/done").toString()));
    other.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.post("books").body(BOOK).credentialHeader("X-Api-Key", KEY),
        Book.class);
    RecordedRequest followed = other.takeRequest();
    assertEquals("GET", followed.getMethod());
    assertEquals(0, followed.getBodySize());
    assertNoCredentials(followed);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void onceACallLeftTheOriginNoLaterHopCarriesCredentials(Mode mode) throws Exception {
    server.enqueue(redirect(302, other.url("/bounce").toString()));
    other.enqueue(redirect(302, url("books/2")));
    server.enqueue(json(200, BOOK));
    mode.send(client, getWithCredentials("books/1"), Book.class);
    take();
    RecordedRequest back = take();
    assertEquals("/v1/books/2", back.getTarget());
    assertNoCredentials(back);
  }

  @ParameterizedTest
  @ValueSource(ints = {307, 308})
  void aCrossOrigin307Or308WithABodyIsRefused(int code) {
    for (Mode mode : Mode.values()) {
      String target = other.url("/steal").toString();
      server.enqueue(redirect(code, target));
      ApiRequest post = ApiRequest.post("books").body(BOOK).credentialHeader("X-Api-Key", KEY)
          .header("Cookie", COOKIE);
      RedirectException e = assertThrows(RedirectException.class,
          () -> mode.send(client, post, Book.class));
      assertEquals(RedirectException.Reason.BODY_TO_OTHER_ORIGIN, e.reason());
      assertEquals("POST " + url("books") + " → " + code + " "
          + (code == 307 ? "Temporary Redirect" : "Permanent Redirect") + " to " + target
          + ": redirect not followed: it would send the request body to another origin",
          e.getMessage());
      assertEquals(code, e.status());
      assertEquals(target, e.location());
      assertNoSecret(e.getMessage());
      assertNoSecret(e.toString());
    }
    assertEquals(0, other.getRequestCount());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void crossOriginRedirectsCanBeRefused(Mode mode) {
    client = builder().followCrossOriginRedirects(false).build();
    String target = other.url("/x").toString();
    server.enqueue(redirect(302, target));
    RedirectException e = assertThrows(RedirectException.class,
        () -> mode.send(client, getWithCredentials("books/1"), Book.class));
    assertEquals(RedirectException.Reason.CROSS_ORIGIN, e.reason());
    assertEquals("GET " + url("books/1") + " → 302 Found to " + target + ": redirect not followed:"
        + " it leads to another origin (RestClient.Builder.followCrossOriginRedirects)",
        e.getMessage());
    assertEquals(0, other.getRequestCount());
  }

  // ---- bounds

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectLoopEndsInARedirectException(Mode mode) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        return redirect(302, r.getTarget().endsWith("/a") ? "/v1/b" : "/v1/a");
      }
    });
    RedirectException e = assertThrows(RedirectException.class,
        () -> mode.send(client, ApiRequest.get("a"), Book.class));
    assertEquals(RedirectException.Reason.LOOP, e.reason());
    assertEquals("GET " + url("b") + " → 302 Found to " + url("a") + ": redirect not followed:"
        + " it leads back to a URL this call already requested", e.getMessage());
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void moreThanFiveRedirectsInARowEndInARedirectException(Mode mode) {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        int n = Integer.parseInt(r.getTarget().substring("/v1/n".length()));
        return redirect(307, "/v1/n" + (n + 1));
      }
    });
    RedirectException e = assertThrows(RedirectException.class,
        () -> mode.send(client, ApiRequest.get("n0"), Book.class));
    assertEquals(RedirectException.Reason.TOO_MANY, e.reason());
    assertEquals("GET " + url("n5") + " → 307 Temporary Redirect to " + url("n6")
        + ": redirect not followed: more than 5 redirects in a row", e.getMessage());
    assertEquals(6, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectWithAnUnusableLocationIsARedirectException(Mode mode) {
    server.enqueue(redirect(302, "::::"));
    RedirectException e = assertThrows(RedirectException.class,
        () -> mode.send(client, ApiRequest.get("books/1"), Book.class));
    assertEquals(RedirectException.Reason.INVALID_LOCATION, e.reason());
    assertNull(e.location());
    assertEquals("GET " + url("books/1") + " → 302 Found: redirect not followed:"
        + " its Location is not an http(s) URI reference", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  // ---- switched off

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withFollowingOffARedirectIsAnApiExceptionEvenOnTheCallersOkHttpClient(Mode mode) {
    assertEquals(true, ok.followRedirects(), "the caller's client follows redirects itself");
    client = builder().followRedirects(false).build();
    server.enqueue(redirect(302, "/v1/books/2"));
    ApiException.Other e = assertThrows(ApiException.Other.class,
        () -> mode.send(client, ApiRequest.get("books/1"), Book.class));
    assertEquals(302, e.status());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void everyOkHttpClientTheRestClientUsesLeavesRedirectsToIt() {
    assertFalse(client.okHttp.followRedirects());
    assertFalse(client.okHttp.followSslRedirects());
    try (RestClient own = RestClient.builder().baseUrl(url("")).build();
        RestClient derived = own.newBuilder().bearerToken("t").build()) {
      assertFalse(own.okHttp.followRedirects());
      assertFalse(derived.okHttp.followSslRedirects());
    }
    OkHttpClient theirs = new OkHttpClient.Builder().followRedirects(true).build();
    try (RestClient c = RestClient.builder().baseUrl(url("")).okHttpClient(theirs).build()) {
      assertFalse(c.okHttp.followRedirects());
      assertFalse(c.okHttp.followSslRedirects());
    }
  }

  // ---- the ETag cache

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectedGetIsCachedUnderTheUrlItCameFromAndRevalidatedThere(Mode mode)
      throws Exception {
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"a1\""));
    mode.get(books, "1"); // /v1/books/1 is cached with "a1"
    take();
    server.enqueue(redirect(301, "/v1/books/2"));
    server.enqueue(json(200, BOOK, "\"b1\""));
    assertEquals(URI.create(url("books/2")), mode.getEntity(books, "1").location());
    assertEquals("\"a1\"", take().getHeaders().get("If-None-Match"), "a1 goes to books/1 only");
    assertNull(take().getHeaders().get("If-None-Match"), "nothing cached for books/2 yet");

    server.enqueue(redirect(301, "/v1/books/2"));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"b1\"").build());
    Entity<Book> again = mode.getEntity(books, "1");
    assertEquals("\"a1\"", take().getHeaders().get("If-None-Match"));
    assertEquals("\"b1\"", take().getHeaders().get("If-None-Match"), "b1 is the entry of books/2");
    assertEquals(true, again.revalidated());
    assertEquals(ETag.strong("b1"), again.etag());
    assertEquals("Dune", again.body().title());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGetRedirectedToAnotherOriginIsCachedForTheCredentialsItCarried(Mode mode)
      throws Exception {
    String elsewhere = other.url("/books/1").toString();
    server.enqueue(redirect(302, elsewhere));
    other.enqueue(json(200, BOOK, "\"o1\""));
    mode.send(client, ApiRequest.get("books/1"), Book.class);
    // The same URL asked for directly, with no credential (it is not the base URL's origin),
    // is the entry the redirected GET stored: that GET carried no credential either.
    other.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"o1\"").build());
    ApiResponse<Book> r = mode.send(client, ApiRequest.of("GET", URI.create(elsewhere)), Book.class);
    assertEquals(true, assertInstanceOf(ApiResponse.Ok.class, r).entity().revalidated());
    assertNoCredentials(other.takeRequest());
    assertEquals("\"o1\"", other.takeRequest().getHeaders().get("If-None-Match"));
  }
}
