package io.restsdk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What every benchmark shares: a {@link BenchServer} in a JVM of its own and one {@link
 * Contender} per trial. The server is the suite's, already warm, when {@link Suite} passes its
 * address in {@value #SERVER_URL_PROPERTY}; otherwise (JMH run directly) each trial starts one
 * ({@link ServerProcess}). Each subclass is one workload and names its contenders in its own
 * {@code @Param}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class Workload {
  /** System property: the base URL of a bench server already running. */
  public static final String SERVER_URL_PROPERTY = "bench.server.url";
  /** System property: that server's process id, for {@link CpuProfiler}. */
  public static final String SERVER_PID_PROPERTY = "bench.server.pid";

  private ServerProcess ownServer;
  protected Contender client;
  private Path scratch;

  /** The contender this trial measures. */
  protected abstract String contender();

  @Setup(Level.Trial)
  public void open() throws IOException {
    String url = System.getProperty(SERVER_URL_PROPERTY);
    URI base;
    if (url != null) {
      base = URI.create(url);
    } else {
      ownServer = ServerProcess.start();
      base = ownServer.baseUri();
    }
    scratch = Files.createTempDirectory("restsdk-bench");
    client = Contender.open(contender(), base, scratch);
    prepare();
  }

  /** Runs once after the contender is open, e.g. to create the item a workload modifies. */
  protected void prepare() {}

  @TearDown(Level.Trial)
  public void close() {
    try {
      client.close();
    } finally {
      if (ownServer != null) ownServer.close();
      deleteTree(scratch);
    }
  }

  /** Deletes {@code dir} and everything below it. */
  static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
