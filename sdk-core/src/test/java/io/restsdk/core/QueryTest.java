package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.List;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Query parameters: encoding, order, redaction, bad input and the ETag cache key. */
class QueryTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String AWKWARD = "a#b&c=d+e f%g/h?i";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private static <T> T get(Mode mode, Resource<T> r, String id, Query q) {
    return mode == Mode.SYNC ? r.get(id, q) : Mode.join(r.async().get(id, q));
  }

  private static <T> Entity<T> getEntity(Mode mode, Resource<T> r, String id, Query q) {
    return mode == Mode.SYNC ? r.getEntity(id, q) : Mode.join(r.async().getEntity(id, q));
  }

  // ---- encoding

  @ParameterizedTest
  @EnumSource(Mode.class)
  void valuesAreEncodedByOkHttpsRulesAndReachTheServerUnchanged(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    Query q = Query.of("q", AWKWARD).and("name", "Ünïcødé 東京").and("empty", "");
    mode.send(client, ApiRequest.get("books").query(q), Book.class);
    RecordedRequest r = take();
    assertEquals("/v1/books?q=a%23b%26c%3Dd%2Be%20f%25g%2Fh%3Fi"
        + "&name=%C3%9Cn%C3%AFc%C3%B8d%C3%A9%20%E6%9D%B1%E4%BA%AC&empty=", r.getTarget());
    HttpUrl url = r.getUrl();
    assertEquals(AWKWARD, url.queryParameter("q"));
    assertEquals("Ünïcødé 東京", url.queryParameter("name"));
    assertEquals("", url.queryParameter("empty"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void repeatedNamesAreSentInTheOrderAdded(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    Query q = Query.of("tag", "sf").and("author", "x").and("tag", "classic", "new")
        .and("tag", List.of("last"));
    mode.send(client, ApiRequest.get("books").query(q), Book.class);
    assertEquals("/v1/books?tag=sf&author=x&tag=classic&tag=new&tag=last", take().getTarget());
    assertEquals(Set.of("tag", "author"), q.names());
    assertEquals(List.of("tag", "author"), List.copyOf(q.names()), "in first-added order");
    assertEquals(List.of("sf", "classic", "new", "last"), q.values("tag"));
    assertEquals(List.of(), q.values("page"));
    assertEquals(5, q.size());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aQueryFollowsTheOneInThePathThenEarlierQueries(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    ApiRequest req = ApiRequest.get("books?page=2").query(Query.of("author", "Le Guin"))
        .query(Query.of("page", "3"));
    mode.send(client, req, Book.class);
    assertEquals("/v1/books?page=2&author=Le%20Guin&page=3", take().getTarget());
    assertEquals(Query.of("author", "Le Guin").and("page", "3"), req.query());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aQueryIsAddedToAnAbsoluteUri(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.of("GET", URI.create(url("books/1?v=1")))
        .query(Query.of("fields", "title,author")), Book.class);
    assertEquals("/v1/books/1?v=1&fields=title%2Cauthor", take().getTarget());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void resourceGetSendsTheQueryAfterTheItemPath(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v2\""));
    assertEquals("Dune", get(mode, books(), "a b", Query.of("lang", "fr")).title());
    Entity<Book> e = getEntity(mode, books(), "1", Query.of("lang", "de#1"));
    assertEquals("/v1/books/a%20b?lang=fr", take().getTarget());
    assertEquals("/v1/books/1?lang=de%231", take().getTarget());
    assertEquals(URI.create(url("books/1?lang=de%231")), e.location());
    assertEquals("\"v2\"", e.etag().headerValue());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEmptyQueryChangesNothing(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK));
    get(mode, books(), "1", Query.of());
    assertEquals("/v1/books/1", take().getTarget());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectGoesWhereTheServerSaidWithoutTheQueryAddedAgain(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/v1/books/2?s=x")
        .build());
    server.enqueue(json(200, BOOK));
    mode.send(client, ApiRequest.get("books/1").query(Query.of("lang", "fr")), Book.class);
    assertEquals("/v1/books/1?lang=fr", take().getTarget());
    assertEquals("/v1/books/2?s=x", take().getTarget());
  }

  // ---- the ETag cache

  @ParameterizedTest
  @EnumSource(Mode.class)
  void eachQueryOfOneItemIsCachedApartAndRevalidatesItsOwnEtag(Mode mode) throws Exception {
    server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"en\"}", "\"en1\""));
    server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"fr\"}", "\"fr1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"en1\"").build());
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"fr1\"").build());
    Query en = Query.of("lang", "en");
    Query fr = Query.of("lang", "fr");
    assertEquals("en", get(mode, books(), "1", en).author());
    assertEquals("fr", get(mode, books(), "1", fr).author());
    assertEquals("en", get(mode, books(), "1", en).author());
    assertEquals("fr", get(mode, books(), "1", fr).author());
    assertNull(take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"), "another query, another cache entry");
    RecordedRequest enAgain = take();
    assertEquals("/v1/books/1?lang=en", enAgain.getTarget());
    assertEquals("\"en1\"", enAgain.getHeaders().get("If-None-Match"));
    RecordedRequest frAgain = take();
    assertEquals("/v1/books/1?lang=fr", frAgain.getTarget());
    assertEquals("\"fr1\"", frAgain.getHeaders().get("If-None-Match"));
    EtagCache.Stats s = client.etagCache().stats();
    assertEquals(2, s.hits());
    assertEquals(2, s.stores());
  }

  // ---- secrets

  @Test
  void toStringHidesSecretValues() {
    Query q = Query.of("access_token", "s3cr3t").and("page", "2").and("apiKey", "k3y")
        .and("sig", "");
    assertEquals("Query{access_token=REDACTED, page=2, apiKey=REDACTED, sig=REDACTED}",
        q.toString());
    assertEquals("Query{}", Query.of().toString());
    assertEquals("ApiRequest{GET books?…}", ApiRequest.get("books").query(q).toString());
    assertEquals("ApiRequest{GET books}", ApiRequest.get("books").query(Query.of()).toString());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailingGetNeverShowsASecretQueryValue(Mode mode) {
    String secret = "qs+7/secret Q#1";
    String sent = "qs%2B7%2Fsecret%20Q%231";
    always(json(404, "{\"code\":404,\"type\":\"Not Found\",\"message\":\"no book for "
        + sent + " or " + secret + "\"}"));
    ApiException.NotFound e = assertThrows(ApiException.NotFound.class,
        () -> get(mode, books(), "1", Query.of("access_token", secret).and("page", "2")));
    assertEquals("GET " + url("books/1?access_token=REDACTED&page=2")
        + " → 404 Not Found: no book for REDACTED or REDACTED", e.getMessage());
    StringWriter w = new StringWriter();
    e.printStackTrace(new PrintWriter(w));
    String all = w + e.toString() + e.url() + e.errorBody().orElse("")
        + e.error().map(Object::toString).orElse("");
    assertFalse(all.contains(secret), all);
    assertFalse(all.contains(sent), all);
    assertFalse(all.contains("secret"), all);
  }

  // ---- values and bad input

  @Test
  void queriesAreValues() {
    Query a = Query.of("a", "1");
    Query b = a.and("b", "2");
    assertEquals(Query.of("a", "1"), a, "and() leaves the original alone");
    assertEquals(Query.of("a", "1").and("b", "2"), b);
    assertEquals(Query.of("a", "1").and("b", "2").hashCode(), b.hashCode());
    assertNotEquals(Query.of("b", "2").and("a", "1"), b, "order matters");
    assertEquals(b, Query.of("a", "1").and(Query.of("b", "2")));
    assertSame(a, a.and(Query.of()));
    assertSame(a, a.and("x", List.of()));
    assertTrue(Query.of().isEmpty());
    assertFalse(a.isEmpty());
    assertThrows(UnsupportedOperationException.class, () -> b.names().add("c"));
    assertThrows(UnsupportedOperationException.class, () -> b.values("a").add("c"));
    String[] values = {"x", "y"};
    Query fromArray = Query.of().and("v", values);
    values[0] = "changed";
    assertEquals(List.of("x", "y"), fromArray.values("v"), "the array is copied");
  }

  @Test
  void badInputIsRefusedNamingTheArgument() {
    assertEquals("name == null",
        assertThrows(NullPointerException.class, () -> Query.of(null, "v")).getMessage());
    assertEquals("name is empty",
        assertThrows(IllegalArgumentException.class, () -> Query.of("", "v")).getMessage());
    assertEquals("value == null",
        assertThrows(NullPointerException.class, () -> Query.of("n", null)).getMessage());
    assertEquals("values == null", assertThrows(NullPointerException.class,
        () -> Query.of().and("n", (String[]) null)).getMessage());
    assertEquals("values == null", assertThrows(NullPointerException.class,
        () -> Query.of().and("n", (Iterable<String>) null)).getMessage());
    assertEquals("value == null", assertThrows(NullPointerException.class,
        () -> Query.of().and("n", "a", null)).getMessage());
    assertEquals("name is empty", assertThrows(IllegalArgumentException.class,
        () -> Query.of().and("", List.of())).getMessage());
    assertEquals("other == null",
        assertThrows(NullPointerException.class, () -> Query.of().and((Query) null)).getMessage());
    assertEquals("name == null",
        assertThrows(NullPointerException.class, () -> Query.of().values(null)).getMessage());
    assertEquals("query == null", assertThrows(NullPointerException.class,
        () -> ApiRequest.get("books").query(null)).getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNullQueryIsRefusedBeforeAnyRequest(Mode mode) {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> getEntity(mode, books(), "1", null));
    assertEquals("query == null", e.getMessage());
    assertEquals("query == null", assertThrows(NullPointerException.class,
        () -> get(mode, books(), "1", null)).getMessage());
    assertInstanceOf(IllegalArgumentException.class,
        assertThrows(IllegalArgumentException.class,
            () -> get(mode, books(), "", Query.of("a", "b"))));
    assertEquals(0, server.getRequestCount());
  }
}
