package io.restsdk.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs the whole suite and prints the ratio table:
 * {@code java -jar sdk-bench/target/benchmarks.jar}.
 *
 * <p>Modes:
 *
 * <ul>
 *   <li>default (the full run): two rounds over every benchmark, each a fork with 10 × 1 s
 *       warm-up and 3 × 1 s measurement, {@code -prof gc} and {@link CpuProfiler}; about 30
 *       minutes on 2 cores. The rounds' JSON is merged into {@code target/jmh-result.json} and
 *       the markdown table written to {@code target/bench-table.md} (beside the jar).
 *       {@code --rounds N} right after the mode changes the number of rounds.
 *   <li>{@code quick}: every benchmark once, 200 ms warm-up and 200 ms measurement, no profiler,
 *       then a few short rounds of the interleaved mode; about 3 minutes. It only checks that
 *       every benchmark still runs: the numbers mean nothing.
 *   <li>{@code interleaved}: the contenders of each workload take turns round by round in one
 *       JVM (by default one JVM per workload), and the medians of per-round ratios to raw OkHttp
 *       are reported with their interquartile range ({@link Interleaved}; options
 *       {@code --rounds}, {@code --warmup}, {@code --scale}, {@code --workloads},
 *       {@code --contenders}, {@code --jvm each|one}); the table goes to
 *       {@code target/bench-interleaved.md}.
 * </ul>
 *
 * <p>Both start one bench server JVM for the whole run (the full run warms it up for 10 s
 * first, {@code -Dbench.server.warmup=<seconds>}) and pass its address to the forks.
 *
 * <p>Any JMH option after the mode overrides the defaults, e.g. {@code -i 10}, a regexp
 * selecting benchmarks ({@code 'Get1k\.'}), {@code -prof stack}, or {@code -rff out.json}
 * (the table then goes to {@code out.md}). The process exits with 1 when a benchmark throws,
 * so CI notices.
 *
 * <pre>{@code
 * java -jar sdk-bench/target/benchmarks.jar               # full run + table
 * java -jar sdk-bench/target/benchmarks.jar quick         # CI: everything runs
 * java -Xms1g -Xmx1g -jar sdk-bench/target/benchmarks.jar interleaved
 * java -jar sdk-bench/target/benchmarks.jar Revalidate -prof stack
 * }</pre>
 */
public final class Suite {
  private Suite() {}

  public static void main(String[] args) throws Exception {
    List<String> rest = new ArrayList<>(Arrays.asList(args));
    if (!rest.isEmpty() && rest.get(0).equals("interleaved")) {
      interleaved(rest.subList(1, rest.size()));
      return;
    }
    boolean quick = !rest.isEmpty() && rest.get(0).equals("quick");
    if (quick) rest.remove(0);
    int rounds = quick ? 1 : 2;
    if (rest.size() >= 2 && rest.get(0).equals("--rounds")) {
      rounds = Integer.parseInt(rest.get(1));
      rest.subList(0, 2).clear();
    }
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(rest.toArray(new String[0]));
    } catch (CommandLineOptionException e) {
      System.err.println("bad JMH option: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dir = outputDirectory();
    Files.createDirectories(dir);
    Path resultFile = Path.of(cmd.getResult().hasValue() ? cmd.getResult().get()
        : dir.resolve(quick ? "jmh-quick.json" : "jmh-result.json").toString());

    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd)
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON);
    if (!cmd.getForkCount().hasValue()) b.forks(1);
    if (!cmd.getWarmupIterations().hasValue()) b.warmupIterations(quick ? 1 : 10);
    if (!cmd.getWarmupTime().hasValue()) b.warmupTime(quick ? ms(200) : TimeValue.seconds(1));
    if (!cmd.getMeasurementIterations().hasValue()) b.measurementIterations(quick ? 1 : 3);
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(quick ? ms(200) : TimeValue.seconds(1));
    }
    boolean hasGc = cmd.getProfilers().stream().anyMatch(p -> p.getKlass().equals("gc")
        || p.getKlass().equals(GCProfiler.class.getName()));
    if (!quick && !hasGc) b.addProfiler(GCProfiler.class);
    boolean hasCpu = cmd.getProfilers().stream()
        .anyMatch(p -> p.getKlass().equals(CpuProfiler.class.getName()));
    if (!quick && !hasCpu) b.addProfiler(CpuProfiler.class);

    int ran = 0;
    List<Path> roundFiles = new ArrayList<>();
    try (ServerProcess server = ServerProcess.start()) {
      // One server for the whole run, warmed up before the first benchmark, so that no trial
      // measures a server that is still being compiled.
      if (!quick) warm(server);
      List<String> prepend = new ArrayList<>();
      if (cmd.getJvmArgsPrepend().hasValue()) prepend.addAll(cmd.getJvmArgsPrepend().get());
      prepend.add("-D" + Workload.SERVER_URL_PROPERTY + "=" + server.baseUri());
      prepend.add("-D" + Workload.SERVER_PID_PROPERTY + "=" + server.pid());
      b.jvmArgsPrepend(prepend.toArray(new String[0]));
      // Rounds spread each pair's iterations over the run, so that a slow minute on a shared
      // machine does not land on one contender only.
      for (int round = 1; round <= rounds; round++) {
        Path file = rounds == 1 ? resultFile : resultFile.resolveSibling(
            resultFile.getFileName().toString().replaceFirst("\\.json$", "") + "-round" + round
                + ".json");
        if (rounds > 1) System.out.println("# Round " + round + " of " + rounds);
        Collection<RunResult> results = new Runner(b.result(file.toString()).build()).run();
        if (results.isEmpty()) {
          System.err.println("no benchmark ran: check the include pattern");
          System.exit(1);
          return;
        }
        ran += results.size();
        roundFiles.add(file);
      }
      if (quick) Interleaved.main(List.of(), true, server.baseUri(), outputDirectory());
    } catch (RunnerException e) {
      System.err.println("a benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    if (rounds > 1) Report.merge(roundFiles, resultFile);
    String table = Report.render(resultFile, quick);
    Path md = cmd.getResult().hasValue()
        ? resultFile.resolveSibling(resultFile.getFileName().toString().replaceFirst("\\.json$", "")
            + ".md")
        : dir.resolve(quick ? "bench-table-quick.md" : "bench-table.md");
    Files.writeString(md, table);
    System.out.println();
    System.out.println(table);
    System.out.println("(JSON: " + resultFile + ", table: " + md + ")");
    System.out.println(ran + " benchmark runs" + (rounds > 1 ? " in " + rounds + " rounds" : "")
        + ".");
  }

  /** The interleaved mode ({@link Interleaved}), against a server of its own. */
  private static void interleaved(List<String> options) throws Exception {
    Path dir = outputDirectory();
    Files.createDirectories(dir);
    try (ServerProcess server = ServerProcess.start()) {
      Interleaved.main(options, false, server.baseUri(), dir);
    } catch (IllegalArgumentException e) {
      System.err.println(e.getMessage());
      System.exit(2);
    }
  }

  /** About ten seconds of every route, from raw OkHttp, to get the server's JIT done. */
  private static void warm(ServerProcess server) throws Exception {
    System.out.println("# Warming the bench server at " + server.baseUri());
    Path scratch = Files.createTempDirectory("restsdk-bench");
    try (Contender c = Contender.open(Contender.BASELINE, server.baseUri(), scratch)) {
      Item payload = Item.sample("new", Item.SMALL_PARTS);
      long seconds = Long.getLong("bench.server.warmup", 10);
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
      while (System.nanoTime() < end) {
        c.get(BenchServer.SMALL_LIVE);
        c.get(BenchServer.LARGE_LIVE);
        c.revalidate(BenchServer.LARGE);
        c.create(payload);
        c.modify("warm-up");
      }
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  /** The directory holding the jar (or the classes directory): {@code sdk-bench/target}. */
  private static Path outputDirectory() throws URISyntaxException {
    Path here = Path.of(Suite.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path parent = here.getParent();
    return parent != null ? parent : Path.of(".");
  }

  private static TimeValue ms(long millis) {
    return TimeValue.milliseconds(millis);
  }
}
