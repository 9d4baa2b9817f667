package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Scripted failures and deliberate contract violations. */
class FaultsTest {
  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .collection("books", c -> c.put("1", "{\"title\":\"" + "x".repeat(1000) + "\"}"))
        .collection("authors", c -> c.put("1", "{}"))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void failNextAnswersTheScriptedStatusThenTheRealResponse() throws Exception {
    ScriptedFault fault = server.faults().failNext(2, "GET", "books/1", 503).withRetryAfter("1");
    for (int i = 0; i < 2; i++) {
      Http.Result result = Http.request(server, "GET", "books/1").send();
      assertErrorBody(result, 503);
      assertEquals("1", result.header("Retry-After"));
    }
    assertEquals(200, Http.request(server, "GET", "books/1").send().code());
    assertEquals(0, fault.remaining());
    assertEquals(2, fault.applied());
    assertTrue(server.faults().pending().isEmpty());
    assertEquals("status 503", server.requests().get(0).fault());
    assertNull(server.requests().get(2).fault());
  }

  @Test
  void onlyMatchingRequestsAreHit() {
    server.faults().failNext(1, "GET", "authors/*", 503);
    assertEquals(200, Http.request(server, "GET", "books/1").send().code());
    assertEquals(200, Http.request(server, "GET", "authors").send().code());
    assertEquals(1, server.faults().pending().size());
    assertEquals(503, Http.request(server, "GET", "authors/1").send().code());

    server.faults().failNext(1, "DELETE", "/v1/books/1", 500);
    assertEquals(200, Http.request(server, "GET", "books/1").send().code());
    assertEquals(500, Http.request(server, "DELETE", "books/1").send().code());
  }

  @Test
  void scripted500HasTheSanitizedBody() throws Exception {
    server.faults().failNext(1, 500);
    Http.Result result = Http.request(server, "GET", "books/1").send();
    JsonNode body = new ObjectMapper().readTree(result.body());
    assertEquals(500, body.get("code").asInt());
    assertEquals("Internal Server Error", body.get("type").asText());
    assertErrorBody(result, 500);
  }

  @Test
  void scriptedStatusesFollowTheBodyRulesOfTheContract() {
    server.faults().failNext(1, 404);
    server.faults().failNext(1, 401);
    assertEquals("", Http.request(server, "GET", "books/1").send().body());
    Http.Result unauthorized = Http.request(server, "GET", "books/1").send();
    assertEquals(401, unauthorized.code());
    assertEquals("", unauthorized.body());
  }

  @Test
  void aScriptedFailureDoesNotProcessTheRequest() {
    server.faults().failNext(1, "POST", "books", 503);
    assertEquals(503, Http.request(server, "POST", "books").body("{}").send().code());
    assertEquals(1, server.collection("books").size());
  }

  @Test
  void closeSocketBeforeResponseFailsTheCallWithIOException() {
    server.faults().closeSocketBeforeResponse(1, "POST", "books");
    assertThrows(IOException.class, () -> Http.request(server, "POST", "books").body("{}").sendOrThrow());
    assertEquals(1, server.collection("books").size(), "not processed by default");
    RecordedCall call = server.takeRequest();
    assertEquals(0, call.status());
    assertEquals("close socket before response", call.fault());
    assertEquals(201, Http.request(server, "POST", "books").body("{}").send().code());
  }

  @Test
  void closeSocketBeforeResponseAfterProcessingLosesTheAnswerButNotTheWrite() {
    String etag = server.collection("books").etag("1");
    server.faults().closeSocketBeforeResponse(1, "PUT", "books/1").afterProcessing();
    assertThrows(IOException.class, () ->
        Http.request(server, "PUT", "books/1").header("If-Match", etag).body("{\"title\":\"new\"}").sendOrThrow());
    assertEquals("new", server.collection("books").get("1").get("title").asText());
    // The naive retry now fails the precondition.
    assertEquals(412, Http.request(server, "PUT", "books/1").header("If-Match", etag).body("{}").send().code());
  }

  @Test
  void closeSocketMidBodyBreaksTheBody() {
    server.faults().closeSocketMidBody(1, "GET", "books/1");
    assertThrows(IOException.class, () -> Http.request(server, "GET", "books/1").sendOrThrow());
    assertEquals(200, server.takeRequest().status());
  }

  @Test
  void stallNeverAnswersAndDoesNotBlockShutdown() {
    server.faults().stall(1, Faults.ANY, Faults.ANY);
    OkHttpClient impatient = Http.CLIENT.newBuilder().readTimeout(Duration.ofMillis(300)).build();
    assertThrows(InterruptedIOException.class, () -> Http.request(server, "GET", "books/1").client(impatient).sendOrThrow());
    assertEquals(0, server.takeRequest().status());
    assertTimeoutPreemptively(Duration.ofSeconds(10), server::close);
  }

  @Test
  void stallWithAPendingCallDoesNotBlockShutdown() throws Exception {
    server.faults().stall(1, "GET", "books/1");
    okhttp3.Call call = Http.CLIENT.newCall(Http.request(server, "GET", "books/1").build());
    java.util.concurrent.CompletableFuture<Throwable> failure = new java.util.concurrent.CompletableFuture<>();
    call.enqueue(new okhttp3.Callback() {
      @Override
      public void onFailure(okhttp3.Call c, IOException e) {
        failure.complete(e);
      }

      @Override
      public void onResponse(okhttp3.Call c, okhttp3.Response response) {
        response.close();
        failure.complete(new AssertionError("unexpected response " + response.code()));
      }
    });
    server.takeRequest(); // the request arrived and is stalled
    assertTimeoutPreemptively(Duration.ofSeconds(10), server::close);
    assertTrue(failure.get(10, java.util.concurrent.TimeUnit.SECONDS) instanceof IOException);
  }

  @Test
  void throttleSlowsTheBodyDown() {
    server.faults().throttle(1, "GET", "books/1", 200, Duration.ofMillis(50));
    long start = System.nanoTime();
    Http.Result result = Http.request(server, "GET", "books/1").send();
    long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
    assertEquals(200, result.code());
    assertTrue(result.body().length() > 1000);
    assertTrue(elapsedMillis >= 200, "a body of >1000 bytes at 200 bytes per 50 ms took " + elapsedMillis + " ms");
  }

  @Test
  void delayHoldsTheResponseBack() {
    server.faults().delay(1, "GET", "books/1", Duration.ofMillis(300));
    long start = System.nanoTime();
    assertEquals(200, Http.request(server, "GET", "books/1").send().code());
    assertTrue((System.nanoTime() - start) / 1_000_000 >= 300);
  }

  @Test
  void violationCreatedWithoutLocation() {
    server.faults().createdWithoutLocation(1, "books");
    Http.Result result = Http.request(server, "POST", "books").body("{}").send();
    assertEquals(201, result.code());
    assertNull(result.header("Location"));
    assertEquals(2, server.collection("books").size(), "the item is still created");
  }

  @Test
  void violationCreatedWithBodySendsTheCreatedItemAsAGetWouldAnswerIt() {
    server.faults().createdWithBody(1, "books");
    Http.Result result = Http.request(server, "POST", "books").body("{\"title\":\"Dune\"}").send();
    assertEquals(201, result.code());
    assertEquals("application/json", result.header("Content-Type"));
    String location = result.header("Location");
    Http.Result read = Http.request(server, "GET", location.substring(server.baseUrl().length())).send();
    assertEquals(read.body(), result.body());
    assertEquals(read.header("ETag"), result.header("ETag"));
    assertTrue(result.body().contains("\"title\":\"Dune\""), result.body());
  }

  @Test
  void violationNotModifiedWithoutPriorEtag() {
    server.faults().notModifiedWithoutEtag(1, "books/1");
    Http.Result result = Http.request(server, "GET", "books/1").send();
    assertEquals(304, result.code());
    assertNull(result.header("ETag"));
  }

  @Test
  void violationRawStackTrace() {
    server.faults().rawStackTrace(1, Faults.ANY, "books/1");
    Http.Result result = Http.request(server, "GET", "books/1").send();
    assertEquals(500, result.code());
    assertTrue(result.header("Content-Type").startsWith("text/plain"));
    assertTrue(result.body().startsWith("java.lang.NullPointerException"));
    assertTrue(result.body().contains("\tat "));
  }

  @Test
  void faultsAreAppliedInScriptingOrderAndCanBeCleared() {
    server.faults().failNext(1, "GET", "books/1", 502);
    server.faults().failNext(1, "GET", "books/1", 503);
    server.faults().failNext(5, 504);
    assertEquals(502, Http.request(server, "GET", "books/1").send().code());
    assertEquals(503, Http.request(server, "GET", "books/1").send().code());
    assertEquals(504, Http.request(server, "GET", "books/1").send().code());
    server.faults().clear();
    assertEquals(200, Http.request(server, "GET", "books/1").send().code());
  }

  @Test
  void invalidScriptsAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> server.faults().failNext(0, 503));
    assertThrows(IllegalArgumentException.class, () -> server.faults().failNext(1, 99));
    assertThrows(IllegalArgumentException.class,
        () -> server.faults().throttle(1, "GET", "books", 0, Duration.ofMillis(1)));
  }
}
