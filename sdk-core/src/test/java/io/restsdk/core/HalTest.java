package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.net.URI;
import java.util.List;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * HAL bodies: decoded into types that do not declare {@code _links} or {@code _embedded}, with
 * their links in {@link Entity#links()} on every path that builds an entity (200, 304 from the
 * cache, a 201's body, the GET after a 201).
 */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class HalTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  static final String HAL = "application/hal+json";
  private static final String DUNE = "{\"title\":\"Dune\",\"author\":\"Herbert\","
      + "\"_links\":{\"self\":{\"href\":\"/v1/books/1\"},\"reviews\":{\"href\":\"reviews\"}},"
      + "\"_embedded\":{\"reviews\":[{\"stars\":5}]}}";

  record Price(BigDecimal amount, double rate) {}

  static MockResponse hal(int code, String body, String etag) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", HAL).body(body);
    if (etag != null) b.addHeader("ETag", etag);
    return b.build();
  }

  private static MockResponse notModified(String etag) {
    return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aHalBodyDecodesIntoARecordWithoutLinksAndTheLinksAreAbsolute(Mode mode) {
    server.enqueue(hal(200, DUNE, "\"1\""));
    Entity<Book> e = mode.getEntity(client.resource("books", Book.class), "1");
    assertEquals(new Book("Dune", "Herbert"), e.body());
    assertEquals(URI.create(url("books/1")), e.links().href("self").orElseThrow());
    // "reviews" is relative to the URL the body came from, .../v1/books/1
    assertEquals(URI.create(url("books/reviews")), e.links().href("reviews").orElseThrow());
    assertEquals(URI.create(url("books/1")), e.uri());
    assertEquals("1", e.id());
  }

  @ParameterizedTest
  @ValueSource(strings = {"application/hal+json", "application/prs.hal-forms+json",
      "application/vnd.hal+json;charset=UTF-8", "application/json"})
  void everyHalMediaTypeAndPlainJsonWithLinksIsRead(String contentType) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", contentType)
        .body("{\"title\":\"Dune\",\"author\":\"Herbert\",\"_links\":{\"self\":{\"href\":"
            + "\"/v1/books/1\"}},\"_templates\":{\"default\":{\"method\":\"PUT\"}}}").build());
    Entity<Book> e = client.resource("books", Book.class).getEntity("1");
    assertEquals("Dune", e.body().title());
    assertEquals(List.of("self"), List.copyOf(e.links().rels()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMapperThatFailsOnUnknownPropertiesStillReadsHal(Mode mode) {
    client.close();
    client = builder().codec(json.strict()).build();
    server.enqueue(hal(200, DUNE, null));
    server.enqueue(json(200, DUNE));
    Resource<Book> books = client.resource("books", Book.class);
    assertEquals("Dune", mode.get(books, "1").title());
    assertEquals("Dune", mode.get(books, "2").title());
  }

  @Test
  void numbersKeepTheTextTheyWereSentWith() {
    server.enqueue(hal(200, "{\"amount\":19.90,\"rate\":0.1,\"_links\":{}}", null));
    server.enqueue(json(200, "{\"amount\":19.90,\"rate\":0.1}"));
    Resource<Price> prices = client.resource("prices", Price.class);
    Price hal = prices.get("1");
    Price plain = prices.get("2");
    assertEquals(new BigDecimal("19.90"), hal.amount(), "scale kept");
    assertEquals(plain, hal);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void linkHeadersComeFirstThenTheBodys(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", HAL)
        .addHeader("Link", "<https://cdn.example.com/books/1>; rel=\"self\", </v1/x>; rel=next")
        .body(DUNE).build());
    Entity<Book> e = mode.getEntity(client.resource("books", Book.class), "1");
    assertEquals(URI.create("https://cdn.example.com/books/1"), e.uri());
    assertEquals(2, e.links().all("self").size());
    assertEquals(URI.create(url("books/1")), e.links().all("self").get(1).href());
    assertEquals(List.of("self", "next", "reviews"), List.copyOf(e.links().rels()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a304KeepsTheCachedBodysLinks(Mode mode) throws Exception {
    server.enqueue(hal(200, DUNE, "\"1\""));
    server.enqueue(notModified("\"1\""));
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> first = mode.getEntity(books, "1");
    Entity<Book> again = mode.getEntity(books, "1");
    assertTrue(again.revalidated());
    assertEquals(first.links(), again.links());
    assertEquals(2, again.links().asList().size());
    take();
    assertEquals("\"1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withReuseDecodedBodiesA304HandsOutTheValueAndItsLinks(Mode mode) {
    client.close();
    client = builder().reuseDecodedBodies(true).build();
    server.enqueue(hal(200, DUNE, "\"1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"1\"")
        .addHeader("Link", "</v1/books/2>; rel=next").build());
    Resource<Book> books = client.resource("books", Book.class);
    Entity<Book> first = mode.getEntity(books, "1");
    Entity<Book> again = mode.getEntity(books, "1");
    assertSame(first.body(), again.body());
    assertEquals(URI.create(url("books/reviews")), again.links().href("reviews").orElseThrow());
    assertEquals(URI.create(url("books/2")), again.links().href("next").orElseThrow(),
        "the 304's own Link header refreshes the stored headers");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreatedBodysLinksAreTheEntitys(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "/v1/books/7")
        .addHeader("Content-Type", HAL).addHeader("ETag", "\"1\"")
        .body("{\"title\":\"Dune\",\"author\":\"Herbert\",\"_links\":{\"self\":{\"href\":"
            + "\"http://example.com/books/7\"}}}").build());
    Entity<Book> e = mode.create(client.resource("books", Book.class), new Book("Dune", "Herbert"));
    assertEquals(201, e.status());
    assertEquals(URI.create("http://example.com/books/7"), e.uri());
    assertEquals(1, server.getRequestCount(), "no GET of the Location");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theGetAfterA201KeepsItsLinks(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "/v1/books/7")
        .build());
    server.enqueue(hal(200, DUNE.replace("/v1/books/1", "/v1/books/7"), "\"1\""));
    Entity<Book> e = mode.create(client.resource("books", Book.class), new Book("Dune", "Herbert"));
    assertEquals(201, e.status());
    assertEquals(URI.create(url("books/7")), e.uri());
    assertEquals("7", e.id());
    assertTrue(e.links().has("reviews"));
  }

  @Test
  void aBadHalBodyIsADecodeException() {
    server.enqueue(hal(200, "{\"title\":\"Dune\",\"_links\":{", null));
    server.enqueue(hal(200, "null", null));
    server.enqueue(hal(200, "{\"title\":[1],\"_links\":{}}", null));
    Resource<Book> books = client.resource("books", Book.class);
    assertThrows(DecodeException.class, () -> books.get("1"));
    DecodeException isNull = assertThrows(DecodeException.class, () -> books.get("2"));
    assertTrue(isNull.getMessage().contains("JSON null"), isNull.getMessage());
    assertThrows(DecodeException.class, () -> books.get("3"));
  }

  @Test
  void anArrayOfHalObjectsDecodesAsAList() {
    server.enqueue(hal(200, "[" + DUNE + "," + DUNE + "]", null));
    Entity<List<Book>> e =
        client.getEntity(URI.create(url("books")), new TypeRef<List<Book>>() {});
    assertEquals(2, e.body().size());
    assertTrue(e.links().isEmpty(), "an array has no _links of its own");
  }

  @Test
  void aBadLinksMemberNeverFailsTheCall() {
    server.enqueue(hal(200, "{\"title\":\"Dune\",\"_links\":{\"self\":\"not an object\","
        + "\"x\":{\"href\":42},\"ok\":{\"href\":\"/v1/ok\"}}}", null));
    Entity<Book> e = client.resource("books", Book.class).getEntity("1");
    assertEquals(List.of("ok"), List.copyOf(e.links().rels()));
    assertNotSame(Links.empty(), e.links());
  }

  @Test
  void aPlainJsonBodyWithoutLinksHasNone() {
    server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"_links\"}"));
    Entity<Book> e = client.resource("books", Book.class).getEntity("1");
    assertEquals("_links", e.body().author());
    assertTrue(e.links().isEmpty());
    assertTrue(!Hal.mentionsLinks("{\"a\":\"links\",\"_link\":1}".getBytes()));
    assertTrue(Hal.mentionsLinks("{\"_links\":{}}".getBytes()));
    assertTrue(!Hal.mentionsLinks(new byte[0]));
  }

  @Test
  void theLinksScanFindsThePatternWhereverAPlainSearchDoes() {
    java.util.Random random = new java.util.Random(20261201);
    byte[] alphabet = "\"_linksk{}: \u00df".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    for (int round = 0; round < 20_000; round++) {
      byte[] body = new byte[random.nextInt(60)];
      for (int i = 0; i < body.length; i++) body[i] = alphabet[random.nextInt(alphabet.length)];
      if (random.nextInt(4) == 0 && body.length >= 8) {
        System.arraycopy("\"_links\"".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 0,
            body, random.nextInt(body.length - 7), 8);
      }
      String text = new String(body, java.nio.charset.StandardCharsets.ISO_8859_1);
      assertEquals(text.contains("\"_links\""), Hal.mentionsLinks(body), text);
    }
  }
}
