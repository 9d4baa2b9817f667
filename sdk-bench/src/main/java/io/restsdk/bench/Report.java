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
  record Score(double time, double timeError, String unit, double bytes, double bytesError,
      double clientCpu, double serverCpu) {
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
    out.append("| workload | contender | time/op | × okhttp | client CPU/op | × okhttp "
        + "| B/op | × okhttp | server CPU/op |\n");
    out.append("|---|---|---:|---:|---:|---:|---:|---:|---:|\n");
    for (Map.Entry<String, Map<String, Score>> w : byWorkload.entrySet()) {
      Map<String, Score> scores = w.getValue();
      Score base = scores.get(Contender.BASELINE);
      for (Map.Entry<String, Score> c : scores.entrySet()) {
        Score s = c.getValue();
        out.append("| ").append(label(w.getKey())).append(" | ")
            .append(c.getKey().equals(Contender.BASELINE) ? "**okhttp** (floor)" : c.getKey())
            .append(" | ").append(fmt(s.time))
            .append(s.timeError > 0 ? " ± " + fmt(s.timeError) : "").append(' ')
            .append(s.unit.replace("us/op", "µs"))
            .append(" | ").append(ratio(s.time, base == null ? Double.NaN : base.time))
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
    }
    return out.toString();
  }

  /** Time ratios to okhttp, contenders × workloads, for reading at a glance. */
  private static String matrix(Map<String, Map<String, Score>> byWorkload) {
    StringBuilder out = new StringBuilder("Time/op as a multiple of raw OkHttp + Jackson ")
        .append("(lower is better; B/op multiple in brackets):\n\n| contender |");
    StringBuilder rule = new StringBuilder("|---|");
    for (String w : byWorkload.keySet()) {
      out.append(' ').append(label(w)).append(" |");
      rule.append("---:|");
    }
    out.append('\n').append(rule).append('\n');
    for (String c : Contender.NAMES) {
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
        else if (us.time + us.timeError >= them.time - them.timeError) close.add(label(w.getKey()));
      }
      if (compared == 0) continue;
      String line = check(behind.isEmpty()) + " " + sdk + " ahead of " + rival + " on "
          + (compared - behind.size()) + " of " + compared + " workloads";
      if (!behind.isEmpty()) line += "; behind on: " + String.join(", ", behind);
      if (!close.isEmpty()) line += "; ahead within the error bars on: " + String.join(", ", close);
      lines.add(line);
    }
    if (lines.isEmpty()) return "";
    StringBuilder out = new StringBuilder("Targets for `" + sdk + "` (" + what + "):\n\n");
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

  /** workload → contender → score, both in the suite's order. */
  static Map<String, Map<String, Score>> read(Path json) throws IOException {
    JsonNode root = new ObjectMapper().readTree(json.toFile());
    Map<String, Map<String, Score>> unordered = new LinkedHashMap<>();
    for (JsonNode run : root) {
      String benchmark = run.path("benchmark").asText();
      String[] parts = benchmark.split("\\.");
      String workload = parts.length >= 2 ? parts[parts.length - 2] : benchmark;
      String contender = run.path("params").path("contender").asText("?");
      JsonNode primary = run.path("primaryMetric");
      JsonNode secondary = run.path("secondaryMetrics");
      JsonNode gc = gcNorm(secondary);
      Score s = new Score(primary.path("score").asDouble(), error(primary),
          primary.path("scoreUnit").asText(), gc == null ? Double.NaN : gc.path("score").asDouble(),
          gc == null ? Double.NaN : error(gc), score(secondary.path("cpu.client")),
          score(secondary.path("cpu.server")));
      unordered.computeIfAbsent(workload, k -> new LinkedHashMap<>()).put(contender, s);
    }
    Map<String, Map<String, Score>> ordered = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(WORKLOADS.keySet());
    for (String w : unordered.keySet()) if (!names.contains(w)) names.add(w);
    for (String w : names) {
      Map<String, Score> scores = unordered.get(w);
      if (scores == null) continue;
      Map<String, Score> byContender = new LinkedHashMap<>();
      for (String c : Contender.NAMES) if (scores.containsKey(c)) byContender.put(c, scores.get(c));
      scores.forEach(byContender::putIfAbsent);
      ordered.put(w, byContender);
    }
    return ordered;
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

  /** The 99.9% confidence half-width; 0 where JMH has none (a single iteration writes "NaN"). */
  private static double error(JsonNode metric) {
    JsonNode e = metric.path("scoreError");
    double v = e.isNumber() ? e.asDouble() : Double.NaN;
    return Double.isNaN(v) ? 0 : v;
  }

  private static String label(String workload) {
    return WORKLOADS.getOrDefault(workload, workload);
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
