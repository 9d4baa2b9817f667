package io.restsdk.bench;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.profile.InternalProfiler;
import org.openjdk.jmh.results.AggregationPolicy;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.ScalarResult;

/**
 * A JMH profiler reporting CPU time per operation, split by process: {@code cpu.client} is the
 * benchmark JVM (the client under test, with its GC and JIT), {@code cpu.server} the {@link
 * ServerProcess} JVM it started. On a machine where client and server share two cores, time/op
 * includes the server and any contention; CPU/op per side shows what the client itself costs.
 *
 * <p>Run with {@code -prof io.restsdk.bench.CpuProfiler}; the suite adds it to the full run.
 * With {@code -jvmArgsAppend "-Xms1g -Xmx1g -Dbench.cpu.threads=true"} it also prints, after
 * each iteration, the CPU per operation of every thread of the benchmark JVM.
 * The server's figure comes from {@code /proc}, which counts in 10 ms ticks: over a 1 s
 * iteration it is good to about 2%.
 */
public final class CpuProfiler implements InternalProfiler {
  private final com.sun.management.OperatingSystemMXBean os =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
  private long clientStart;
  private long serverStart;
  private final java.util.Map<Long, Long> threadStart = new java.util.HashMap<>();

  @Override
  public String getDescription() {
    return "CPU time per operation of the benchmark JVM and of the bench server JVM";
  }

  @Override
  public void beforeIteration(BenchmarkParams benchmark, IterationParams iteration) {
    serverStart = serverCpu();
    clientStart = os.getProcessCpuTime();
    if (Boolean.getBoolean("bench.cpu.threads")) {
      java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
      threadStart.clear();
      for (long id : mx.getAllThreadIds()) threadStart.put(id, mx.getThreadCpuTime(id));
    }
  }

  @Override
  public Collection<? extends Result<?>> afterIteration(BenchmarkParams benchmark,
      IterationParams iteration, IterationResult result) {
    long client = os.getProcessCpuTime() - clientStart;
    long serverEnd = serverCpu();
    long server = serverStart < 0 || serverEnd < 0 ? -1 : serverEnd - serverStart;
    long ops = result.getMetadata().getAllOps();
    if (Boolean.getBoolean("bench.cpu.threads") && ops > 0) printThreads(ops);
    List<Result<?>> out = new ArrayList<>();
    if (ops > 0 && client >= 0) {
      out.add(new ScalarResult("cpu.client", client / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
    }
    if (ops > 0 && server >= 0) {
      out.add(new ScalarResult("cpu.server", server / 1e3 / ops, "µs/op", AggregationPolicy.AVG));
    }
    return out;
  }

  /** With {@code -Dbench.cpu.threads=true}: which threads of this JVM used the CPU, per op. */
  private void printThreads(long ops) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    StringBuilder out = new StringBuilder("CPU µs/op by thread:");
    for (long id : mx.getAllThreadIds()) {
      long now = mx.getThreadCpuTime(id);
      java.lang.management.ThreadInfo info = mx.getThreadInfo(id);
      if (now < 0 || info == null) continue;
      double perOp = (now - threadStart.getOrDefault(id, 0L)) / 1e3 / ops;
      if (perOp >= 1) {
        out.append(String.format(java.util.Locale.ROOT, " [%s %.1f]", info.getThreadName(), perOp));
      }
    }
    System.out.println(out);
  }

  /**
   * CPU of the bench server JVM, in ns; -1 when there is none. The suite's shared server is
   * found by its pid; a server of the trial's own is found through {@link ServerProcess}, and
   * as JMH tears the trial down before the last iteration's profilers run, a server that has
   * stopped reports what it had used when it was asked to stop.
   */
  private static long serverCpu() {
    String pid = System.getProperty(Workload.SERVER_PID_PROPERTY);
    if (pid == null) return ServerProcess.lastCpuNanos();
    return ProcessHandle.of(Long.parseLong(pid))
        .flatMap(p -> p.info().totalCpuDuration())
        .map(Duration::toNanos)
        .orElse(-1L);
  }
}
