package io.restsdk.examples;

import static io.restsdk.testkit.ServerAssertions.assertThat;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class AsyncExampleTest {
  @RegisterExtension
  static MockApiServerExtension api = MockApiServerExtension.configure(b -> b
      .collection("authors", c -> c.unique("email"))
      .collection("books", c -> c.reference("author", "authors")));

  @Test
  void createsReadsModifiesAndHandlesA404WithoutBlocking(MockApiServer server, RestClient client)
      throws Exception {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    AsyncExample.Summary summary = AsyncExample.run(client, new PrintStream(printed, true, UTF_8))
        .get(30, TimeUnit.SECONDS);

    assertEquals(List.of("Kindred", "Dawn", "Parable of the Sower"), summary.titles());
    assertEquals("Kindred (1979)", summary.retitled());
    assertTrue(summary.notFoundHandled());
    assertEquals(3, server.collection("books").size());
    String output = printed.toString(UTF_8);
    assertTrue(output.contains("read \"Dawn\" (revalidated from the cache)"), output);
    assertTrue(output.contains("reading book 987654321: GET " + server.baseUrl()
        + "books/987654321 → 404 Not Found"), output);
    assertThat(server).received("POST", "books").withStatus(201).times(3);
    assertThat(server).received("PUT", "books/*").withHeader("If-Match").once();
  }

  @Test
  void mainRunsAgainstItsOwnFakeServer() throws Exception {
    AsyncExample.main(new String[0]);
  }
}
