package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.ETag;
import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import io.restsdk.core.TransportException;
import java.net.URI;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 412 or 409 after a lost response may be the echo of the call's own earlier attempt; a
 * re-read tells it from a real conflict.
 */
@Timeout(20)
class OutcomeCheckTest extends RetryFixture {
  private static final String CURRENT =
      "{\"title\":\"Dune\",\"author\":\"Herbert\",\"updatedAt\":\"2026-01-01\"}";

  private static MockResponse lost() {
    return new MockResponse.Builder().onResponseStart(new SocketEffect.CloseSocket()).build();
  }

  private static ApiRequest conditionalPut() {
    return ApiRequest.put("books/1").body(new Book("Dune", "Herbert")).ifMatch(ETag.strong("v1"));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aPutWhoseLostAttemptSucceededIsReportedAsSuccess(boolean async) throws Exception {
    server.enqueue(lost());
    server.enqueue(json(412, "{\"code\":412,\"type\":\"Precondition Failed\",\"message\":\"x\"}"));
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v2\"")
        .addHeader("Content-Type", "application/json").body(CURRENT).build());
    ApiResponse<Book> r = send(async, client, conditionalPut(), Book.class);
    assertInstanceOf(ApiResponse.Ok.class, r);
    ApiResponse.Ok<Book> ok = (ApiResponse.Ok<Book>) r;
    assertEquals(new Book("Dune", "Herbert"), ok.body());
    assertEquals(ETag.strong("v2"), ok.etag().orElseThrow());
    take();
    take();
    var reread = take();
    assertEquals("GET", reread.getMethod());
    assertEquals(null, reread.getHeaders().get("If-Match"));
    assertEquals("Bearer " + TOKEN, reread.getHeaders().get("Authorization"));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRealConflictStillRaisesPreconditionFailed(boolean async) {
    server.enqueue(lost());
    server.enqueue(status(412));
    server.enqueue(json(200, "{\"title\":\"Someone else's\",\"author\":\"Herbert\"}"));
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> send(async, client, conditionalPut(), Book.class));
    assertEquals(3, server.getRequestCount());
    assertEquals(2, e.attempts());
    assertInstanceOf(TransportException.class, e.getSuppressed()[0]);
  }

  @Test
  void a412WithoutALostResponseIsNotChecked() {
    server.enqueue(status(412));
    assertThrows(ApiException.PreconditionFailed.class,
        () -> client.send(conditionalPut(), Book.class));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aDeleteWhoseLostAttemptSucceededIsNoContent(boolean async) {
    server.enqueue(lost());
    server.enqueue(status(412));
    server.enqueue(status(404));
    ApiResponse<Void> r = send(async, client,
        ApiRequest.delete("books/1").ifMatch(ETag.strong("v1")), Void.class);
    assertEquals(204, assertInstanceOf(ApiResponse.NoContent.class, r).status());
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(ints = {404, 410})
  void aDeleteRetriedIntoNotFoundAfterALostResponseIsNoContent(int gone) throws Exception {
    for (boolean async : new boolean[] {false, true}) {
      server.enqueue(lost());
      server.enqueue(status(gone));
      ApiResponse<Void> r = send(async, client, ApiRequest.delete("books/1"), Void.class);
      assertEquals(204, assertInstanceOf(ApiResponse.NoContent.class, r).status());
      assertEquals("DELETE", take().getMethod());
      assertEquals("DELETE", take().getMethod());
    }
    assertEquals(4, server.getRequestCount(), "no re-read: the 404 is the answer");
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void resourceDeleteRetriedIntoNotFoundAfterALostResponseSucceeds(boolean async) {
    server.enqueue(lost());
    server.enqueue(status(404));
    Resource<Book> books = client.resource("books", Book.class);
    if (async) join(books.async().delete("1"));
    else books.delete("1");
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aDeleteAnswered404WithoutALostResponseIsNotFound(boolean async) {
    server.enqueue(status(404));
    assertThrows(ApiException.NotFound.class,
        () -> send(async, client, ApiRequest.delete("books/1"), Void.class));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void anUpdateWithTheCachesIfMatchWhoseLostAttemptSucceededIsOk(boolean async)
      throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(lost());
    server.enqueue(status(412));
    server.enqueue(json(200, CURRENT, "\"v2\""));
    Resource<Book> books = client.resource("books", Book.class);
    books.get("1");
    Book changed = new Book("Dune", "Herbert");
    Entity<Book> r = async ? join(books.async().update("1", changed))
        : books.update("1", changed);
    assertEquals(200, r.status(), "the re-read's entity");
    assertEquals(ETag.strong("v2"), r.etag());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
    assertEquals("GET", take().getMethod());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aKeyedPostAnswered409WithLocationIsCreatedWhenTheResourceMatches(boolean async) {
    server.enqueue(lost());
    server.enqueue(new MockResponse.Builder().code(409).addHeader("Location", "books/7").build());
    server.enqueue(json(200, CURRENT));
    ApiResponse<Book> r = send(async, client, ApiRequest.post("books")
        .body(new Book("Dune", "Herbert")).idempotencyKey("k-9"), Book.class);
    assertInstanceOf(ApiResponse.Created.class, r);
    ApiResponse.Created<Book> created = (ApiResponse.Created<Book>) r;
    assertEquals(URI.create(url("books/7")), created.location());
  }

  @Test
  void aKeyedPostAnswered409WithoutLocationIsAConflict() {
    server.enqueue(lost());
    server.enqueue(status(409));
    ApiException.Conflict e = assertThrows(ApiException.Conflict.class,
        () -> client.send(ApiRequest.post("books").body(new Book("Dune", "Herbert"))
            .idempotencyKey("k-9"), Book.class));
    assertEquals(2, server.getRequestCount());
    assertEquals(2, e.attempts());
  }
}
