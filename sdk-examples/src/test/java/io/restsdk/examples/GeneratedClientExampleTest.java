package io.restsdk.examples;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.testkit.MockApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

class GeneratedClientExampleTest {
  @Test
  void theGeneratedClientCreatesRevalidatesIsRefusedWhenStalePagesAndDeletes() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (MockApiServer server = GeneratedClientExample.server()) {
      GeneratedClientExample.Outcome o =
          GeneratedClientExample.run(server, new PrintStream(printed, true, UTF_8));

      assertEquals("1", o.bookId());
      assertTrue(o.revalidated(), printed.toString(UTF_8));
      assertTrue(o.staleWriteRefused(), printed.toString(UTF_8));
      assertEquals(List.of("The Dispossessed (2nd ed.)", "The Lathe of Heaven",
          "Always Coming Home"), o.titles());
      assertTrue(o.deletedThenMissing());
      assertThat(server).received("GET", "books/1").withStatus(304).times(1);
      assertThat(server).received("PUT", "books/1").withStatus(412).times(1);
      // Three books, two a page: the lazy stream asked for exactly two pages.
      assertEquals(2, server.requests().stream()
          .filter(c -> c.method().equals("GET") && c.path().endsWith("/books")).count(),
          server.requests().toString());
      assertEquals(2, server.collection("books").size());
    }
  }
}
