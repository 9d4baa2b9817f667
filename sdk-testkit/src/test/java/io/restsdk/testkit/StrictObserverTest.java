package io.restsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The strict observer reports client writes that are not lost-update-safe. */
class StrictObserverTest {
  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder().strictObserver(true)
        .collection("books", c -> c.put("1", "{\"title\":\"Dune\"}").put("2", "{}"))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void writeWithoutIfMatchAfterAReadIsReported() {
    Http.request(server, "GET", "books/1").send();
    Http.request(server, "PUT", "books/1").body("{\"title\":\"blind\"}").send();
    assertEquals(1, server.clientViolations().size());
    ClientViolation violation = server.clientViolations().get(0);
    assertEquals(ClientViolation.WRITE_WITHOUT_IF_MATCH, violation.rule());
    assertEquals("PUT", violation.method());
    assertEquals("/v1/books/1", violation.path());
    AssertionError error = assertThrows(AssertionError.class, server::assertNoClientViolations);
    assertTrue(error.getMessage().contains("without If-Match"), error.getMessage());
  }

  @Test
  void conditionalWritesAreFine() {
    String etag = Http.request(server, "GET", "books/1").send().etag();
    String next = Http.request(server, "PATCH", "books/1").header("If-Match", etag).body("{\"y\":1}").send().etag();
    Http.request(server, "DELETE", "books/1").header("If-Match", next).send();
    server.assertNoClientViolations();
    ServerAssertions.assertThat(server).hasNoClientViolations();
  }

  @Test
  void writesToResourcesNeverReadOrReadByAnotherTokenAreNotReported() {
    Http.request(server, "GET", "books/2").token(server.readOnlyToken()).send();
    Http.request(server, "PUT", "books/2").body("{}").send();
    Http.request(server, "DELETE", "books/1").send();
    server.assertNoClientViolations();
  }

  @Test
  void offByDefault() {
    try (MockApiServer plain = MockApiServer.builder().collection("books", c -> c.put("1", "{}")).build()) {
      Http.request(plain, "GET", "books/1").send();
      Http.request(plain, "PUT", "books/1").body("{}").send();
      assertTrue(plain.clientViolations().isEmpty());
      assertThrows(IllegalStateException.class, plain::assertNoClientViolations);
    }
  }
}
