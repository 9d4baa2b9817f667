package io.restsdk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BenchServer} in a JVM of its own, so that the benchmark's JVM holds only the client:
 * JMH's {@code -prof gc} then counts the client's allocations alone, and the server's GC and JIT
 * never pause the client's threads. The server still shares the machine's cores, as it would on
 * any loopback benchmark.
 *
 * <pre>{@code
 * try (ServerProcess server = ServerProcess.start()) {
 *   Contender c = Contender.open("okhttp", server.baseUri(), scratch);
 * }
 * }</pre>
 */
final class ServerProcess implements AutoCloseable {
  /** The server of this JVM's running trial, for {@link CpuProfiler}. */
  private static volatile @Nullable ServerProcess latest;

  private final Process process;
  private volatile long cpuAtClose = -1;
  private final BufferedReader out;
  private final PrintStream in;
  private final URI baseUri;

  private ServerProcess(Process process) throws IOException {
    this.process = process;
    this.out = new BufferedReader(
        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.in = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
    String ready = out.readLine();
    if (ready == null || !ready.startsWith("READY ")) {
      process.destroyForcibly();
      throw new IllegalStateException("bench server did not start: " + ready);
    }
    this.baseUri = URI.create(ready.substring("READY ".length()));
    latest = this;
  }

  /**
   * CPU time in ns used by the latest server this JVM started: while it runs, so far; after it
   * was closed, up to its close. -1 when none was started.
   */
  static long lastCpuNanos() {
    ServerProcess s = latest;
    if (s == null) return -1;
    long closed = s.cpuAtClose;
    return closed >= 0 ? closed : s.cpu().toNanos();
  }

  /**
   * Starts the server JVM with this JVM's class path and waits until it listens. The {@link
   * BenchServer#ENGINE_PROPERTY} and {@link BenchServer#THREADS_PROPERTY} of this JVM are passed
   * on.
   */
  static ServerProcess start() {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd = new ArrayList<>(List.of(java, "-Xms512m", "-Xmx512m"));
    for (String property : List.of(BenchServer.ENGINE_PROPERTY, BenchServer.THREADS_PROPERTY)) {
      String value = System.getProperty(property);
      if (value != null) cmd.add("-D" + property + "=" + value);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName()));
    try {
      Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
      return new ServerProcess(p);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bench server JVM", e);
    }
  }

  URI baseUri() {
    return baseUri;
  }

  /** The server JVM's process id. */
  long pid() {
    return process.pid();
  }

  /** Requests the server has answered so far, and the connections they came on. */
  long[] stats() {
    in.println("stats");
    try {
      String line = out.readLine();
      if (line == null || !line.startsWith("STATS ")) {
        throw new IllegalStateException("bench server answered " + line);
      }
      String[] parts = line.substring("STATS ".length()).trim().split(" ");
      return new long[] {Long.parseLong(parts[0]), Long.parseLong(parts[1])};
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** CPU time the server JVM has used (all its threads: handlers, accept loop, GC, JIT). */
  Duration cpu() {
    return process.toHandle().info().totalCpuDuration().orElse(Duration.ZERO);
  }

  @Override
  public void close() {
    cpuAtClose = cpu().toNanos();
    in.println("quit");
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
