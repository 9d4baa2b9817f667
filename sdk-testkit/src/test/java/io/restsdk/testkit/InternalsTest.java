package io.restsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Unit tests of the package-private building blocks. */
class InternalsTest {

  @Test
  void mergePatchFollowsTheExamplesOfRfc7396() throws Exception {
    String[][] cases = {
      {"{\"a\":\"b\"}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"b\":\"c\"}", "{\"a\":\"b\",\"b\":\"c\"}"},
      {"{\"a\":\"b\"}", "{\"a\":null}", "{}"},
      {"{\"a\":\"b\",\"b\":\"c\"}", "{\"a\":null}", "{\"b\":\"c\"}"},
      {"{\"a\":[\"b\"]}", "{\"a\":\"c\"}", "{\"a\":\"c\"}"},
      {"{\"a\":\"c\"}", "{\"a\":[\"b\"]}", "{\"a\":[\"b\"]}"},
      {"{\"a\":{\"b\":\"c\"}}", "{\"a\":{\"b\":\"d\",\"c\":null}}", "{\"a\":{\"b\":\"d\"}}"},
      {"{\"a\":[{\"b\":\"c\"}]}", "{\"a\":[1]}", "{\"a\":[1]}"},
      {"[\"a\",\"b\"]", "[\"c\",\"d\"]", "[\"c\",\"d\"]"},
      {"{\"a\":\"b\"}", "[\"c\"]", "[\"c\"]"},
      {"{\"a\":\"foo\"}", "null", "null"},
      {"{\"a\":\"foo\"}", "\"bar\"", "\"bar\""},
      {"{\"e\":null}", "{\"a\":1}", "{\"e\":null,\"a\":1}"},
      {"[1,2]", "{\"a\":\"b\",\"c\":null}", "{\"a\":\"b\"}"},
      {"{}", "{\"a\":{\"bb\":{\"ccc\":null}}}", "{\"a\":{\"bb\":{}}}"},
    };
    for (String[] c : cases) {
      JsonNode target = Json.parse(c[0]);
      JsonNode result = MergePatch.apply(target, Json.parse(c[1]));
      assertEquals(Json.parse(c[2]), result, c[0] + " + " + c[1]);
      assertEquals(Json.parse(c[0]), target, "the target is not modified");
    }
  }

  @Test
  void entityTagListsAreSplitOutsideQuotes() {
    assertEquals(List.of("\"a\"", "W/\"b,c\"", "\"d\""), Preconditions.parseList(" \"a\" , W/\"b,c\",\"d\", "));
  }

  @Test
  void preconditionOrderFollowsRfc9110() {
    String etag = "\"v1\"";
    assertEquals(Preconditions.Outcome.PROCEED, Preconditions.evaluate("PUT", etag, etag, null));
    assertEquals(Preconditions.Outcome.FAILED, Preconditions.evaluate("PUT", etag, "\"v0\"", null));
    assertEquals(Preconditions.Outcome.FAILED, Preconditions.evaluate("PUT", null, "*", null));
    assertEquals(Preconditions.Outcome.NOT_MODIFIED, Preconditions.evaluate("GET", etag, null, "W/\"v1\""));
    assertEquals(Preconditions.Outcome.FAILED, Preconditions.evaluate("DELETE", etag, null, "*"));
    assertEquals(Preconditions.Outcome.FAILED, Preconditions.evaluate("GET", etag, "\"v0\"", etag));
    assertTrue(Preconditions.ifNoneMatchPasses(null, "*"));
    assertFalse(Preconditions.ifMatchPasses(etag, "W/\"v1\""));
  }

  @Test
  void pathPatterns() {
    assertTrue(PathPattern.matchesPath("books/1", "/v1/books/1", "/v1/"));
    assertTrue(PathPattern.matchesPath("/books/1", "/v1/books/1", "/v1/"));
    assertTrue(PathPattern.matchesPath("/v1/books/1", "/v1/books/1", "/v1/"));
    assertTrue(PathPattern.matchesPath("books/*", "/v1/books/7", "/v1/"));
    assertTrue(PathPattern.matchesPath("/v1/books/*", "/v1/books/7", "/v1/"));
    assertTrue(PathPattern.matchesPath("*", "/anything", "/v1/"));
    assertFalse(PathPattern.matchesPath("books/*", "/v1/books", "/v1/"));
    assertFalse(PathPattern.matchesPath("books/1", "/v1/books/10", "/v1/"));
    assertTrue(PathPattern.matches("*", "books", "PATCH", "/v1/books", "/v1/"));
    assertFalse(PathPattern.matches("GET", "books", "POST", "/v1/books", "/v1/"));
  }

  @Test
  void bearerTokensAreParsedCaseInsensitively() {
    assertEquals("abc", Auth.bearer("Bearer abc"));
    assertEquals("abc", Auth.bearer("bearer  abc "));
    assertEquals(null, Auth.bearer("Basic abc"));
    assertEquals(null, Auth.bearer("Bearer "));
    assertEquals(null, Auth.bearer(null));
  }
}
