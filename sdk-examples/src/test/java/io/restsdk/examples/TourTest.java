package io.restsdk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.BodyCodec;
import io.restsdk.core.Jackson2Codec;
import io.restsdk.jackson3.Jackson3Codec;
import io.restsdk.testkit.MockApiServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TourTest {
  private static final List<String> LABELS = List.of(
      "1", "2", "3a", "3b", "3c", "3d", "4", "5", "6", "7", "8", "9", "10", "11a", "11b", "12", "13a", "13b");

  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(printed, true, UTF_8);

  /** The codec named by the tour tests' parameter: the default Jackson 2 one, or Jackson 3's. */
  static BodyCodec codec(String name) {
    return name.equals("jackson3")
        ? Jackson3Codec.of(tools.jackson.databind.json.JsonMapper.builder().build())
        : Jackson2Codec.defaults();
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jackson2", "jackson3"})
  void everyStepPassesAgainstTheInProcessFake(String codec) {
    TourResult result = Tour.run(TourOptions.fake(), out, codec(codec));

    assertEquals(0, result.failed(), this::output);
    assertEquals(0, result.skipped(), this::output);
    assertEquals(LABELS, result.steps().stream().map(StepResult::label).toList());
    assertEquals(18, result.passed());

    Map<String, StepResult> steps = byLabel(result);
    assertStep(steps.get("3c"), "GET", "/v1/authors/1", List.of(304),
        "client.get(book.author()): GET /v1/authors/1 → 304, Author \"Ursula K. Le Guin\" id=1");
    assertStep(steps.get("3d"), "GET", "/v1/books?page=0&size=1", List.of(200, 200),
        "list(page=0, size=1) → \"The Dispossessed\" of 2; next(page) by the Link header → "
            + "\"The Left Hand of Darkness\"");
    assertStep(steps.get("1"), "POST", "/v1/authors", List.of(201), "Created; Location followed");
    assertStep(steps.get("2"), "POST", "/v1/books", List.of(201), "Created, Location /v1/books/1");
    assertStep(steps.get("3a"), "GET", "/v1/books/1", List.of(200), "Ok Book \"The Dispossessed\"");
    assertStep(steps.get("3b"), "GET", "/v1/books/1", List.of(304), "Ok (revalidated from cache)");
    assertStep(steps.get("4"), "PUT", "/v1/books/1", List.of(204), "NoContent, If-Match \"");
    assertStep(steps.get("5"), "PUT", "/v1/books/1", List.of(412), "PreconditionFailed: PUT /v1/books/1 → 412");
    assertStep(steps.get("6"), "PUT", "/v1/authors/1", List.of(412, 204), "modify: 412 (a second client renamed the author in between)");
    assertStep(steps.get("7"), "POST", "/v1/authors", List.of(409), "Conflict: POST /v1/authors → 409");
    assertStep(steps.get("8"), "DELETE", "/v1/authors/1", List.of(409),
        "Conflict: DELETE /v1/authors/1 → 409 Conflict: authors/1 is still referenced by books/1");
    assertStep(steps.get("9"), "GET", "/v1/books/987654321", List.of(404), "NotFound");
    assertStep(steps.get("10"), "POST", "/v1/books", List.of(400), "BadRequest: POST /v1/books → 400 Bad Request: Malformed JSON");
    assertStep(steps.get("11a"), "GET", "/v1/books/1", List.of(401), "Unauthorized");
    assertStep(steps.get("11b"), "PUT", "/v1/books/1", List.of(403), "Forbidden");
    assertTrue(steps.get("12").statuses().stream().allMatch(s -> s == 500), steps.get("12").line());
    assertTrue(steps.get("12").outcome().startsWith("InternalServerError {code=500, "
        + "type=\"Internal Server Error\", message=\"Scripted failure\"}"), steps.get("12").line());
    assertStep(steps.get("13a"), "DELETE", "/v1/books/1", List.of(204, 204), "NoContent");
    assertStep(steps.get("13b"), "DELETE", "/v1/authors/1", List.of(204), "NoContent");

    List<String> lines = output().lines().toList();
    assertTrue(lines.get(0).startsWith("restsdk tour of every status path in CONTRACT.md, against "
        + "the in-process fake server at http://127.0.0.1:"), lines.get(0));
    assertEquals("18 steps passed, 0 failed", lines.get(lines.size() - 1));
    assertEquals(20, lines.size(), output());
    assertEquals(" 3b. GET    /v1/books/1            → 304     Ok (revalidated from cache) etag=",
        lines.get(4).substring(0, lines.get(4).indexOf('"')));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"jackson2", "jackson3"})
  void everyStepPassesAgainstTheFakeAnsweringInHal(String codec) {
    TourResult result = Tour.run(TourOptions.fakeHal(), out, codec(codec));

    assertEquals(0, result.failed(), this::output);
    assertEquals(18, result.passed(), this::output);
    Map<String, StepResult> steps = byLabel(result);
    // The book has no author field on the wire, only _links.author: read by following it.
    assertStep(steps.get("3a"), "GET", "/v1/books/1", List.of(200), "Ok Book \"The Dispossessed\"");
    assertStep(steps.get("3c"), "GET", "/v1/authors/1", List.of(304),
        "follow(book, \"author\"): GET /v1/authors/1 → 304");
    assertStep(steps.get("3d"), "GET", "/v1/books?page=0&size=1", List.of(200, 200),
        "list(page=0, size=1) → \"The Dispossessed\" of 2; next(page) by the HAL _links.next");
    assertTrue(output().startsWith("restsdk tour of every status path in CONTRACT.md, against "
        + "the in-process fake server (HAL) at http://127.0.0.1:"), output());
  }

  @Test
  void realServerModeIdentifiesResourcesByLocationOnly() {
    try (MockApiServer server = MockApiServer.builder()
        .basePath("/api/v2/")
        .token("rw-3c1f9e")
        .readOnlyToken("ro-77b2aa")
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build()) {
      server.collection("authors").put("41", "{\"name\":\"Someone\",\"email\":\"s@example.com\"}");
      server.faults().failNext(100, "GET", "debug/fail", 500);

      TourResult result = Tour.run(TourOptions.real(server.baseUrl(), "rw-3c1f9e")
          .withReadOnlyToken("ro-77b2aa")
          .withFailPath("debug/fail"), out);

      assertEquals(0, result.failed(), this::output);
      assertEquals(18, result.passed());
      Map<String, StepResult> steps = byLabel(result);
      assertTrue(steps.get("6").path().startsWith("/api/v2/authors/"), steps.get("6").line());
      assertEquals("/api/v2/debug/fail", steps.get("12").path());
      assertTrue(output().startsWith("restsdk tour of every status path in CONTRACT.md, against "
          + server.baseUrl() + "\n"), output());
      assertFalse(output().contains("rw-3c1f9e"), "a token was printed");
      assertFalse(output().contains("ro-77b2aa"), "a token was printed");
      // Everything the tour made, it deleted: only the seeded author is left.
      assertEquals(List.of("41"), server.collection("authors").ids());
      assertEquals(0, server.collection("books").size());
    }
  }

  @Test
  void stepsTheServerCannotBeMadeToDoAreSkipped() {
    try (MockApiServer server = startServer()) {
      TourResult result = Tour.run(TourOptions.real(server.baseUrl(), server.token()), out);

      assertEquals(16, result.passed(), this::output);
      assertEquals(0, result.failed(), this::output);
      assertEquals(2, result.skipped());
      Map<String, StepResult> steps = byLabel(result);
      assertEquals(StepResult.Verdict.SKIPPED, steps.get("11b").verdict());
      assertEquals(StepResult.Verdict.SKIPPED, steps.get("12").verdict());
      assertTrue(output().contains("11b. PUT    /v1/books/1            → ---     "
          + "skipped: no --read-only-token given"), output());
      assertTrue(output().contains(" 12. GET    (no --fail-path)       → ---     "
          + "skipped: no --fail-path given"), output());
      assertTrue(output().endsWith("16 steps passed, 0 failed, 2 skipped\n"), output());
    }
  }

  @Test
  void aStatusOutsideTheContractFailsThatStepOnly() {
    try (MockApiServer server = startServer()) {
      server.faults().failNext(1, "GET", "books/" + Tour.MISSING_ID, 410);

      TourResult result = run(server);

      assertEquals(1, result.failed(), this::output);
      assertEquals(17, result.passed());
      StepResult nine = byLabel(result).get("9");
      assertEquals(StepResult.Verdict.FAILED, nine.verdict());
      assertEquals(List.of(410), nine.statuses());
      assertTrue(nine.line().startsWith("  9. GET    /v1/books/987654321    → 410     ✗ FAILED: "
          + "expected NotFound, got Other: GET /v1/books/987654321 → 410 Gone"), nine.line());
      assertTrue(output().endsWith("17 steps passed, 1 failed\n"), output());
    }
  }

  @Test
  void whatAFailedStepLeavesBehindIsDeletedFromARealServer() {
    try (MockApiServer server = startServer()) {
      server.faults().failNext(1, "DELETE", "books/*", 403);

      TourResult result = run(server);

      Map<String, StepResult> steps = byLabel(result);
      assertEquals(2, result.failed(), this::output);
      assertTrue(steps.get("13a").outcome().startsWith("unexpected Forbidden: DELETE /v1/books/1 → 403"),
          steps.get("13a").line());
      assertEquals("not run: step 13a did not delete the book", steps.get("13b").outcome());
      assertTrue(output().contains("     cleanup: deleted /v1/books/1\n"
          + "     cleanup: deleted /v1/authors/1\n"), output());
      assertEquals(0, server.collection("books").size());
      assertEquals(0, server.collection("authors").size());
    }
  }

  @Test
  void whenTheFirstStepFailsTheOthersSayWhyTheyDidNotRun() {
    try (MockApiServer server = startServer()) {
      server.faults().failNext(1, "POST", "authors", 403);

      TourResult result = run(server);

      Map<String, StepResult> steps = byLabel(result);
      assertTrue(steps.get("1").outcome().startsWith("unexpected Forbidden"), steps.get("1").line());
      assertEquals("not run: step 1 created no author", steps.get("2").outcome());
      assertEquals("not run: step 2 created no book", steps.get("3a").outcome());
      assertEquals(List.of(), steps.get("3a").statuses());
      // Steps that need nothing from earlier ones still run.
      assertEquals(StepResult.Verdict.PASSED, steps.get("9").verdict());
      assertEquals(StepResult.Verdict.PASSED, steps.get("10").verdict());
      assertTrue(result.failed() > 0);
      assertEquals(0, server.collection("authors").size());
    }
  }

  private TourResult run(MockApiServer server) {
    server.faults().failNext(100, "GET", "fail", 500);
    return Tour.run(TourOptions.real(server.baseUrl(), server.token())
        .withReadOnlyToken(server.readOnlyToken())
        .withFailPath("fail"), out);
  }

  private static MockApiServer startServer() {
    return MockApiServer.builder()
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build();
  }

  private static void assertStep(
      StepResult step, String method, String path, List<Integer> statuses, String outcomeStart) {
    assertEquals(StepResult.Verdict.PASSED, step.verdict(), step.line());
    assertEquals(method, step.method(), step.line());
    assertEquals(path, step.path(), step.line());
    assertEquals(statuses, step.statuses(), step.line());
    assertTrue(step.outcome().startsWith(outcomeStart), step.line());
  }

  private static Map<String, StepResult> byLabel(TourResult result) {
    Map<String, StepResult> steps = new LinkedHashMap<>();
    result.steps().forEach(s -> steps.put(s.label(), s));
    return steps;
  }

  private String output() {
    return printed.toString(UTF_8);
  }
}
