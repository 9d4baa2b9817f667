package io.restsdk.examples;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.testkit.MockApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class RetryAwareExampleTest {
  @Test
  void honoursRetryAfterRetriesKeyedPostsOnlyAndOpensTheCircuit() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    try (MockApiServer server = MockApiServer.builder()
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build()) {

      RetryAwareExample.Outcome outcome =
          RetryAwareExample.run(server, new PrintStream(printed, true, UTF_8));

      String output = printed.toString(UTF_8);
      System.out.print(output);
      assertEquals(Duration.ofSeconds(1), outcome.retryAfterDelay(), output);
      assertEquals(2, outcome.keyedPostAttempts(), output);
      assertEquals(1, outcome.unkeyedPostAttempts(), output);
      assertEquals(List.of(GiveUpReason.NOT_SAFE_TO_RETRY, GiveUpReason.CIRCUIT_OPEN,
          GiveUpReason.CIRCUIT_OPEN), outcome.giveUps().subList(0, 3), output);
      assertEquals(0, outcome.sentWhileOpen(), output);
      assertTrue(outcome.recovered(), output);

      // The seeded book and the keyed POST's, once despite its retry; the plain POST's 500 was
      // scripted to answer instead of the server, so it created nothing.
      assertEquals(2, server.collection("books").size());
      assertThat(server).received("POST", "books").withHeader("Idempotency-Key").times(2);
      assertThat(server).received("POST", "books").withoutHeader("Idempotency-Key").once();
      assertTrue(output.contains("   retry: GET /v1/books/1 attempt 1 failed (503 ServiceUnavailable), "
          + "next attempt in 1000 ms"), output);
      assertTrue(output.contains("   gave up: POST /v1/books after 1 attempt(s): NOT_SAFE_TO_RETRY"),
          output);
    }
  }
}
