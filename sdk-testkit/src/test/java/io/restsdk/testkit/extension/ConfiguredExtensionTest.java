package io.restsdk.testkit.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ConfiguredExtensionTest {
  @RegisterExtension
  static MockApiServerExtension api = MockApiServerExtension.configure(b -> b
          .token("secret-token")
          .strictObserver(true)
          .collection("authors", c -> c.unique("email").put("1", "{\"email\":\"a@example.com\"}")))
      .withClient((client, server) -> client.readTimeout(Duration.ofSeconds(3)));

  @Test
  void theConfigurationIsApplied(MockApiServer server, RestClient client) {
    assertEquals("secret-token", server.token());
    assertTrue(server.strictObserver());
    assertEquals(1, server.collection("authors").size());
    assertEquals(server.baseUrl(), client.baseUrl().toString());
  }
}
