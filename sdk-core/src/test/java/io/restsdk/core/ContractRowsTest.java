package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every row of the response-code contract, on the sync and the async path. */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class ContractRowsTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  // ---- 200

  @ParameterizedTest
  @EnumSource(Mode.class)
  void ok200DecodesTheBodyWithItsEtag(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    ApiResponse<Book> r = mode.send(client, ApiRequest.get("books/42"), Book.class);
    assertInstanceOf(ApiResponse.Ok.class, r);
    ApiResponse.Ok<Book> ok = (ApiResponse.Ok<Book>) r;
    assertEquals(new Book("Dune", "Herbert"), ok.body());
    assertEquals(ETag.strong("v1"), ok.etag().orElseThrow());
    assertEquals(200, ok.status());
    assertFalse(ok.revalidated());
    assertEquals(URI.create(url("books/42")), ok.entity().location());
    RecordedRequest req = take();
    assertEquals("GET", req.getMethod());
    assertEquals("Bearer " + TOKEN, req.getHeaders().get("Authorization"));
    assertEquals("application/json", req.getHeaders().get("Accept"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unknownFieldsAndJsonSubtypesAreAccepted(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/hal+json")
        .body("{\"title\":\"Dune\",\"author\":\"H\",\"_links\":{\"self\":{\"href\":\"/x\"}}}")
        .build());
    assertEquals(new Book("Dune", "H"), mode.get(client.resource("books", Book.class), "1"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherSuccessesAreOkOrNoContent(Mode mode) {
    server.enqueue(json(202, BOOK));
    server.enqueue(status(202));
    assertInstanceOf(ApiResponse.Ok.class, mode.send(client, ApiRequest.post("jobs"), Book.class));
    ApiResponse<Book> r = mode.send(client, ApiRequest.post("jobs"), Book.class);
    assertEquals(202, assertInstanceOf(ApiResponse.NoContent.class, r).status());
  }

  // ---- 201

  @ParameterizedTest
  @EnumSource(Mode.class)
  void created201FollowsLocationWithAGet(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"v7\""));
    Entity<Book> e = mode.create(client.resource("books", Book.class), new Book("Dune", "H"));
    assertEquals(URI.create(url("books/7")), e.location());
    assertEquals(ETag.strong("v7"), e.etag());
    assertEquals("Dune", e.body().title());
    RecordedRequest post = take();
    assertEquals("POST", post.getMethod());
    assertEquals("{\"title\":\"Dune\",\"author\":\"H\"}", post.getBody().utf8());
    RecordedRequest get = take();
    assertEquals("GET", get.getMethod());
    assertEquals("/v1/books/7", get.getTarget());
    assertEquals("Bearer " + TOKEN, get.getHeaders().get("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theFollowUpGetCarriesTheCallersHeaders(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"v7\""));
    ApiRequest post = ApiRequest.post("books").body(BOOK).idempotencyKey("create-7")
        .credentialHeader("X-Api-Key", "k-1").header("Accept", "application/vnd.books+json");
    mode.send(client, post, Book.class);
    assertEquals("create-7", take().getHeaders().get("Idempotency-Key"));
    RecordedRequest get = take();
    assertEquals("GET", get.getMethod());
    assertEquals("k-1", get.getHeaders().get("X-Api-Key"));
    assertEquals("application/vnd.books+json", get.getHeaders().get("Accept"));
    // the headers only: not the POST's body, its Idempotency-Key or its content type
    assertNull(get.getHeaders().get("Idempotency-Key"));
    assertNull(get.getHeaders().get("Content-Type"));
    assertEquals(0, get.getBodySize());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void created201ViaSendReturnsCreatedWithTheEntity(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(201)
        .addHeader("Location", url("books/8")).build());
    server.enqueue(json(200, BOOK, "\"v8\""));
    ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
    assertInstanceOf(ApiResponse.Created.class, r);
    ApiResponse.Created<Book> c = (ApiResponse.Created<Book>) r;
    assertEquals(201, c.status());
    assertEquals(URI.create(url("books/8")), c.location());
    assertEquals("Dune", c.entity().body().title());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void created201NotFollowedWhenSwitchedOff(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/9").build());
    ApiResponse<Book> r =
        mode.send(client, ApiRequest.post("books").body(BOOK).followLocation(false), Book.class);
    assertInstanceOf(ApiResponse.Created.class, r);
    ApiResponse.Created<Book> c = (ApiResponse.Created<Book>) r;
    assertEquals(URI.create(url("books/9")), c.location());
    assertNull(c.entity());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void created201WithoutLocationIsToleratedWhenLenient(Mode mode) {
    server.enqueue(status(201));
    ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
    assertInstanceOf(ApiResponse.Created.class, r);
    ApiResponse.Created<Book> c = (ApiResponse.Created<Book>) r;
    assertNull(c.location());
    assertNull(c.entity());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void created201WithoutLocationIsAViolationWhenStrict(Mode mode) {
    client = builder().contractMode(ContractMode.STRICT).build();
    server.enqueue(status(201));
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    String what = "201 without Location (the POST succeeded; the resource was not read back)";
    assertEquals(what, v.violation());
    assertEquals("POST " + url("books") + " → 201 Created: contract violation: " + what,
        v.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createNeedsALocationEvenWhenLenient(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "ftp://x/1").build());
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(client.resource("books", Book.class), new Book("a", "b")));
    assertEquals("201 with a Location that is not http(s)"
        + " (the POST succeeded; the resource was not read back)", v.violation());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void crossOriginLocationIsNotFollowedByDefault(Mode mode) throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      String elsewhere = other.url("/books/1").toString().replace("127.0.0.1", "localhost");
      server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", elsewhere).build());
      ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
      assertInstanceOf(ApiResponse.Created.class, r);
      ApiResponse.Created<Book> c = (ApiResponse.Created<Book>) r;
      assertEquals(URI.create(elsewhere), c.location());
      assertNull(c.entity());

      server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", elsewhere).build());
      LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
          () -> mode.create(client.resource("books", Book.class), new Book("a", "b")));
      assertEquals(URI.create(elsewhere), e.location());
      assertEquals(0, other.getRequestCount());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void crossOriginLocationWhenAllowedIsFollowedWithoutCredentials(Mode mode) throws Exception {
    client = builder().followCrossOriginLocation(true).build();
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      other.enqueue(json(200, BOOK, "\"x1\""));
      server.enqueue(new MockResponse.Builder().code(201)
          .addHeader("Location", other.url("/books/1").toString()).build());
      ApiRequest post = ApiRequest.post("books").body(BOOK).credentialHeader("X-Api-Key", "k-123")
          .header("Cookie", "session=abc");
      ApiResponse<Book> r = mode.send(client, post, Book.class);
      assertEquals("Dune",
          assertInstanceOf(ApiResponse.Created.class, r).entity().body() instanceof Book b
              ? b.title() : null);
      RecordedRequest followed = other.takeRequest();
      assertNull(followed.getHeaders().get("Authorization"));
      assertNull(followed.getHeaders().get("Cookie"));
      assertNull(followed.getHeaders().get("X-Api-Key"));
      RecordedRequest original = take();
      assertEquals("Bearer " + TOKEN, original.getHeaders().get("Authorization"));
      assertEquals("k-123", original.getHeaders().get("X-Api-Key"));
    }
  }

  // ---- 204

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noContent204(Mode mode) throws Exception {
    server.enqueue(status(204));
    mode.delete(client.resource("books", Book.class), "42");
    assertEquals("DELETE", take().getMethod());
    server.enqueue(status(204));
    Entity<Book> r = mode.update(client.resource("books", Book.class), "42", new Book("a", "b"));
    assertEquals(204, r.status());
    assertEquals(new Book("a", "b"), r.body(), "a 204's entity holds the value sent");
  }

  // ---- 304

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModified304IsAnsweredFromTheCacheAsRevalidated(Mode mode) throws Exception {
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    assertFalse(mode.getEntity(books, "1").revalidated());
    Entity<Book> again = mode.getEntity(books, "1");
    assertTrue(again.revalidated());
    assertEquals("Dune", again.body().title());
    assertEquals(ETag.strong("v1"), again.etag());
    assertNull(take().getHeaders().get("If-None-Match"));
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModified304ForTheCallersOwnIfNoneMatch(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "W/\"v3\"").build());
    ApiResponse<Book> r = mode.send(client,
        ApiRequest.get("books/1").ifNoneMatch(ETag.weak("v3")), Book.class);
    assertInstanceOf(ApiResponse.NotModified.class, r);
    ApiResponse.NotModified<Book> nm = (ApiResponse.NotModified<Book>) r;
    assertEquals(ETag.weak("v3"), nm.etag());
    assertEquals("W/\"v3\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unpromptedNotModifiedIsAViolation(Mode mode) {
    server.enqueue(status(304));
    assertThrows(ApiException.ContractViolation.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
  }

  // ---- 400

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badRequest400CarriesTheParsedError(Mode mode) {
    server.enqueue(json(400,
        "{\"code\":400,\"type\":\"Bad Request\",\"message\":\"title is required\"}"));
    ApiException.BadRequest e = assertThrows(ApiException.BadRequest.class,
        () -> mode.create(client.resource("books", Book.class), new Book("", "x")));
    assertEquals(new ApiError(400, "Bad Request", "title is required"), e.error().orElseThrow());
    assertEquals("POST " + url("books") + " → 400 Bad Request: title is required", e.getMessage());
    assertEquals(400, e.status());
    assertEquals("POST", e.method());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badRequest400WithProblemDetails(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(400)
        .addHeader("Content-Type", "application/problem+json")
        .body("{\"type\":\"about:blank\",\"status\":400,\"title\":\"Invalid\","
            + "\"detail\":\"isbn malformed\"}").build());
    ApiException.BadRequest e = assertThrows(ApiException.BadRequest.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(new ApiError(400, "Invalid", "isbn malformed"), e.error().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badRequest400WithOnlyAMessage(Mode mode) {
    server.enqueue(json(400, "{\"message\":\"nope\",\"extra\":[1,2]}"));
    ApiException.BadRequest e = assertThrows(ApiException.BadRequest.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(new ApiError(400, "Bad Request", "nope"), e.error().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void badRequest400WithTextOrEmptyOrHugeBody(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(400)
        .addHeader("Content-Type", "text/plain").body("plain words").build());
    ApiException.BadRequest text = assertThrows(ApiException.BadRequest.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertTrue(text.error().isEmpty());
    assertEquals("plain words", text.errorBody().orElseThrow());
    assertEquals("POST " + url("books") + " → 400 Bad Request", text.getMessage());

    server.enqueue(status(400));
    ApiException.BadRequest empty = assertThrows(ApiException.BadRequest.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertTrue(empty.error().isEmpty());
    assertTrue(empty.errorBody().isEmpty());

    server.enqueue(new MockResponse.Builder().code(400).body("x".repeat(1 << 20)).build());
    ApiException.BadRequest huge = assertThrows(ApiException.BadRequest.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(64 << 10, huge.errorBody().orElseThrow().length());
  }

  // ---- 401, 403, 404, 409, 412, 500

  @ParameterizedTest
  @EnumSource(Mode.class)
  void unauthorized401(Mode mode) {
    server.enqueue(status(401));
    ApiException.Unauthorized e = assertThrows(ApiException.Unauthorized.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals("GET " + url("books/1") + " → 401 Unauthorized", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void forbidden403(Mode mode) {
    server.enqueue(json(403, "{\"code\":403,\"type\":\"Forbidden\",\"message\":\"read-only\"}"));
    ApiException.Forbidden e = assertThrows(ApiException.Forbidden.class,
        () -> mode.delete(client.resource("books", Book.class), "1"));
    assertEquals("read-only", e.error().orElseThrow().message());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notFound404EvictsTheCachedEntry(Mode mode) throws Exception {
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(404));
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books, "1");
    ApiException.NotFound e = assertThrows(ApiException.NotFound.class, () -> mode.get(books, "1"));
    assertEquals(404, e.status());
    mode.get(books, "1");
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"), "the 404 evicted the entry");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void conflict409CarriesTheErrorBody(Mode mode) {
    server.enqueue(json(409,
        "{\"code\":409,\"type\":\"Conflict\",\"message\":\"author has books\"}"));
    ApiException.Conflict e = assertThrows(ApiException.Conflict.class,
        () -> mode.delete(client.resource("authors", Book.class), "1"));
    assertEquals("DELETE " + url("authors/1") + " → 409 Conflict: author has books",
        e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void preconditionFailed412NamesTheEtagSent(Mode mode) throws Exception {
    server.enqueue(json(412, "{\"code\":412,\"type\":\"Precondition Failed\","
        + "\"message\":\"changed by someone else\"}"));
    Entity<Book> stale = new Entity<>(new Book("a", "b"), ETag.strong("v1"), 200,
        okhttp3.Headers.of(), URI.create(url("books/42")), false);
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.update(client.resource("books", Book.class), stale));
    assertEquals(ETag.strong("v1"), e.sentEtag().orElseThrow());
    assertEquals("PUT " + url("books/42") + " → 412 Precondition Failed: changed by someone else",
        e.getMessage());
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void internalServerError500CarriesTheParsedError(Mode mode) {
    always(json(500, "{\"code\":500,\"type\":\"Internal Server Error\","
        + "\"message\":\"Unable to communicate with database\"}"));
    ApiException.InternalServerError e = assertThrows(ApiException.InternalServerError.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(new ApiError(500, "Internal Server Error", "Unable to communicate with database"),
        e.error().orElseThrow());
    assertEquals("POST " + url("books")
        + " → 500 Internal Server Error: Unable to communicate with database", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void otherCodesAreTheGeneralKind(Mode mode) {
    server.enqueue(status(418));
    ApiException.Other teapot = assertThrows(ApiException.Other.class,
        () -> mode.send(client, ApiRequest.post("tea"), Void.class));
    assertEquals(418, teapot.status());
    assertEquals("POST " + url("tea") + " → 418 I'm a teapot", teapot.getMessage());
    assertFalse(teapot.isRetryable());

    always(new MockResponse.Builder().code(502).status("HTTP/1.1 502").build());
    ApiException.Other badGateway = assertThrows(ApiException.Other.class,
        () -> mode.send(client, ApiRequest.post("tea"), Void.class));
    assertEquals(502, badGateway.status());
    assertTrue(badGateway.isRetryable());
    assertEquals("POST " + url("tea") + " → 502 Bad Gateway", badGateway.getMessage());
  }

  // ---- 429 and 503: "retryable and honour Retry-After"

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tooManyRequestsAndServiceUnavailableAreTypedAndSayWhenToComeBack(Mode mode) {
    String date = "Fri, 02 Jan 2026 03:04:05 GMT";
    always(new MockResponse.Builder().code(429).addHeader("Date", date)
        .addHeader("Retry-After", "3600").build());
    ApiException.TooManyRequests slow = assertThrows(ApiException.TooManyRequests.class,
        () -> mode.send(client, ApiRequest.post("tea"), Void.class));
    assertEquals(429, slow.status());
    assertTrue(slow.isRetryable());
    assertEquals(java.util.Optional.of(java.time.Duration.ofHours(1)), slow.retryAfter());
    assertEquals(java.util.Optional.of(java.time.Instant.parse("2026-01-02T04:04:05Z")),
        slow.retryAt());
    assertEquals("POST " + url("tea") + " → 429 Too Many Requests: retry after 3600 s"
        + " (at 2026-01-02T04:04:05Z)", slow.getMessage());

    always(new MockResponse.Builder().code(503).status("HTTP/1.1 503").build());
    ApiException.ServiceUnavailable down = assertThrows(ApiException.ServiceUnavailable.class,
        () -> mode.send(client, ApiRequest.post("tea"), Void.class));
    assertEquals(503, down.status());
    assertTrue(down.isRetryable());
    assertEquals(java.util.Optional.empty(), down.retryAfter());
    assertEquals(java.util.Optional.empty(), down.retryAt());
    assertEquals("POST " + url("tea") + " → 503 Service Unavailable", down.getMessage());
  }

  // ---- bodies the contract says are empty

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bodyOn404IsToleratedWhenLenientAndAViolationWhenStrict(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(404).body("gone").build());
    assertThrows(ApiException.NotFound.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    client = builder().contractMode(ContractMode.STRICT).build();
    server.enqueue(new MockResponse.Builder().code(404).body("gone").build());
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals("404 with a body (4 bytes)", v.violation());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void bodyOn201IsAViolationWhenStrict(Mode mode) {
    client = builder().contractMode(ContractMode.STRICT).build();
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/1")
        .body("{}").build());
    assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(client.resource("books", Book.class), new Book("a", "b")));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void rawStackTraceIsAViolationWhenStrictAndNeverInTheMessage(Mode mode) {
    String trace = "java.lang.IllegalStateException: pool exhausted\n"
        + "\tat com.example.Db.connect(Db.java:42)\n\tat com.example.Api.handle(Api.java:7)\n";
    always(new MockResponse.Builder().code(500).body(trace).build());
    ApiException.InternalServerError lenient = assertThrows(ApiException.InternalServerError.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals("POST " + url("books") + " → 500 Internal Server Error", lenient.getMessage());
    client = builder().contractMode(ContractMode.STRICT).build();
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals("500 with a raw stack trace in the body", v.violation());
    assertFalse(v.getMessage().contains("Db.java"));
  }

  // ---- malformed success bodies and headers

  @ParameterizedTest
  @EnumSource(Mode.class)
  void malformedJsonIn200IsADecodeExceptionNamingTheType(Mode mode) {
    server.enqueue(json(200, "{\"title\": "));
    DecodeException e = assertThrows(DecodeException.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals(200, e.status());
    assertEquals(Book.class, e.targetType());
    assertTrue(e.getMessage().startsWith("GET " + url("books/1") + " → 200 OK: cannot decode the"
        + " body as io.restsdk.core.Book: "), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void htmlIn200IsNotDecodedAsJson(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("Content-Type", "text/html")
        .body("<html></html>").build());
    DecodeException e = assertThrows(DecodeException.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertTrue(e.getMessage().endsWith("the body is text/html, not JSON"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void oversizedBodyIsRefused(Mode mode) {
    client = builder().maxBodyBytes(1000).build();
    server.enqueue(json(200, "{\"title\":\"" + "x".repeat(5000) + "\",\"author\":\"a\"}", "\"v\""));
    DecodeException e = assertThrows(DecodeException.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertTrue(e.getMessage().contains("exceeds 1000 bytes"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void garbageEtagIsTreatedAsAbsentAndNotCached(Mode mode) throws Exception {
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "v1-unquoted"));
    server.enqueue(json(200, BOOK, "\"ok\" trailing"));
    server.enqueue(json(200, BOOK));
    assertNull(mode.getEntity(books, "1").etag());
    assertNull(mode.getEntity(books, "1").etag());
    mode.get(books, "1");
    for (int i = 0; i < 3; i++) assertNull(take().getHeaders().get("If-None-Match"));
    assertEquals(0, client.etagCache().stats().stores());
  }

  // ---- transport

  @ParameterizedTest
  @EnumSource(Mode.class)
  void refusedConnectionIsATransportExceptionThatDidNotReachTheServer(Mode mode) {
    int port = server.getPort();
    server.close();
    client = builder().baseUrl("http://127.0.0.1:" + port + "/v1/").build();
    TransportException e = assertThrows(TransportException.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(TransportException.Kind.CONNECT, e.kind());
    assertFalse(e.mayHaveReachedServer());
    assertTrue(e.getMessage().startsWith("POST http://127.0.0.1:" + port
        + "/v1/books: connection failed (the request was not sent)"), e.getMessage());
  }
}
