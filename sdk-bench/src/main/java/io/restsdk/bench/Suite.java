package io.restsdk.bench;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
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
 * Runs the whole suite and prints the ratio table: {@code java -jar sdk-bench/target/benchmarks.jar}.
 *
 * <p>Modes:
 *
 * <ul>
 *   <li>default (the full run): 1 fork, 3 × 1 s warm-up, 5 × 1 s measurement, {@code -prof gc}
 *       and {@link CpuProfiler};
 *       about 10 minutes on 2 cores. JMH's JSON goes to {@code target/jmh-result.json} and the
 *       markdown table to {@code target/bench-table.md} (beside the jar).
 *   <li>{@code quick}: every benchmark once, 200 ms warm-up and 200 ms measurement, no profiler;
 *       a few minutes. It only checks that every benchmark still runs: the numbers mean nothing.
 * </ul>
 *
 * <p>Any JMH option after the mode overrides the defaults, e.g. {@code -i 10}, a regexp
 * selecting benchmarks ({@code 'Get1k\.'}), {@code -prof stack}, or {@code -rff out.json}
 * (the table then goes to {@code out.md}). The process exits with 1 when a
 * benchmark throws, so CI notices.
 *
 * <pre>{@code
 * java -jar sdk-bench/target/benchmarks.jar               # full run + table
 * java -jar sdk-bench/target/benchmarks.jar quick         # CI: everything runs
 * java -jar sdk-bench/target/benchmarks.jar Revalidate -prof stack
 * }</pre>
 */
public final class Suite {
  private Suite() {}

  public static void main(String[] args) throws Exception {
    boolean quick = args.length > 0 && args[0].equals("quick");
    String[] jmhArgs = quick ? Arrays.copyOfRange(args, 1, args.length) : args;
    CommandLineOptions cmd;
    try {
      cmd = new CommandLineOptions(jmhArgs);
    } catch (CommandLineOptionException e) {
      System.err.println("bad JMH option: " + e.getMessage());
      System.exit(2);
      return;
    }
    Path dir = outputDirectory();
    Files.createDirectories(dir);
    Path json = dir.resolve(quick ? "jmh-quick.json" : "jmh-result.json");

    ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd)
        .shouldFailOnError(true)
        .resultFormat(ResultFormatType.JSON)
        .result(cmd.getResult().hasValue() ? cmd.getResult().get() : json.toString());
    if (!cmd.getForkCount().hasValue()) b.forks(1);
    if (!cmd.getWarmupIterations().hasValue()) b.warmupIterations(quick ? 1 : 3);
    if (!cmd.getWarmupTime().hasValue()) b.warmupTime(quick ? ms(200) : TimeValue.seconds(1));
    if (!cmd.getMeasurementIterations().hasValue()) b.measurementIterations(quick ? 1 : 5);
    if (!cmd.getMeasurementTime().hasValue()) {
      b.measurementTime(quick ? ms(200) : TimeValue.seconds(1));
    }
    boolean hasGc = cmd.getProfilers().stream().anyMatch(p -> p.getKlass().equals("gc")
        || p.getKlass().equals(GCProfiler.class.getName()));
    if (!quick && !hasGc) b.addProfiler(GCProfiler.class);
    boolean hasCpu = cmd.getProfilers().stream()
        .anyMatch(p -> p.getKlass().equals(CpuProfiler.class.getName()));
    if (!quick && !hasCpu) b.addProfiler(CpuProfiler.class);

    Collection<RunResult> results;
    try {
      results = new Runner(b.build()).run();
    } catch (RunnerException e) {
      System.err.println("a benchmark failed: " + e);
      e.printStackTrace();
      System.exit(1);
      return;
    }
    if (results.isEmpty()) {
      System.err.println("no benchmark ran: check the include pattern");
      System.exit(1);
      return;
    }
    Path resultFile = Path.of(cmd.getResult().hasValue() ? cmd.getResult().get() : json.toString());
    String table = Report.render(resultFile, quick);
    Path md = cmd.getResult().hasValue()
        ? resultFile.resolveSibling(resultFile.getFileName().toString().replaceFirst("\\.json$", "")
            + ".md")
        : dir.resolve(quick ? "bench-table-quick.md" : "bench-table.md");
    Files.writeString(md, table);
    System.out.println();
    System.out.println(table);
    System.out.println("(JSON: " + resultFile + ", table: " + md + ")");
    System.out.println(results.size() + " benchmarks ran.");
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
