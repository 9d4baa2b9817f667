package io.restsdk.bench;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The interleaved mode: the contenders of one workload take turns in one JVM, round by round,
 * and the ratios to raw OkHttp are taken within each round, so that what slows the machine for a
 * while (another process, a noisy neighbour) slows every contender of that round alike.
 *
 * <p>Per workload: every contender is opened once; {@code warmup} rounds are run and thrown
 * away; then {@code rounds} rounds, each running every contender for its workload's number of
 * operations, in an order rotated by one each round ({@link Rounds#order}). Per contender and
 * round it records client CPU per operation (the CPU time of every Java thread of this JVM: the
 * caller's, OkHttp's, the clients' own; not the GC's and JIT's native threads) and bytes
 * allocated per operation (summed over every Java thread). It reports, per contender, the median
 * of its per-round ratios to the baseline in each, with the interquartile range beside it. A
 * 4-thread workload runs its operations on 4 threads of a pool kept for the whole workload, all
 * sharing the contender, and counts the CPU and bytes of every thread the same way.
 *
 * <p>Beside the client CPU, each round also records the CPU of the calling threads alone (the
 * thread or threads that ran the operations), reported as a ratio of its own: what is left is
 * the work of the threads OkHttp runs in the background (its connection pool's cleanup, Okio's
 * timeout watchdog), which every OkHttp-based contender pays alike and which dilutes the ratio of
 * client CPU.
 *
 * <pre>{@code
 * java -Xms1g -Xmx1g -jar sdk-bench/target/benchmarks.jar interleaved
 * java -jar sdk-bench/target/benchmarks.jar interleaved --rounds 100 --workloads get1k,create
 * java -jar sdk-bench/target/benchmarks.jar interleaved --workloads get1k --contenders restsdk
 * }</pre>
 */
final class Interleaved {
  /** One workload: its name, its contenders (the baseline first), one operation, its size. */
  record Task(String name, String title, List<String> contenders, int opsPerRound,
      Function<Contender, Item> op, int threads) {
    /** A workload of one thread. */
    Task(String name, String title, List<String> contenders, int opsPerRound,
        Function<Contender, Item> op) {
      this(name, title, contenders, opsPerRound, op, 1);
    }

    /**
     * This task with its baseline and then {@code names}, in that order ({@code restsdk_nocache}
     * left out of a revalidation: it has no 304 path).
     */
    Task only(List<String> names) {
      List<String> kept = new ArrayList<>(List.of(contenders.get(0)));
      for (String c : names) {
        if (kept.contains(c) || name.startsWith("revalidate") && c.equals("restsdk_nocache")) {
          continue;
        }
        kept.add(c);
      }
      return new Task(name, title, kept, opsPerRound, op, threads);
    }
  }

  /**
   * What a contender measured in each round, per operation: client CPU (every Java thread),
   * bytes allocated, and the CPU of the calling threads alone.
   */
  record Series(String contender, double[] cpuNanos, double[] bytes, double[] callerNanos) {}

  /**
   * The workloads, with the contenders of the harness: raw OkHttp (the baseline),
   * restsdk with every default, and what a user would pick instead. The other restsdk
   * configurations ({@code restsdk}, {@code restsdk_nocache}) are left out by default: each
   * configuration in the same JVM takes the JIT's profiles of the shared code paths from the
   * others; name them with {@code --contenders} to compare them.
   */
  static List<Task> tasks() {
    List<String> reads = List.of("okhttp", "restsdk_defaults", "okhttp_cache", "retrofit", "jdk",
        "feign");
    List<String> revalidations = List.of("okhttp", "restsdk_defaults", "restsdk_reuse",
        "okhttp_reuse", "okhttp_cache", "retrofit", "jdk", "feign");
    Item payload = Item.sample("new", Item.SMALL_PARTS);
    return List.of(
        new Task("get1k", "GET 1 KB (200)", reads, 40, c -> c.get(BenchServer.SMALL_LIVE)),
        new Task("get100k", "GET 100 KB (200)", reads, 4, c -> c.get(BenchServer.LARGE_LIVE)),
        new Task("revalidate100k", "GET 100 KB revalidated (304)", revalidations, 6,
            c -> c.revalidate(BenchServer.LARGE)),
        new Task("create", "POST + follow Location", reads, 20, c -> c.create(payload)),
        new Task("get1k4", "GET 1 KB (200), 4 threads", reads, 40,
            c -> c.get(BenchServer.SMALL_LIVE), 4),
        new Task("revalidate100k4", "GET 100 KB revalidated (304), 4 threads", revalidations,
            8, c -> c.revalidate(BenchServer.LARGE), 4),
        new Task("create4", "POST + follow Location, 4 threads", reads, 20,
            c -> c.create(payload), 4));
  }

  private final com.sun.management.ThreadMXBean threads =
      (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
  private long sink;

  /**
   * Runs {@code task}'s contenders against the server at {@code base}: {@code warmup} rounds
   * unrecorded, then {@code rounds} recorded; {@code scale} multiplies the operations of a
   * round. Returns one series per contender, in the task's order.
   */
  List<Series> run(Task task, URI base, Path scratch, int warmup, int rounds, double scale) {
    int n = task.contenders().size();
    int threads = task.threads();
    int ops = threads * Math.max(1, (int) Math.round(task.opsPerRound() * scale / threads));
    List<Contender> open = new ArrayList<>();
    java.util.concurrent.ExecutorService pool = threads == 1 ? null
        : java.util.concurrent.Executors.newFixedThreadPool(threads, r -> {
          Thread t = new Thread(r, "interleaved-" + task.name());
          t.setDaemon(true);
          return t;
        });
    try {
      for (String name : task.contenders()) open.add(Contender.open(name, base, scratch));
      double[][] cpu = new double[n][rounds];
      double[][] bytes = new double[n][rounds];
      double[][] callerCpu = new double[n][rounds];
      for (int round = 0; round < warmup + rounds; round++) {
        for (int i : Rounds.order(n, round)) {
          Contender c = open.get(i);
          java.util.Map<Long, Long> cpu0 = cpu();
          java.util.Map<Long, Long> b0 = allocated();
          java.util.concurrent.atomic.LongAdder calling = new java.util.concurrent.atomic.LongAdder();
          if (pool == null) {
            long t0 = this.threads.getCurrentThreadCpuTime();
            for (int k = 0; k < ops; k++) sink += task.op().apply(c).stock();
            calling.add(this.threads.getCurrentThreadCpuTime() - t0);
          } else {
            sink += together(pool, threads, ops / threads, () -> task.op().apply(c).stock(),
                calling);
          }
          java.util.Map<Long, Long> b1 = allocated();
          java.util.Map<Long, Long> cpu1 = cpu();
          if (round >= warmup) {
            cpu[i][round - warmup] = (double) grown(cpu0, cpu1) / ops;
            bytes[i][round - warmup] = (double) grown(b0, b1) / ops;
            callerCpu[i][round - warmup] = (double) calling.sum() / ops;
          }
        }
      }
      List<Series> out = new ArrayList<>();
      for (int i = 0; i < n; i++) out.add(new Series(task.contenders().get(i), cpu[i], bytes[i],
          callerCpu[i]));
      return out;
    } finally {
      if (pool != null) pool.shutdownNow();
      for (Contender c : open) c.close();
    }
  }

  /**
   * Runs {@code workload} in a JVM of its own ({@link #workload}), with this JVM's heap settings
   * and {@code args} (the mode's options), against the same server; returns its table.
   */
  private static String forked(String workload, List<String> args, URI base, Path scratch)
      throws Exception {
    Path table = scratch.resolve(workload + ".md");
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-Xms") || a.startsWith("-Xmx")) cmd.add(a);
    }
    cmd.addAll(List.of("-cp", System.getProperty("java.class.path"),
        Interleaved.class.getName(), base.toString(), table.toString()));
    for (int i = 0; i < args.size(); i += 2) {
      if (!args.get(i).equals("--workloads") && !args.get(i).equals("--jvm")) {
        cmd.add(args.get(i));
        cmd.add(args.get(i + 1));
      }
    }
    cmd.addAll(List.of("--workloads", workload, "--jvm", "one"));
    // Its output goes through this JVM's System.out, not straight to the same file descriptor:
    // a test runner that captures System.out (Surefire) would otherwise see a corrupted stream.
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    try (var lines = new java.io.BufferedReader(new java.io.InputStreamReader(
        p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      for (String line; (line = lines.readLine()) != null; ) System.out.println(line);
    }
    int exit = p.waitFor();
    if (exit != 0) {
      throw new IllegalStateException("interleaved: the JVM of " + workload + " exited " + exit);
    }
    return Files.readString(table);
  }

  /**
   * One workload's JVM ({@link #forked}): {@code <server URL> <table file> <options>}; runs the
   * options' one workload in this JVM and writes its table to the file.
   */
  public static void main(String[] args) throws Exception {
    URI base = URI.create(args[0]);
    Path out = Path.of(args[1]);
    Path dir = Files.createTempDirectory("restsdk-bench-workload");
    try {
      String md = main(List.of(args).subList(2, args.length), false, base, dir);
      Files.writeString(out, md);
    } finally {
      Workload.deleteTree(dir);
    }
  }

  /**
   * {@code each} operations on each of {@code threads} threads of {@code pool} at once (the
   * threads live across rounds, so none is started inside one); returns when all are done, and
   * fails with the first failure. Adds the CPU time the threads spent on them to {@code cpu}.
   */
  private static long together(java.util.concurrent.ExecutorService pool, int threads, int each,
      java.util.function.LongSupplier op, java.util.concurrent.atomic.LongAdder cpu) {
    java.lang.management.ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    List<java.util.concurrent.Future<Long>> running = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      running.add(pool.submit(() -> {
        long t0 = mx.getCurrentThreadCpuTime();
        long s = 0;
        for (int k = 0; k < each; k++) s += op.getAsLong();
        cpu.add(mx.getCurrentThreadCpuTime() - t0);
        return s;
      }));
    }
    long sum = 0;
    try {
      for (java.util.concurrent.Future<Long> f : running) sum += f.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("an operation failed: " + e.getCause(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
    return sum;
  }

  /**
   * CPU time used so far by each live Java thread of this JVM, in ns, by thread id. Not the
   * process's CPU time, which the JDK reads in 10 ms ticks on Linux (too coarse for a round of
   * tens of ms): the threads of the GC and the JIT are left out, and the GC's share shows in B/op.
   */
  private java.util.Map<Long, Long> cpu() {
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    for (long id : threads.getAllThreadIds()) {
      long t = threads.getThreadCpuTime(id);
      if (t > 0) out.put(id, t);
    }
    return out;
  }

  /** Bytes allocated so far by each live thread of this JVM, by thread id. */
  private java.util.Map<Long, Long> allocated() {
    long[] ids = threads.getAllThreadIds();
    long[] bytes = threads.getThreadAllocatedBytes(ids);
    java.util.Map<Long, Long> out = new java.util.HashMap<>();
    for (int k = 0; k < ids.length; k++) if (bytes[k] > 0) out.put(ids[k], bytes[k]);
    return out;
  }

  /**
   * What the threads alive at the end of a round added during it: a thread that started in the
   * round counts whole, one that ended in it is not seen (a sum over live threads would go down
   * when an OkHttp thread exits, and a round could come out negative).
   */
  static long grown(java.util.Map<Long, Long> before, java.util.Map<Long, Long> after) {
    long sum = 0;
    for (java.util.Map.Entry<Long, Long> e : after.entrySet()) {
      long d = e.getValue() - before.getOrDefault(e.getKey(), 0L);
      if (d > 0) sum += d;
    }
    return sum;
  }

  /** The table of one workload: per contender, median ratios to the first series and IQR. */
  static String table(Task task, List<Series> series) {
    Series base = series.get(0);
    StringBuilder out = new StringBuilder();
    out.append("### ").append(task.title()).append(" — ").append(base.cpuNanos().length)
        .append(" rounds, ratios to ").append(base.contender()).append("\n\n");
    out.append("| contender | client CPU/op ratio | IQR | B/op ratio | IQR "
        + "| CPU µs/op (median) | B/op (median) | calling threads' CPU/op ratio "
        + "| calling threads' CPU µs/op (median) |\n");
    out.append("|---|---|---|---|---|---|---|---|---|\n");
    for (Series s : series) {
      Rounds.Spread cpu = Rounds.spread(Rounds.ratios(s.cpuNanos(), base.cpuNanos()));
      Rounds.Spread mem = Rounds.spread(Rounds.ratios(s.bytes(), base.bytes()));
      Rounds.Spread calling = Rounds.spread(Rounds.ratios(s.callerNanos(), base.callerNanos()));
      out.append(String.format(Locale.ROOT,
          "| %s | %.2f× | %.2f–%.2f | %.2f× | %.2f–%.2f | %.1f | %.0f | %.2f× | %.1f |%n",
          s.contender(), cpu.median(), cpu.q1(), cpu.q3(), mem.median(), mem.q1(), mem.q3(),
          Rounds.spread(s.cpuNanos()).median() / 1e3, Rounds.spread(s.bytes()).median(),
          calling.median(), Rounds.spread(s.callerNanos()).median() / 1e3));
    }
    return out.toString();
  }

  /**
   * The mode's command line: {@code [--rounds N] [--warmup N] [--scale X] [--workloads a,b]
   * [--contenders c,d] [--jvm each|one]}; by default 600 warm-up and 600 recorded rounds of a few
   * milliseconds each (short rounds: a slow stretch of the host then spoils a few rounds, which
   * the median leaves out, instead of shifting every long one). {@code quick} runs 1 warm-up and
   * 3 rounds, which only shows that everything runs.
   *
   * <p>{@code --jvm each} (the default, but in quick mode) runs each workload in a JVM of its
   * own, started with this one's heap settings, as JMH forks a benchmark: in one JVM for every
   * workload, the JIT compiles the code the workloads share (a client's, OkHttp's, Jackson's)
   * for whichever ran before, and the ratios of a later workload then move from run to run with
   * what it compiled. {@code --jvm one} runs them all in this JVM (for a profiler attached to
   * it).
   */
  static String main(List<String> args, boolean quick, URI base, Path dir) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (int i = 0; i < args.size(); i++) {
      String a = args.get(i);
      if (!a.startsWith("--") || i + 1 >= args.size()) {
        throw new IllegalArgumentException("interleaved: expected --option value, got " + a);
      }
      opt.put(a.substring(2), args.get(++i));
    }
    int rounds = Integer.parseInt(opt.getOrDefault("rounds", quick ? "3" : "600"));
    int warmup = Integer.parseInt(opt.getOrDefault("warmup", quick ? "1" : "600"));
    double scale = Double.parseDouble(opt.getOrDefault("scale", "1"));
    List<String> only = opt.containsKey("workloads")
        ? List.of(opt.get("workloads").split(",")) : null;
    List<String> who = opt.containsKey("contenders")
        ? List.of(opt.get("contenders").split(",")) : null;
    for (String k : opt.keySet()) {
      if (!List.of("rounds", "warmup", "scale", "workloads", "contenders", "jvm").contains(k)) {
        throw new IllegalArgumentException("interleaved: unknown option --" + k);
      }
    }
    String jvm = opt.getOrDefault("jvm", quick ? "one" : "each");
    if (!jvm.equals("each") && !jvm.equals("one")) {
      throw new IllegalArgumentException("interleaved: --jvm each or --jvm one, got " + jvm);
    }
    if (rounds < 1 || warmup < 0 || !(scale > 0)) {
      throw new IllegalArgumentException("interleaved: rounds >= 1, warmup >= 0, scale > 0");
    }
    Interleaved driver = new Interleaved();
    StringBuilder md = new StringBuilder();
    Path scratch = Files.createTempDirectory("restsdk-bench");
    try {
      for (Task t : tasks()) {
        if (only != null && !only.contains(t.name())) continue;
        if (who != null) t = t.only(who);
        if (jvm.equals("each")) {
          md.append(forked(t.name(), args, base, scratch)).append('\n');
          continue;
        }
        System.out.println("# " + t.title() + ": " + warmup + " + " + rounds + " rounds");
        String table = table(t, driver.run(t, base, scratch, warmup, rounds, scale));
        System.out.println(table);
        md.append(table).append('\n');
      }
    } finally {
      Workload.deleteTree(scratch);
    }
    if (md.length() == 0) throw new IllegalArgumentException("interleaved: no such workload");
    Files.writeString(dir.resolve(quick ? "bench-interleaved-quick.md" : "bench-interleaved.md"),
        md.toString());
    return md.toString();
  }
}
