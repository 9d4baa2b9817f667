package io.restsdk.testkit.extension;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.MockApiServerExtension;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/** Concurrent tests each get their own server; no state leaks between them. */
@ExtendWith(MockApiServerExtension.class)
@Execution(ExecutionMode.CONCURRENT)
class ParallelExtensionTest {
  private static final Set<MockApiServer> LIVE = ConcurrentHashMap.newKeySet();

  MockApiServer server;

  @RepeatedTest(8)
  void isolated(MockApiServer parameter) {
    assertEquals(server, parameter);
    assertTrue(LIVE.add(server), "a fresh server for every test");
    assertEquals(0, server.collection("books").size());
    server.collection("books").add("{}");
    assertEquals(1, server.collection("books").size());
    assertTrue(Probe.listening(server.port()));
  }
}
