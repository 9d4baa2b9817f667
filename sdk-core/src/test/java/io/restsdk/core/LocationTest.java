package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a 201 Created leads to: the created entity, or an outcome that says the resource was
 * created; and what a success without the body a read or create needs leads to.
 */
class LocationTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private static MockResponse created(String location) {
    return new MockResponse.Builder().code(201).addHeader("Location", location).build();
  }

  // ---- a created resource that cannot be read back

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createWhoseReadBackIs404SaysTheResourceWasCreated(Mode mode) throws Exception {
    server.enqueue(created("books/7"));
    server.enqueue(status(404));
    LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    assertEquals(URI.create(url("books/7")), e.location());
    assertEquals("POST " + url("books") + " → 201 Created: the resource was created at "
        + url("books/7") + ", but reading it back failed: GET " + url("books/7")
        + " → 404 Not Found", e.getMessage());
    ApiException.NotFound cause = assertInstanceOf(ApiException.NotFound.class, e.getCause());
    assertEquals(url("books/7"), cause.url());
    assertEquals(2, server.getRequestCount(), "no second POST");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createWhoseReadBackIs403SaysTheResourceWasCreated(Mode mode) {
    server.enqueue(created("books/7"));
    server.enqueue(status(403));
    LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    assertInstanceOf(ApiException.Forbidden.class, e.getCause());
    assertEquals(URI.create(url("books/7")), e.location());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createWhoseReadBackCannotBeDecodedSaysTheResourceWasCreated(Mode mode) {
    server.enqueue(created("books/7"));
    server.enqueue(json(200, "{not json"));
    LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    assertInstanceOf(DecodeException.class, e.getCause());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createWhoseReadBackTimesOutSaysTheResourceWasCreated(Mode mode) {
    client = builder().retryOptions(RetryOptions.none())
        .readTimeout(java.time.Duration.ofMillis(200)).build();
    server.enqueue(created("books/7"));
    server.enqueue(new MockResponse.Builder().code(200)
        .headersDelay(2, java.util.concurrent.TimeUnit.SECONDS).body(BOOK).build());
    LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    TransportException t = assertInstanceOf(TransportException.class, e.getCause());
    assertEquals(TransportException.Kind.TIMEOUT, t.kind());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sendFollowingLocationWhoseReadBackFailsSaysTheResourceWasCreated(Mode mode) {
    server.enqueue(created(url("books/8")));
    server.enqueue(status(404));
    LocationNotFollowedException e = assertThrows(LocationNotFollowedException.class,
        () -> mode.send(client, ApiRequest.post("books").body(BOOK), Book.class));
    assertEquals(URI.create(url("books/8")), e.location());
    assertInstanceOf(ApiException.NotFound.class, e.getCause());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aFailureBeforeThe201IsNotWrapped(Mode mode) {
    server.enqueue(status(409));
    assertThrows(ApiException.Conflict.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
  }

  // ---- Location values

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLocationThatIsNoUriReferenceIsAViolationWithoutAFollowUp(Mode mode) {
    server.enqueue(created("::::"));
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    assertEquals("201 with a Location that is not a URI reference"
        + " (the POST succeeded; the resource was not read back)", v.violation());
    assertEquals(201, v.status());
    assertEquals(1, server.getRequestCount(), "no GET of a made-up URL");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSendWithALocationThatIsNoUriReferenceIsCreatedWithoutLocationWhenLenient(Mode mode) {
    server.enqueue(created("books/a b"));
    ApiResponse<Book> r = mode.send(client, ApiRequest.post("books").body(BOOK), Book.class);
    assertInstanceOf(ApiResponse.Created.class, r);
    ApiResponse.Created<Book> c = (ApiResponse.Created<Book>) r;
    assertNull(c.location());
    assertNull(c.entity());
    assertEquals(1, server.getRequestCount());
  }

  // ---- the created entity

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theCreatedEntityReportsStatus201AndCarriesTheReadBack(Mode mode) {
    server.enqueue(created("books/7"));
    server.enqueue(json(200, BOOK, "\"v7\""));
    Entity<Book> e = mode.create(books(), new Book("Dune", "Herbert"));
    assertEquals(201, e.status());
    assertEquals(ETag.strong("v7"), e.etag());
    assertEquals("Dune", e.body().title());
    assertEquals(URI.create(url("books/7")), e.location());
    assertEquals("\"v7\"", e.headers().get("ETag"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theGetOfLocationIsRedirectedUnderTheSameOriginRule(Mode mode) throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      server.enqueue(created("books/7"));
      server.enqueue(new MockResponse.Builder().code(302)
          .addHeader("Location", other.url("/replica/books/7").toString()).build());
      other.enqueue(json(200, BOOK, "\"r7\""));
      Entity<Book> e = mode.create(books(), new Book("Dune", "Herbert"));
      assertEquals(201, e.status());
      assertEquals(URI.create(other.url("/replica/books/7").toString()), e.location());
      take();
      assertEquals("Bearer " + TOKEN, take().getHeaders().get("Authorization"));
      RecordedRequest replica = other.takeRequest();
      assertNull(replica.getHeaders().get("Authorization"));
    }
  }

  // ---- a success without the body a read or create needs

  @ParameterizedTest
  @ValueSource(ints = {201, 202, 204, 205})
  void aGetAnsweredWithoutABodyIsAContractViolation(int code) {
    for (Mode mode : Mode.values()) {
      server.enqueue(new MockResponse.Builder().code(code).addHeader("Location", "books/1")
          .build());
      ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
          () -> mode.get(books(), "1"));
      String phrase = io.restsdk.core.internal.ReasonPhrases.of(code);
      assertEquals("expected 200 with a body, got " + code + " " + phrase, v.violation());
      assertEquals("GET " + url("books/1") + " → " + code + " " + phrase
          + ": contract violation: expected 200 with a body, got " + code + " " + phrase,
          v.getMessage());
    }
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @ValueSource(ints = {204, 205})
  void aCreateAnsweredWithoutABodyIsAContractViolation(int code) {
    for (Mode mode : Mode.values()) {
      server.enqueue(status(code));
      ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
          () -> mode.create(books(), new Book("Dune", "Herbert")));
      assertEquals("expected 201 Created with Location, got " + code + " "
          + io.restsdk.core.internal.ReasonPhrases.of(code)
          + " (the POST succeeded; there is nothing to read back)", v.violation());
    }
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreateAnswered202IsAcceptedNotCreated(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(202).addHeader("Location", "queue/5")
        .build());
    ApiException.ContractViolation v = assertThrows(ApiException.ContractViolation.class,
        () -> mode.create(books(), new Book("Dune", "Herbert")));
    assertEquals("expected 201 Created, got 202 Accepted: the request was accepted, the resource"
        + " is not created yet (Location " + url("queue/5") + ")", v.violation());
    assertEquals(202, v.status());
    assertEquals("queue/5", v.headers().get("Location"));
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aSendAnsweredWithoutABodyIsStillNoContent() {
    server.enqueue(status(204));
    assertInstanceOf(ApiResponse.NoContent.class,
        client.send(ApiRequest.get("books/1"), Book.class));
  }
}
