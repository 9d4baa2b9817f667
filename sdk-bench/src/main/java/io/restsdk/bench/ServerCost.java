package io.restsdk.bench;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Measures what the loopback server costs, to show it is not what the benchmarks measure: for
 * each engine and workload, raw OkHttp drives the server from one thread for a few seconds, and
 * the CPU time each process used is divided by the operations done.
 *
 * <pre>{@code
 * java -cp sdk-bench/target/benchmarks.jar io.restsdk.bench.ServerCost [seconds per step] [engines]
 * java -cp sdk-bench/target/benchmarks.jar io.restsdk.bench.ServerCost 5 netty,jdk
 * }</pre>
 */
public final class ServerCost {
  private ServerCost() {}

  public static void main(String[] args) throws Exception {
    long seconds = args.length > 0 ? Long.parseLong(args[0]) : 5;
    String[] engines = (args.length > 1 ? args[1] : "netty,jdk").split(",");
    System.out.println("| server | workload | ops/s | wall µs/op | client CPU µs/op "
        + "| server CPU µs/op | server share of CPU |");
    System.out.println("|---|---|---:|---:|---:|---:|---:|");
    for (String engine : engines) {
      System.setProperty(BenchServer.ENGINE_PROPERTY, engine.trim());
      measureEngine(engine.trim(), seconds);
    }
  }

  private static void measureEngine(String engine, long seconds) throws Exception {
    Path scratch = Files.createTempDirectory("restsdk-bench");
    try (ServerProcess server = ServerProcess.start();
        Contender c = Contender.open(Contender.BASELINE, server.baseUri(), scratch)) {
      Item payload = Item.sample("new", Item.SMALL_PARTS);
      Map<String, Supplier<Item>> workloads = new LinkedHashMap<>();
      workloads.put("GET 1 KB (200)", () -> c.get(BenchServer.SMALL_LIVE));
      workloads.put("GET 100 KB (200)", () -> c.get(BenchServer.LARGE_LIVE));
      workloads.put("GET 100 KB revalidated (304)", () -> c.revalidate(BenchServer.LARGE));
      workloads.put("POST + follow Location", () -> c.create(payload));
      workloads.put("modify (GET + PUT If-Match)", () -> c.modify("cost"));
      // Warm both JVMs on every path first: the JIT must be done before anything is measured.
      for (int round = 0; round < 2; round++) {
        for (Supplier<Item> op : workloads.values()) run(op, Duration.ofSeconds(seconds));
      }
      workloads.forEach((name, op) -> measure(server, engine + " | " + name, op, seconds));
    } finally {
      Files.deleteIfExists(scratch);
    }
  }

  private static void measure(ServerProcess server, String name, Supplier<Item> op, long seconds) {
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long clientCpu0 = os.getProcessCpuTime();
    Duration serverCpu0 = server.cpu();
    long t0 = System.nanoTime();
    long ops = run(op, Duration.ofSeconds(seconds));
    long wall = System.nanoTime() - t0;
    long clientCpu = os.getProcessCpuTime() - clientCpu0;
    long serverCpu = server.cpu().minus(serverCpu0).toNanos();
    System.out.printf(Locale.ROOT, "| %s | %,.0f | %.1f | %.1f | %.1f | %.0f%% |%n", name,
        ops * 1e9 / wall, wall / 1e3 / ops, clientCpu / 1e3 / ops, serverCpu / 1e3 / ops,
        100.0 * serverCpu / (serverCpu + clientCpu));
  }

  private static long run(Supplier<Item> op, Duration d) {
    long end = System.nanoTime() + d.toNanos();
    long ops = 0;
    while (System.nanoTime() < end) {
      for (int i = 0; i < 50; i++) {
        if (op.get() == null) throw new IllegalStateException("no item");
      }
      ops += 50;
    }
    return ops;
  }
}
