package io.restsdk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every contender does each workload's requests, with the statuses the workload expects. */
class ContenderTest {
  static final java.util.List<String> NAMES = Contender.NAMES;

  @TempDir Path scratch;
  private BenchServer server;

  @BeforeEach
  void start() {
    server = BenchServer.start(BenchServer.Engine.NETTY, 2);
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void getsAre200AndDecoded(String name) {
    try (Contender c = Contender.open(name, server.baseUri(), scratch)) {
      for (int i = 0; i < 3; i++) {
        assertEquals(Item.SMALL_PARTS, c.get(BenchServer.SMALL_LIVE).parts().size());
        assertEquals(Item.LARGE_PARTS, c.get(BenchServer.LARGE_LIVE).parts().size());
      }
    }
    assertEquals(6, server.responses(200));
    assertEquals(0, server.responses(304));
    assertEquals(1, server.connections(), "one kept-alive connection, as for every contender");
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void revalidationIs304AfterTheFirstRead(String name) {
    try (Contender c = Contender.open(name, server.baseUri(), scratch)) {
      if (name.equals("restsdk_nocache")) {
        assertThrows(UnsupportedOperationException.class, () -> c.revalidate(BenchServer.LARGE));
        return;
      }
      for (int i = 0; i < 4; i++) {
        Item item = c.revalidate(BenchServer.LARGE);
        assertEquals(Item.sample(BenchServer.LARGE, Item.LARGE_PARTS), item);
        assertEquals(BenchServer.LARGE, item.id());
        assertEquals(Item.LARGE_PARTS, item.parts().size());
      }
    }
    assertEquals(1, server.responses(200));
    assertEquals(3, server.responses(304));
  }

  @ParameterizedTest
  @ValueSource(strings = {"restsdk_reuse", "okhttp_reuse"})
  void reusingContendersHandOutTheItemOfThe200OnEvery304(String name) {
    try (Contender c = Contender.open(name, server.baseUri(), scratch)) {
      Item first = c.revalidate(BenchServer.LARGE);
      for (int i = 0; i < 3; i++) assertSame(first, c.revalidate(BenchServer.LARGE));
    }
    assertEquals(1, server.responses(200));
    assertEquals(3, server.responses(304));
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void createFollowsLocation(String name) {
    try (Contender c = Contender.open(name, server.baseUri(), scratch)) {
      assertEquals("c1", c.create(Item.sample("new", Item.SMALL_PARTS)).id());
      assertEquals("c2", c.create(Item.sample("new", Item.SMALL_PARTS)).id());
    }
    assertEquals(2, server.responses(201));
    assertEquals(2, server.responses(200));
  }

  @ParameterizedTest
  @FieldSource("NAMES")
  void modifyIsGetThenConditionalPut(String name) {
    try (Contender c = Contender.open(name, server.baseUri(), scratch)) {
      for (int i = 0; i < 3; i++) assertEquals(43, c.modify("m").stock());
    }
    assertEquals(3, server.responses(200));
    assertEquals(3, server.responses(204));
    assertEquals(0, server.responses(412));
    assertTrue(server.requests() == 6, "requests: " + server.requests());
  }
}
