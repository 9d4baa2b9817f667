package io.restsdk.testkit.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import io.restsdk.testkit.ServerAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockApiServerExtension.class)
class ParameterInjectionTest {
  RestClient fieldClient;

  @Test
  void serverParameter(MockApiServer server) {
    assertTrue(server.baseUrl().startsWith("http://127.0.0.1:"));
    assertTrue(Probe.listening(server.port()));
  }

  @Test
  void restClientParameterPointsAtTheServerWithAValidToken(RestClient client, MockApiServer server) {
    assertSame(fieldClient, client);
    assertEquals(server.baseUrl(), client.baseUrl().toString());
    server.collection("books").put("1", "{\"title\":\"Dune\"}");
    Book book = client.resource("books", Book.class).get("1");
    assertEquals("Dune", book.title());
    ServerAssertions.assertThat(server).received("GET", "books/1").withToken(server.token()).once();
  }

  record Book(String id, String title) {}
}
