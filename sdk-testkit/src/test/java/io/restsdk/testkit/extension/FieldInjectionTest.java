package io.restsdk.testkit.extension;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(MockApiServerExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FieldInjectionTest {
  private static final AtomicReference<MockApiServer> FIRST = new AtomicReference<>();

  MockApiServer server;
  private MockApiServer fromBeforeEach;

  @BeforeEach
  void seed(MockApiServer parameter) {
    fromBeforeEach = parameter;
    server.collection("books").put("1", "{}");
  }

  @Test
  @Order(1)
  void fieldIsAStartedServer(MockApiServer parameter) {
    assertNotNull(server);
    assertSame(server, parameter, "one server per test");
    assertSame(server, fromBeforeEach);
    assertTrue(Probe.listening(server.port()));
    assertTrue(server.collection("books").contains("1"));
    FIRST.set(server);
  }

  @Test
  @Order(2)
  void eachTestGetsAFreshServerAndThePreviousOneIsClosed() {
    MockApiServer previous = FIRST.get();
    assertNotNull(previous);
    assertNotSame(previous, server);
    assertFalse(Probe.listening(previous.port()), "the previous test's server is closed");
    assertTrue(server.requests().isEmpty());
  }

  @Nested
  class Inner {
    MockApiServer innerServer;

    @Test
    void nestedAndOuterFieldsShareTheServer() {
      assertSame(server, innerServer);
    }
  }
}
