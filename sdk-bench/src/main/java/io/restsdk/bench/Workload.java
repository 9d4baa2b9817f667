package io.restsdk.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
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
 * What every benchmark shares: a fresh {@link BenchServer} in its own JVM ({@link
 * ServerProcess}) and one {@link Contender} per trial, both closed after it. Each subclass is one workload and names its contenders in its own
 * {@code @Param}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public abstract class Workload {
  protected ServerProcess server;
  protected Contender client;
  private Path scratch;

  /** The contender this trial measures. */
  protected abstract String contender();

  @Setup(Level.Trial)
  public void open() throws IOException {
    server = ServerProcess.start();
    scratch = Files.createTempDirectory("restsdk-bench");
    client = Contender.open(contender(), server.baseUri(), scratch);
    prepare();
  }

  /** Runs once after the contender is open, e.g. to create the item a workload modifies. */
  protected void prepare() {}

  @TearDown(Level.Trial)
  public void close() {
    try {
      client.close();
    } finally {
      server.close();
      deleteTree(scratch);
    }
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
