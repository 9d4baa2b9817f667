package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A 201 that carries the created representation (Spring Data REST and many others): lenient
 * mode uses it as the created entity, without a GET of the {@code Location} and without a log
 * line, and keeps it in the ETag cache under that {@code Location}; what it does when the body
 * is not usable, on another origin, and in strict mode.
 */
class CreatedBodyTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final Book DUNE = new Book("Dune", "Herbert");

  private final List<String> logged = new CopyOnWriteArrayList<>();
  private final Handler handler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      logged.add(r.getMessage());
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private final Logger logger = Logger.getLogger("io.restsdk.core");

  @BeforeEach
  void captureLog() {
    logger.addHandler(handler);
    client = builder().etagCache(EtagCache.inMemory()).build();
  }

  @AfterEach
  void releaseLog() {
    logger.removeHandler(handler);
  }

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private static MockResponse createdWithBody(String location, String contentType, String body,
      String etag) {
    MockResponse.Builder b = new MockResponse.Builder().code(201)
        .addHeader("Location", location).addHeader("Content-Type", contentType).body(body);
    if (etag != null) b.addHeader("ETag", etag);
    return b.build();
  }

  private static MockResponse notModified(String etag) {
    return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createUsesThe201BodyWithoutAGetAndKeepsItUnderTheLocation(Mode mode) throws Exception {
    server.enqueue(createdWithBody("books/7", "application/json", BOOK, "\"1\""));

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(201, made.status());
    assertEquals(DUNE, made.body());
    assertEquals(ETag.strong("1"), made.etag());
    assertEquals(URI.create(url("books/7")), made.location());
    assertEquals(1, server.getRequestCount(), "no GET of the Location");
    assertEquals(List.of(), logged, "nothing logged");
    assertEquals("POST", take().getMethod());
    assertEquals(1, client.etagCache().stats().stores());

    // A later GET of the Location revalidates the stored body, with the same credentials.
    server.enqueue(notModified("\"1\""));
    Entity<Book> read = mode.getEntity(books(), "7");
    RecordedRequest get = take();
    assertEquals("\"1\"", get.getHeaders().get("If-None-Match"));
    assertEquals("Bearer " + TOKEN, get.getHeaders().get("Authorization"));
    assertTrue(read.revalidated());
    assertEquals(DUNE, read.body());
    assertEquals(1, client.etagCache().stats().hits());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sendFollowingTheLocationUsesThe201BodyToo(Mode mode) {
    server.enqueue(createdWithBody("books/7", "application/json; charset=utf-8", BOOK, "\"1\""));

    ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);

    assertInstanceOf(ApiResponse.Created.class, r);

    ApiResponse.Created<Book> created = (ApiResponse.Created<Book>) r;
    assertEquals(URI.create(url("books/7")), created.location());
    assertEquals(DUNE, created.entity().body());
    assertEquals(201, created.entity().status());
    assertEquals(1, server.getRequestCount(), "no GET of the Location");
    assertEquals(List.of(), logged);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyThatDoesNotSayItIsTheItemIsReadBack(Mode mode) throws Exception {
    // No ETag, no Content-Location, no self link: a summary or a message, not the item.
    server.enqueue(createdWithBody("books/7", "application/json",
        "{\"title\":\"Dune (summary)\"}", null));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .addHeader("ETag", "\"3\"").body(BOOK).build());

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body(), "the item as read back, not the 201's summary");
    assertEquals(ETag.strong("3"), made.etag());
    assertEquals(2, server.getRequestCount());
    server.takeRequest();
    assertEquals("/v1/books/7", server.takeRequest().getUrl().encodedPath());
    assertEquals(List.of(), logged);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyWithAnInvalidEtagAndNothingElseIsReadBack(Mode mode) {
    server.enqueue(createdWithBody("books/7", "application/json", BOOK, "unquoted-1"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "application/json")
        .body(BOOK).build());

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body());
    assertNull(made.etag());
    assertEquals(2, server.getRequestCount());
    assertEquals(0, client.etagCache().stats().stores());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyWithoutAnEtagIsUsedWhenContentLocationIsTheLocation(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7")
        .addHeader("Content-Location", "/v1/books/7").addHeader("Content-Type", "application/json")
        .body(BOOK).build());

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body());
    assertNull(made.etag());
    assertEquals(1, server.getRequestCount(), "no GET");
    assertEquals(0, client.etagCache().stats().stores(), "nothing to revalidate with");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyWithoutAnEtagIsUsedWhenItsSelfLinkIsTheLocation(Mode mode) {
    String self = server.url("/v1/books/7").toString();
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", self)
        .addHeader("Content-Type", "application/hal+json")
        .body("{\"title\":\"Dune\",\"author\":\"Herbert\",\"_links\":{\"self\":{\"href\":\""
            + self + "\"}}}").build());

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body());
    assertEquals(1, server.getRequestCount(), "no GET");
    assertEquals(URI.create(self), made.uri());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyIsStoredOnlyWhereA200WouldBe(Mode mode) {
    // no-store, and a Vary on a header the request carried: used, never kept.
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7")
        .addHeader("Content-Type", "application/json").addHeader("ETag", "\"1\"")
        .addHeader("Cache-Control", "no-store").body(BOOK).build());
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/8")
        .addHeader("Content-Type", "application/json").addHeader("ETag", "\"1\"")
        .addHeader("Vary", "X-Tenant").body(BOOK).build());

    ApiResponse<Book> noStore = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
    ApiResponse<Book> varying = mode.send(client,
        ApiRequest.post("books").header("X-Tenant", "a").body(BOOK), Book.class);

    assertEquals(DUNE, assertInstanceOf(ApiResponse.Created.class, noStore).entity().body());
    assertEquals(DUNE, assertInstanceOf(ApiResponse.Created.class, varying).entity().body());
    assertEquals(2, server.getRequestCount(), "no GET of either Location");
    assertEquals(0, client.etagCache().stats().stores());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyThatIsNotJsonFallsBackToTheGet(Mode mode) throws Exception {
    server.enqueue(createdWithBody("books/7", "text/plain", "created", "\"1\""));
    server.enqueue(json(200, BOOK, "\"1\""));

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body());
    assertEquals(201, made.status());
    assertEquals("POST", take().getMethod());
    RecordedRequest get = take();
    assertEquals("GET", get.getMethod());
    assertEquals(url("books/7"), get.getUrl().toString());
    assertEquals(List.of(), logged);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyThatDoesNotDecodeFallsBackToTheGetNeverToADecodeException(Mode mode)
      throws Exception {
    server.enqueue(createdWithBody("books/7", "application/json", "{not json", "\"1\""));
    server.enqueue(json(200, BOOK, "\"1\""));

    Entity<Book> made = mode.create(books(), DUNE);

    assertEquals(DUNE, made.body());
    assertEquals(2, server.getRequestCount());
    assertEquals(1, client.etagCache().stats().stores(), "only the GET's 200 was stored");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyWhoseLocationIsOnAnotherOriginIsNotUsed(Mode mode) throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      String there = other.url("/books/7").toString();
      server.enqueue(createdWithBody(there, "application/json", BOOK, "\"1\""));

      LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
          () -> mode.create(books(), DUNE));

      assertEquals(URI.create(there), e.location());
      assertEquals(1, server.getRequestCount());
      assertEquals(0, other.getRequestCount());
      assertEquals(0, client.etagCache().stats().stores(), "nothing kept for another origin");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a201BodyOnAnAllowedOtherOriginIsKeptWithoutCredentials(Mode mode) throws Exception {
    client.close();
    client = builder().etagCache(EtagCache.inMemory()).followCrossOriginLocation(true).build();
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      String there = other.url("/books/7").toString();
      server.enqueue(createdWithBody(there, "application/json", BOOK, "\"1\""));

      Entity<Book> made = mode.create(books(), DUNE);

      assertEquals(DUNE, made.body());
      assertEquals(URI.create(there), made.location());
      assertEquals(0, other.getRequestCount(), "no GET of the Location");

      // The entry is the one an uncredentialed GET of that URL uses.
      other.enqueue(notModified("\"1\""));
      ApiResponse<Book> r = mode.send(client, ApiRequest.of("GET", URI.create(there)),
          Book.class);
      RecordedRequest get = other.takeRequest();
      assertEquals("\"1\"", get.getHeaders().get("If-None-Match"));
      assertNull(get.getHeaders().get("Authorization"));
      assertTrue(assertInstanceOf(ApiResponse.Ok.class, r).entity().revalidated());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void followLocationOffReturnsTheLocationWithoutTheBody(Mode mode) {
    server.enqueue(createdWithBody("books/7", "application/json", BOOK, "\"1\""));

    ApiResponse<Book> r = mode.send(client,
        ApiRequest.post("books").body(BOOK).followLocation(false), Book.class);

    assertInstanceOf(ApiResponse.Created.class, r);

    ApiResponse.Created<Book> created = (ApiResponse.Created<Book>) r;
    assertEquals(URI.create(url("books/7")), created.location());
    assertNull(created.entity());
    assertEquals(1, server.getRequestCount());
    assertEquals(0, client.etagCache().stats().stores());
    assertEquals(List.of(), logged);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void strictModeStillReportsThe201BodySayingTheCreateSucceeded(Mode mode) {
    client.close();
    client = builder().etagCache(EtagCache.inMemory()).contractMode(ContractMode.STRICT).build();
    server.enqueue(createdWithBody("books/7", "application/json", BOOK, "\"1\""));

    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(books(), DUNE));

    assertEquals("201 with a body (" + BOOK.length()
        + " bytes; the POST succeeded, the resource was created)", v.violation());
    assertEquals(201, v.status());
    assertEquals(1, server.getRequestCount());
    assertEquals(0, client.etagCache().stats().stores());
    assertFalse(logged.stream().anyMatch(m -> m.contains("201")));
  }
}
