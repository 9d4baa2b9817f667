package io.restsdk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The report reads JMH's JSON as JMH writes it: medians, pooled rounds, ratios, targets. */
class ReportTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir Path dir;

  /** One JMH run of {@code workload} for {@code contender}: one fork with these iterations. */
  private static ObjectNode run(String workload, String contender, double bytes, double cpu,
      double... iterations) {
    ObjectNode run = MAPPER.createObjectNode();
    run.put("benchmark", "io.restsdk.bench." + workload + ".run");
    run.putObject("params").put("contender", contender);
    ObjectNode primary = run.putObject("primaryMetric");
    primary.put("scoreUnit", "us/op");
    ArrayNode fork = primary.putArray("rawData").addArray();
    for (double v : iterations) fork.add(v);
    ObjectNode secondary = run.putObject("secondaryMetrics");
    secondary.putObject("·gc.alloc.rate.norm").put("score", bytes);
    secondary.putObject("cpu.client").put("score", cpu);
    secondary.putObject("cpu.server").put("score", 10.0);
    return run;
  }

  private Path write(ObjectNode... runs) throws IOException {
    ArrayNode all = MAPPER.createArrayNode();
    for (ObjectNode r : runs) all.add(r);
    Path json = dir.resolve("result.json");
    MAPPER.writeValue(json.toFile(), all);
    return json;
  }

  @Test
  void roundsArePooledAndTheMedianIsTakenOverEveryIteration() throws IOException {
    Path json = write(
        run("Get1k", "okhttp", 1000, 90, 100, 300, 110),
        run("Get1k", "okhttp", 1000, 110, 90, 105, 95),
        run("Get1k", "restsdk", 1200, 100, 120, 1000, 115));
    Map<String, Map<String, Report.Score>> r = Report.read(json);
    Report.Score ok = r.get("Get1k").get("okhttp");
    assertEquals(6, ok.samples());
    assertEquals(102.5, ok.time(), 1e-9, "median of 90, 95, 100, 105, 110, 300");
    assertEquals(90, ok.min(), 1e-9);
    assertEquals(300, ok.max(), 1e-9);
    assertEquals(100, ok.clientCpu(), 1e-9, "profiler scores averaged over the rounds");
    assertEquals(120, r.get("Get1k").get("restsdk").time(), 1e-9);
  }

  @Test
  void targetsAreCheckedAgainstTheRightFloor() throws IOException {
    Path json = write(
        run("Get1k", "okhttp", 1000, 100, 100),
        run("Get1k", "restsdk", 1200, 105, 105),
        run("Get100k", "okhttp", 40000, 600, 600),
        run("Revalidate100k", "okhttp", 40000, 450, 450),
        run("Revalidate100k", "restsdk", 40000, 460, 460),
        run("Revalidate100k", "okhttp_reuse", 800, 140, 140),
        run("Revalidate100k", "restsdk_reuse", 1000, 150, 150),
        run("Revalidate100k", "okhttp_cache", 41000, 1000, 1000),
        run("Revalidate100k", "retrofit", 40000, 455, 455));
    String md = Report.render(json, false);
    List<String> lines = md.lines().toList();
    assertTrue(lines.contains("- ✅ restsdk GET 1 KB: 1.05× raw OkHttp in time/op (target ≤ 1.10×),"
        + " 1.20× in B/op (target ≤ 1.25×)"), md);
    assertTrue(md.contains("- ❌ restsdk 304 path vs OkHttp's disk Cache: 2.2× cheaper"), md);
    assertTrue(md.contains("- ✅ restsdk_reuse GET 100 KB revalidated (304): 1.07× raw OkHttp"
        + " keeping the decoded item by hand (target ≤ 1.20×), 1,000 B/op against 800;"
        + " it costs 0.25× a full 100 KB 200 (the floor 0.23×)"), md);
    assertTrue(md.contains("- ❌ restsdk_reuse GET 100 KB revalidated (304) vs OkHttp's disk"
        + " Cache: 6.7× cheaper in time/op (target ≥ 10×), 6.7× in client CPU/op"), md);
    assertTrue(md.contains("- ❌ restsdk ahead of retrofit on 0 of 1 workloads; behind on:"
        + " GET 100 KB revalidated (304)"), md);
    assertTrue(md.contains("| restsdk_reuse | – | – | 0.33× (0.03×) |"), md);
  }
}
