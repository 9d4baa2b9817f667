package io.restsdk.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Turns JMH's JSON result ({@code -rf json}) into markdown: time/op and allocated bytes/op of
 * every contender on every workload, the ratios to raw OkHttp + Jackson measured in the same
 * run, and whether the targets of the benchmark issue hold.
 *
 * <p>Time/op is the median of the measurement iterations, and the ratios are taken between
 * medians: on a shared 2-core machine one slow iteration moves a mean a lot and a median
 * little. JMH's mean and its 99.9% confidence half-width are shown beside it.
 *
 * <pre>{@code
 * java -cp sdk-bench/target/benchmarks.jar io.restsdk.bench.Report sdk-bench/target/jmh-result.json
 * }</pre>
 */
public final class Report {
  /** Workloads in table order: benchmark class → label. */
  static final Map<String, String> WORKLOADS = new LinkedHashMap<>();

  static {
    WORKLOADS.put("Get1k", "GET 1 KB (200)");
    WORKLOADS.put("Get100k", "GET 100 KB (200)");
    WORKLOADS.put("Revalidate100k", "GET 100 KB revalidated (304)");
    WORKLOADS.put("CreateFollow", "POST + follow Location");
    WORKLOADS.put("Modify", "modify (GET + PUT If-Match)");
    WORKLOADS.put("Get1kThreads4", "GET 1 KB (200), 4 threads");
    WORKLOADS.put("Revalidate100kThreads4", "GET 100 KB revalidated (304), 4 threads");
  }

  private static final String GC_NORM = "gc.alloc.rate.norm";

  private Report() {}

  public static void main(String[] args) throws IOException {
    Path json = Path.of(args.length > 0 ? args[0] : "sdk-bench/target/jmh-result.json");
    System.out.println(render(json, false));
  }

  /** One measured pair; NaN where the profiler did not run. */
  record Score(double time, double mean, double min, double max, int samples, String unit,
      double bytes, double clientCpu, double serverCpu) {
    boolean hasBytes() {
      return !Double.isNaN(bytes);
    }

    boolean hasCpu() {
      return !Double.isNaN(clientCpu);
    }
  }

  /** The markdown for the JMH JSON result in {@code json}. */
  static String render(Path json, boolean quick) throws IOException {
    Map<String, Map<String, Score>> byWorkload = read(json);
    StringBuilder out = new StringBuilder();
    if (quick) {
      out.append("_Quick mode: one short iteration each, to prove every benchmark runs. These ")
          .append("numbers are not measurements._\n\n");
    }
    out.append("| workload | contender | time/op | × okhttp | mean (min–max, n) | client CPU/op "
        + "| × okhttp | B/op | × okhttp | server CPU/op |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, Score>> w : byWorkload.entrySet()) {
      Map<String, Score> scores = w.getValue();
      Score base = scores.get(Contender.BASELINE);
      for (Map.Entry<String, Score> c : scores.entrySet()) {
        Score s = c.getValue();
        out.append("| ").append(label(w.getKey())).append(" | ")
            .append(c.getKey().equals(Contender.BASELINE) ? "**okhttp** (floor)" : c.getKey())
            .append(" | ").append(fmt(s.time)).append(' ').append(unit(s.unit))
            .append(" | ").append(ratio(s.time, base == null ? Double.NaN : base.time))
            .append(" | ").append(fmt(s.mean)).append(" (").append(fmt(s.min)).append('–')
            .append(fmt(s.max)).append(", ").append(s.samples).append(')')
            .append(" | ").append(s.hasCpu() ? fmt(s.clientCpu) + " µs" : "–")
            .append(" | ").append(s.hasCpu() && base != null && base.hasCpu()
                ? ratio(s.clientCpu, base.clientCpu) : "–")
            .append(" | ").append(s.hasBytes() ? bytes(s.bytes) : "–")
            .append(" | ").append(s.hasBytes() && base != null && base.hasBytes()
                ? ratio(s.bytes, base.bytes) : "–")
            .append(" | ").append(Double.isNaN(s.serverCpu) ? "–" : fmt(s.serverCpu) + " µs")
            .append(" |\n");
      }
    }
    out.append('\n').append(matrix(byWorkload));
    if (!quick) {
      out.append('\n').append(targets(byWorkload, "restsdk", "cache on, retries off"));
      out.append('\n').append(targets(byWorkload, "restsdk_defaults",
          "every default: cache on, 3 attempts"));
      out.append('\n').append(reuseTargets(byWorkload));
    }
    return out.toString();
  }

  /** Time ratios to okhttp, contenders × workloads, for reading at a glance. */
  private static String matrix(Map<String, Map<String, Score>> byWorkload) {
    StringBuilder out = new StringBuilder("Time/op (median) as a multiple of raw OkHttp + ")
        .append("Jackson (lower is better; B/op multiple in brackets):\n\n| contender |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String w : byWorkload.keySet()) {
      out.append(' ').append(label(w)).append(" |");
      rule.append("---:|");
    }
    out.append('\n').append(rule).append('\n');
    for (String c : Contender.NAMES) {
      if (byWorkload.values().stream().noneMatch(scores -> scores.containsKey(c))) continue;
      out.append("| ").append(c).append(" |");
      for (Map<String, Score> scores : byWorkload.values()) {
        Score s = scores.get(c);
        Score base = scores.get(Contender.BASELINE);
        out.append(' ');
        if (s == null || base == null) {
          out.append("–");
        } else {
          out.append(ratio(s.time, base.time));
          if (s.hasBytes() && base.hasBytes()) {
            out.append(" (").append(ratio(s.bytes, base.bytes)).append(')');
          }
        }
        out.append(" |");
      }
      out.append('\n');
    }
    return out.toString();
  }

  /** The targets, checked against this run for the restsdk contender {@code sdk}. */
  private static String targets(Map<String, Map<String, Score>> r, String sdk, String what) {
    List<String> lines = new ArrayList<>();
    Score sdk1k = get(r, "Get1k", sdk);
    Score ok1k = get(r, "Get1k", "okhttp");
    if (sdk1k != null && ok1k != null) {
      double t = sdk1k.time / ok1k.time;
      String line = check(t <= 1.10) + " " + sdk + " GET 1 KB: " + ratio(sdk1k.time, ok1k.time)
          + " raw OkHttp in time/op (target ≤ 1.10×)";
      if (sdk1k.hasBytes() && ok1k.hasBytes()) {
        double b = sdk1k.bytes / ok1k.bytes;
        line = check(t <= 1.10 && b <= 1.25) + line.substring(line.indexOf(' '))
            + ", " + ratio(sdk1k.bytes, ok1k.bytes) + " in B/op (target ≤ 1.25×)";
      }
      lines.add(line);
    }
    Score sdk304 = get(r, "Revalidate100k", sdk);
    Score ok304 = get(r, "Revalidate100k", "okhttp");
    Score cache304 = get(r, "Revalidate100k", "okhttp_cache");
    Score ok200 = get(r, "Get100k", "okhttp");
    Score reuse304 = get(r, "Revalidate100k", "okhttp_reuse");
    if (sdk304 != null && ok304 != null) {
      String floor = ok200 == null ? ""
          : "; the floor itself costs " + ratio(ok304.time, ok200.time) + " a full 100 KB 200"
              + (reuse304 == null ? "" : ", and " + ratio(reuse304.time, ok200.time)
                  + " when it keeps the decoded item instead (okhttp_reuse)");
      lines.add(check(sdk304.time / ok304.time <= 1.20) + " " + sdk + " 304 path, 100 KB: "
          + ratio(sdk304.time, ok304.time) + " raw OkHttp keeping ETags by hand (target ≤ 1.20×)"
          + floor);
    }
    if (sdk304 != null && cache304 != null) {
      lines.add(check(cache304.time / sdk304.time >= 10) + " " + sdk + " 304 path vs OkHttp's disk "
          + "Cache: " + String.format(Locale.ROOT, "%.1f×", cache304.time / sdk304.time)
          + " cheaper (target ≥ 10×)");
    }
    Score sdkPost = get(r, "CreateFollow", sdk);
    Score okPost = get(r, "CreateFollow", "okhttp");
    if (sdkPost != null && okPost != null) {
      lines.add(check(sdkPost.time / okPost.time <= 1.10) + " " + sdk + " POST + follow Location: "
          + ratio(sdkPost.time, okPost.time) + " raw OkHttp (target ≤ 1.10×)");
    }
    for (String rival : List.of("retrofit", "feign", "jdk")) {
      List<String> behind = new ArrayList<>();
      List<String> close = new ArrayList<>();
      int compared = 0;
      for (Map.Entry<String, Map<String, Score>> w : r.entrySet()) {
        Score us = w.getValue().get(sdk);
        Score them = w.getValue().get(rival);
        if (us == null || them == null) continue;
        compared++;
        if (us.time >= them.time) behind.add(label(w.getKey()));
        else if (us.time >= 0.95 * them.time) close.add(label(w.getKey()));
      }
      if (compared == 0) continue;
      String line = check(behind.isEmpty()) + " " + sdk + " ahead of " + rival + " on "
          + (compared - behind.size()) + " of " + compared + " workloads";
      if (!behind.isEmpty()) line += "; behind on: " + String.join(", ", behind);
      if (!close.isEmpty()) line += "; ahead by less than 5% on: " + String.join(", ", close);
      lines.add(line);
    }
    if (lines.isEmpty()) return "";
    StringBuilder out = new StringBuilder("Targets for `" + sdk + "` (" + what + "):\n\n");
    for (String l : lines) out.append("- ").append(l).append('\n');
    return out.toString();
  }

  /**
   * The 304 targets for {@code restsdk_reuse} (decoded bodies reused), whose floor is raw
   * OkHttp keeping the decoded item by hand ({@code okhttp_reuse}): the floor of
   * 0.10–0.12× a full 200 is a 304 that skips the decode.
   */
  private static String reuseTargets(Map<String, Map<String, Score>> r) {
    List<String> lines = new ArrayList<>();
    Score ok200 = get(r, "Get100k", "okhttp");
    for (String w : List.of("Revalidate100k", "Revalidate100kThreads4")) {
      Score us = get(r, w, "restsdk_reuse");
      Score floor = get(r, w, "okhttp_reuse");
      Score cache = get(r, w, "okhttp_cache");
      if (us == null) continue;
      if (floor != null) {
        String cost = ok200 == null || !w.equals("Revalidate100k") ? ""
            : "; it costs " + ratio(us.time, ok200.time) + " a full 100 KB 200 (the floor "
                + ratio(floor.time, ok200.time) + ")";
        String bytes = us.hasBytes() && floor.hasBytes()
            ? ", " + bytes(us.bytes) + " B/op against " + bytes(floor.bytes) : "";
        lines.add(check(us.time / floor.time <= 1.20) + " restsdk_reuse " + label(w) + ": "
            + ratio(us.time, floor.time) + " raw OkHttp keeping the decoded item by hand "
            + "(target ≤ 1.20×)" + bytes + cost);
      }
      if (cache != null) {
        lines.add(check(cache.time / us.time >= 10) + " restsdk_reuse " + label(w)
            + " vs OkHttp's disk Cache: " + String.format(Locale.ROOT, "%.1f×",
                cache.time / us.time) + " cheaper in time/op (target ≥ 10×)"
            + (us.hasCpu() && cache.hasCpu() ? ", " + String.format(Locale.ROOT, "%.1f×",
                cache.clientCpu / us.clientCpu) + " in client CPU/op" : ""));
      }
      for (String rival : List.of("retrofit", "feign", "jdk")) {
        Score them = get(r, w, rival);
        if (them != null && us.time >= them.time) {
          lines.add("❌ restsdk_reuse " + label(w) + " behind " + rival);
        }
      }
    }
    if (lines.isEmpty()) return "";
    StringBuilder out = new StringBuilder("Targets for `restsdk_reuse` (cache on, retries off, "
        + "`reuseDecodedBodies(true)`; 304 workloads only):\n\n");
    for (String l : lines) out.append("- ").append(l).append('\n');
    return out.toString();
  }

  private static @Nullable Score get(Map<String, Map<String, Score>> r, String w, String c) {
    Map<String, Score> m = r.get(w);
    return m == null ? null : m.get(c);
  }

  private static String check(boolean ok) {
    return ok ? "✅" : "❌";
  }

  /** Writes the runs of several JMH JSON results into one. */
  static void merge(List<Path> files, Path into) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    com.fasterxml.jackson.databind.node.ArrayNode all = mapper.createArrayNode();
    for (Path f : files) {
      for (JsonNode run : mapper.readTree(f.toFile())) all.add(run);
    }
    mapper.writerWithDefaultPrettyPrinter().writeValue(into.toFile(), all);
  }

  /**
   * workload → contender → score, both in the suite's order. Runs of the same pair (rounds,
   * forks) are pooled: every measurement iteration counts once.
   */
  static Map<String, Map<String, Score>> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    Map<String, Map<String, List<JsonNode>>> runs = new LinkedHashMap<>();
    for (JsonNode run : root) {
      String benchmark = run.path("benchmark").asText();
      String[] parts = benchmark.split("\\.");
      String workload = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
      String contender = run.path("params").path("contender").asText("?");
      runs.computeIfAbsent(workload, k -> new LinkedHashMap<>())
          .computeIfAbsent(contender, k -> new ArrayList<>()).add(run);
    }
    Map<String, Map<String, Score>> ordered = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(WORKLOADS.keySet());
    for (String w : runs.keySet()) if (!names.contains(w)) names.add(w);
    for (String w : names) {
      Map<String, List<JsonNode>> byContender = runs.get(w);
      if (byContender == null) continue;
      List<String> contenders = new ArrayList<>();
      for (String c : Contender.NAMES) if (byContender.containsKey(c)) contenders.add(c);
      for (String c : byContender.keySet()) if (!contenders.contains(c)) contenders.add(c);
      Map<String, Score> scores = new LinkedHashMap<>();
      for (String c : contenders) scores.put(c, pool(byContender.get(c)));
      ordered.put(w, scores);
    }
    return ordered;
  }

  private static Score pool(List<JsonNode> runs) {
    List<Double> iterations = new ArrayList<>();
    double bytes = 0;
    double clientCpu = 0;
    double serverCpu = 0;
    String unit = "";
    for (JsonNode run : runs) {
      JsonNode primary = run.path("primaryMetric");
      unit = primary.path("scoreUnit").asText();
      for (JsonNode fork : primary.path("rawData")) {
        for (JsonNode v : fork) iterations.add(v.asDouble());
      }
      if (primary.path("rawData").isEmpty()) iterations.add(primary.path("score").asDouble());
      JsonNode secondary = run.path("secondaryMetrics");
      JsonNode gc = gcNorm(secondary);
      bytes += gc == null ? Double.NaN : gc.path("score").asDouble();
      clientCpu += score(secondary.path("cpu.client"));
      serverCpu += score(secondary.path("cpu.server"));
    }
    iterations.sort(null);
    int n = iterations.size();
    double median = n % 2 == 1 ? iterations.get(n / 2)
        : (iterations.get(n / 2 - 1) + iterations.get(n / 2)) / 2;
    double mean = iterations.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    int k = runs.size();
    return new Score(median, mean, iterations.get(0), iterations.get(n - 1), n, unit, bytes / k,
        clientCpu / k, serverCpu / k);
  }

  private static @Nullable JsonNode gcNorm(JsonNode secondary) {
    for (Map.Entry<String, JsonNode> e : secondary.properties()) {
      if (e.getKey().endsWith(GC_NORM)) return e.getValue();
    }
    return null;
  }

  private static double score(JsonNode metric) {
    return metric.isMissingNode() ? Double.NaN : metric.path("score").asDouble(Double.NaN);
  }

  private static String label(String workload) {
    return WORKLOADS.getOrDefault(workload, workload);
  }

  private static String unit(String jmhUnit) {
    return jmhUnit.replace("us/op", "µs").replace("ms/op", "ms").replace("ns/op", "ns");
  }

  private static String fmt(double v) {
    if (v >= 100) return String.format(Locale.ROOT, "%.0f", v);
    if (v >= 10) return String.format(Locale.ROOT, "%.1f", v);
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static String bytes(double v) {
    return String.format(Locale.ROOT, "%,.0f", v);
  }

  private static String ratio(double v, double base) {
    if (Double.isNaN(v) || Double.isNaN(base) || base == 0) return "–";
    return String.format(Locale.ROOT, "%.2f×", v / base);
  }
}
