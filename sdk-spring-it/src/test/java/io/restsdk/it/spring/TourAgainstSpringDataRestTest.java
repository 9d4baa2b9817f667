package io.restsdk.it.spring;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.restsdk.examples.StepResult;
import io.restsdk.examples.Tour;
import io.restsdk.examples.TourOptions;
import io.restsdk.examples.TourResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The examples' tour, end to end, against a real Spring Data REST application: HAL bodies,
 * associations only as links, 201s with bodies, pages as the framework sends them. Every step
 * must pass; none may be skipped. The application runs on its own (with {@link TourSecurity}'s
 * tokens and failing path), started here and closed after the test.
 */
class TourAgainstSpringDataRestTest {
  private static SpringDataRestServer.Running app;

  @BeforeAll
  static void start() {
    app = SpringDataRestServer.Running.start(Map.of(
        "it.tour.token", "tour-rw", "it.tour.read-only-token", "tour-ro"));
  }

  @AfterAll
  static void stop() {
    if (app != null) app.close();
  }

  @Test
  void everyStepPasses() {
    TourOptions options = TourOptions.parse(new String[] {
        "--base-url", app.baseUrl, "--token", "tour-rw", "--read-only-token", "tour-ro",
        "--fail-path", "debug/fail"}, Map.of());
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    TourResult result;
    try (PrintStream out = new PrintStream(printed, true, UTF_8)) {
      result = Tour.run(options, out);
    }
    String transcript = printed.toString(UTF_8);
    List<StepResult> notPassed = result.steps().stream()
        .filter(s -> s.verdict() != StepResult.Verdict.PASSED).toList();
    assertEquals(List.of(), notPassed, transcript);
    assertEquals(result.steps().size(), result.passed(), transcript);
  }
}
