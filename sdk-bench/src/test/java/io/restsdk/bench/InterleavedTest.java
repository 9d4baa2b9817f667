package io.restsdk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link Interleaved}: every contender runs every round; the table shows ratios to the first. */
class InterleavedTest {
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

  @Test
  void everyContenderDoesItsOperationsInEveryRound() {
    Interleaved.Task task = new Interleaved.Task("get1k", "GET 1 KB (200)",
        List.of("okhttp", "restsdk", "retrofit"), 5, c -> c.get(BenchServer.SMALL_LIVE));
    List<Interleaved.Series> series =
        new Interleaved().run(task, server.baseUri(), scratch, 1, 4, 1.0);
    assertEquals(3 * 5 * (1 + 4), server.responses(200), "warm-up and recorded rounds");
    assertEquals(List.of("okhttp", "restsdk", "retrofit"),
        series.stream().map(Interleaved.Series::contender).toList());
    for (Interleaved.Series s : series) {
      assertEquals(4, s.cpuNanos().length);
      assertEquals(4, s.bytes().length);
      for (double b : s.bytes()) assertTrue(b > 0, s.contender() + " allocates");
      assertEquals(4, s.callerNanos().length);
      for (int r = 0; r < 4; r++) {
        assertTrue(s.callerNanos()[r] > 0, s.contender() + ": the calling thread ran");
        assertTrue(s.callerNanos()[r] <= s.cpuNanos()[r],
            s.contender() + ": the calling thread is one of the threads counted");
      }
    }
    String table = Interleaved.table(task, series);
    assertTrue(table.contains("4 rounds, ratios to okhttp"), table);
    assertTrue(table.contains("| okhttp | 1.00× | 1.00–1.00 | 1.00× | 1.00–1.00 |"), table);
    assertTrue(table.contains("| calling threads' CPU/op ratio |"), table);
    assertTrue(java.util.regex.Pattern.compile("\\| okhttp \\|.* \\| 1\\.00× \\| [0-9.]+ \\|\n")
        .matcher(table).find(), "the baseline's calling threads are its own unit: " + table);
    assertTrue(table.contains("| retrofit |"), table);
  }

  @Test
  void aFourThreadWorkloadSplitsARoundsOperationsAcrossItsThreads() {
    java.util.Set<String> seen = java.util.concurrent.ConcurrentHashMap.newKeySet();
    Interleaved.Task task = new Interleaved.Task("get1k4", "GET 1 KB (200), 4 threads",
        List.of("okhttp", "restsdk"), 10, c -> {
          seen.add(Thread.currentThread().getName() + "@" + System.identityHashCode(
              Thread.currentThread()));
          return c.get(BenchServer.SMALL_LIVE);
        }, 4);
    List<Interleaved.Series> series =
        new Interleaved().run(task, server.baseUri(), scratch, 1, 2, 1.0);
    // 10 operations a round are rounded to 12, three on each of the 4 threads
    assertEquals(2 * 12 * (1 + 2), server.responses(200));
    assertEquals(4, seen.size(), "the same four threads every round: " + seen);
    for (Interleaved.Series s : series) {
      for (int r = 0; r < 2; r++) {
        assertTrue(s.cpuNanos()[r] > 0);
        assertTrue(s.callerNanos()[r] > 0, "the pool's threads are the calling threads");
        assertTrue(s.callerNanos()[r] <= s.cpuNanos()[r]);
      }
    }
  }

  @Test
  void contendersNamedOnTheCommandLineFollowTheBaselineInTheirOrder() {
    Interleaved.Task reads = Interleaved.tasks().get(0);
    assertEquals(List.of("okhttp", "retrofit", "restsdk_nocache", "restsdk"),
        reads.only(List.of("retrofit", "restsdk_nocache", "okhttp", "restsdk")).contenders());
    Interleaved.Task revalidation = Interleaved.tasks().stream()
        .filter(t -> t.name().equals("revalidate100k")).findFirst().orElseThrow();
    assertEquals(List.of("okhttp", "restsdk"),
        revalidation.only(List.of("restsdk_nocache", "restsdk")).contenders(),
        "without a cache there is no 304 to measure");
    assertEquals("okhttp", Interleaved.tasks().get(1).contenders().get(0));
    assertTrue(reads.contenders().contains("restsdk_defaults"), "the targets' contender");
  }

  @Test
  void aFailingOperationOnAPoolThreadFailsTheRun() {
    Interleaved.Task task = new Interleaved.Task("boom", "boom", List.of("okhttp"), 4, c -> {
      throw new IllegalStateException("404 where 200 was expected");
    }, 4);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> new Interleaved().run(task, server.baseUri(), scratch, 0, 1, 1.0));
    assertTrue(e.getMessage().contains("404 where 200"), e.getMessage());
  }

  @Test
  void quickModeRunsEveryWorkloadAndWritesItsTable(@TempDir Path out) throws Exception {
    String md = Interleaved.main(List.of("--rounds", "1", "--scale", "0.02"), true,
        server.baseUri(), out);
    for (Interleaved.Task t : Interleaved.tasks()) assertTrue(md.contains(t.title()), t.title());
    assertEquals(md, Files.readString(out.resolve("bench-interleaved-quick.md")));
  }

  @Test
  void eachWorkloadRunsInAJvmOfItsOwnByDefault(@TempDir Path out) throws Exception {
    String md = Interleaved.main(List.of("--rounds", "2", "--warmup", "1", "--scale", "0.1",
        "--workloads", "get1k,create", "--contenders", "restsdk"), false, server.baseUri(), out);
    assertTrue(md.contains("### GET 1 KB (200) — 2 rounds, ratios to okhttp"), md);
    assertTrue(md.contains("### POST + follow Location — 2 rounds, ratios to okhttp"), md);
    assertTrue(md.contains("| restsdk |"), md);
    // get1k: 4 operations a round (40 scaled by 0.1) for 2 contenders over 3 rounds; create: 2
    // operations, each a POST and then a GET of its Location
    assertEquals(2 * 4 * 3 + 2 * 2 * 3, server.responses(200), "the forks reached this server");
    assertEquals(2 * 2 * 3, server.responses(201));
    assertEquals(md, Files.readString(out.resolve("bench-interleaved.md")));
    assertEquals(List.of("bench-interleaved.md"), Files.list(out)
        .map(p -> p.getFileName().toString()).toList(), "nothing else left behind");
  }

  @Test
  void badOptionsAreRefusedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Interleaved.main(List.of("--round", "3"), true, server.baseUri(), scratch));
    assertTrue(e.getMessage().contains("--round"), e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> Interleaved.main(List.of("--workloads", "nope"), true, server.baseUri(), scratch));
    assertThrows(IllegalArgumentException.class,
        () -> Interleaved.main(List.of("--rounds"), true, server.baseUri(), scratch));
    assertThrows(IllegalArgumentException.class,
        () -> Interleaved.main(List.of("--jvm", "two"), true, server.baseUri(), scratch));
  }

  @Test
  void aThreadThatEndsDuringARoundNeverMakesItNegative() {
    // Thread 1 ran on; thread 2 ended in the round (its time is gone); thread 3 started in it.
    java.util.Map<Long, Long> before = java.util.Map.of(1L, 1_000L, 2L, 5_000_000L);
    java.util.Map<Long, Long> after = java.util.Map.of(1L, 1_500L, 3L, 200L);

    org.junit.jupiter.api.Assertions.assertEquals(700L, Interleaved.grown(before, after));
  }
}
