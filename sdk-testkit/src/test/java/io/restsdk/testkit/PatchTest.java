package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PATCH: JSON merge patch (RFC 7396), JSON Patch (RFC 6902), 415 for anything else, If-Match. */
class PatchTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final String JSON_PATCH = "application/json-patch+json";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder().strictObserver(true)
        .collection("authors", c -> c.put("1", "{\"name\":\"Ursula\"}"))
        .collection("books", c -> c.reference("author", "authors")
            .put("1", "{\"title\":\"Dune\",\"year\":1965,\"tags\":[\"sf\",\"classic\"],\"meta\":{\"a/b\":1,\"m~n\":2}}"))
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void jsonPatchAppliesEveryOperationInOrder() throws Exception {
    String patch = """
        [
          {"op":"test","path":"/title","value":"Dune"},
          {"op":"test","path":"/year","value":1965.0},
          {"op":"replace","path":"/title","value":"Dune Messiah"},
          {"op":"add","path":"/tags/1","value":"herbert"},
          {"op":"add","path":"/tags/-","value":"last"},
          {"op":"remove","path":"/tags/0"},
          {"op":"move","path":"/published","from":"/year"},
          {"op":"copy","path":"/meta/copy","from":"/meta/a~1b"},
          {"op":"remove","path":"/meta/m~0n"}
        ]""";
    Http.Result result = patch(JSON_PATCH, patch).send();
    assertEquals(204, result.code(), result.body());
    assertEquals(result.etag(), server.collection("books").etag("1"));
    assertEquals(MAPPER.readTree("""
        {"title":"Dune Messiah","tags":["herbert","classic","last"],"meta":{"a/b":1,"copy":1},"id":"1","published":1965}"""),
        server.collection("books").get("1"));
  }

  @Test
  void aFailedTestIs409AndChangesNothing() throws Exception {
    String before = server.collection("books").etag("1");
    Http.Result result = patch(JSON_PATCH, """
        [{"op":"replace","path":"/title","value":"Changed"},{"op":"test","path":"/year","value":1966}]""").send();
    assertErrorBody(result, 409);
    assertTrue(result.body().contains("test failed at /year"), result.body());
    assertEquals(before, server.collection("books").etag("1"));
    assertEquals("Dune", server.collection("books").get("1").get("title").asText());
  }

  @Test
  void aPathThatDoesNotExistIs409() throws Exception {
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"remove\",\"path\":\"/missing\"}]").send(), 409);
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"replace\",\"path\":\"/tags/5\",\"value\":1}]").send(), 409);
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/nope/x\",\"value\":1}]").send(), 409);
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/tags/01\",\"value\":1}]").send(), 409);
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"move\",\"from\":\"/missing\",\"path\":\"/x\"}]").send(), 409);
  }

  @Test
  void aMalformedJsonPatchIs400() throws Exception {
    for (String bad : new String[] {
        "{\"op\":\"add\"}",
        "[{\"op\":\"frobnicate\",\"path\":\"/x\"}]",
        "[{\"path\":\"/x\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"x\",\"value\":1}]",
        "[{\"op\":\"add\",\"path\":\"/x\"}]",
        "[{\"op\":\"copy\",\"path\":\"/x\"}]",
        "[{\"op\":\"move\",\"from\":\"/meta\",\"path\":\"/meta/inner\"}]",
        "[{\"op\":\"add\",\"path\":\"/a~2\",\"value\":1}]",
        "[{\"op\":\"replace\",\"path\":\"\",\"value\":[1]}]",
        "[1]",
        "[{\"op\":",
        ""}) {
      assertErrorBody(patch(JSON_PATCH, bad).send(), 400);
    }
    assertEquals("Dune", server.collection("books").get("1").get("title").asText());
  }

  @Test
  void aJsonPatchIsCheckedForReferencesAndKeepsTheId() throws Exception {
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/author\",\"value\":\"" + server.baseUrl() + "authors/9\"}]").send(), 409);
    assertEquals(204, patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/author\",\"value\":\"" + server.baseUrl() + "authors/1\"}]").send().code());
    assertEquals(204, patch(JSON_PATCH, "[{\"op\":\"replace\",\"path\":\"/id\",\"value\":\"other\"}]").send().code());
    assertEquals("1", server.collection("books").get("1").get("id").asText());
    assertEquals(server.baseUrl() + "authors/1", server.collection("books").get("1").get("author").asText());
  }

  @Test
  void mergePatchAndPlainJsonAreMergePatches() throws Exception {
    assertEquals(204, patch(MERGE_PATCH + "; charset=utf-8", "{\"year\":null}").send().code());
    assertEquals(204, patch("application/json", "{\"title\":\"D\"}").send().code());
    JsonNode stored = server.collection("books").get("1");
    assertEquals("D", stored.get("title").asText());
    assertFalse(stored.has("year"));
  }

  @Test
  void otherContentTypesAre415WithAcceptPatch() throws Exception {
    for (String type : new String[] {"text/plain", "application/xml", "application/x-www-form-urlencoded"}) {
      Http.Result result = patch(type, "{\"title\":\"x\"}").send();
      assertErrorBody(result, 415);
      assertEquals(ApiHandler.ACCEPT_PATCH, result.header("Accept-Patch"));
    }
    assertEquals("Dune", server.collection("books").get("1").get("title").asText());
    // PUT and POST are not affected by the PATCH media types.
    assertEquals(204, Http.request(server, "PUT", "books/1").body("{\"title\":\"Put\"}").send().code());
  }

  @Test
  void ifMatchGuardsBothPatchKindsLikePut() throws Exception {
    String etag = server.collection("books").etag("1");
    String next = patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]").header("If-Match", etag).send().etag();
    assertNotEquals(etag, next);
    assertErrorBody(patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/y\",\"value\":1}]").header("If-Match", etag).send(), 412);
    assertErrorBody(patch(MERGE_PATCH, "{\"y\":1}").header("If-Match", etag).send(), 412);
    assertEquals(204, patch(MERGE_PATCH, "{\"y\":1}").header("If-Match", next).send().code());
    assertErrorBody(Http.request(server, "PATCH", "books/9").header("Content-Type", MERGE_PATCH)
        .header("If-Match", "*").body("{}").send(), 412);
  }

  @Test
  void theStrictObserverAcceptsConditionalPatchesOfEitherKind() {
    String etag = Http.request(server, "GET", "books/1").send().etag();
    String next = patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/x\",\"value\":1}]").header("If-Match", etag).send().etag();
    patch(MERGE_PATCH, "{\"y\":1}").header("If-Match", next).send();
    server.assertNoClientViolations();

    patch(JSON_PATCH, "[{\"op\":\"add\",\"path\":\"/z\",\"value\":1}]").send();
    assertEquals(1, server.clientViolations().size());
    assertEquals(ClientViolation.WRITE_WITHOUT_IF_MATCH, server.clientViolations().get(0).rule());
  }

  private Http patch(String contentType, String body) {
    return Http.request(server, "PATCH", "books/1").header("Content-Type", contentType).body(body);
  }
}
