package io.restsdk.testkit;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Recorded requests and the assertion helpers. */
class RecordedTrafficTest {
  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder().collection("books", c -> c.put("1", "{\"title\":\"Dune\"}")).build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void requestsAreRecordedWithMethodPathHeadersBodyAndToken() {
    String etag = server.collection("books").etag("1");
    Http.request(server, "PUT", "books/1?dryRun=false").header("If-Match", etag).body("{\"title\":\"X\"}").send();
    RecordedCall call = server.takeRequest();
    assertEquals("PUT", call.method());
    assertEquals("/v1/books/1", call.path());
    assertEquals("dryRun=false", call.query());
    assertEquals(etag, call.header("if-match"));
    assertEquals("{\"title\":\"X\"}", call.body());
    assertEquals(server.token(), call.token());
    assertEquals(204, call.status());
    assertEquals(1, server.requests().size());
  }

  @Test
  void toStringRedactsTheToken() {
    Http.request(server, "GET", "books/1").send();
    String text = server.requests().get(0).toString();
    assertFalse(text.contains(server.token()), text);
    assertTrue(text.startsWith("GET /v1/books/1 -> 200"), text);
  }

  @Test
  void receivedWithHeaderPassesAndFailsWithAListOfWhatWasReceived() {
    String etag = server.collection("books").etag("1");
    Http.request(server, "GET", "books/1").send();
    Http.request(server, "PUT", "books/1").header("If-Match", etag).body("{\"title\":\"X\"}").send();

    assertThat(server).received("PUT", "/v1/books/1").withHeader("If-Match", etag).once();
    assertThat(server).received("put", "books/1").withJsonBody("{ \"title\" : \"X\" }").withStatus(204);
    assertThat(server).received("GET", "/books/1").withToken(server.token()).withoutHeader("If-Match");
    assertThat(server).received(Faults.ANY, Faults.ANY).times(2);
    assertThat(server).hasReceived(2).didNotReceive("DELETE", Faults.ANY);

    AssertionError missing = assertThrows(AssertionError.class, () -> assertThat(server).received("DELETE", "books/1"));
    assertTrue(missing.getMessage().contains("PUT /v1/books/1 -> 204"), missing.getMessage());
    AssertionError wrongHeader = assertThrows(AssertionError.class,
        () -> assertThat(server).received("PUT", "books/1").withHeader("If-Match", "\"nope\""));
    assertTrue(wrongHeader.getMessage().contains("If-Match: \"nope\""), wrongHeader.getMessage());
    assertThrows(AssertionError.class, () -> assertThat(server).received("GET", "books/1").times(3));
    assertThrows(AssertionError.class, () -> assertThat(server).didNotReceive("GET", "books/*"));
  }

  @Test
  void takeRequestTimesOutWithAnAssertionError() {
    assertThrows(AssertionError.class, () -> server.takeRequest(Duration.ofMillis(50)));
  }

  @Test
  void clearRequestsForgetsHistory() {
    Http.request(server, "GET", "books/1").send();
    server.clearRequests();
    assertTrue(server.requests().isEmpty());
    assertThat(server).hasReceived(0);
  }
}
