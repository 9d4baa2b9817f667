package io.restsdk.core;

import static io.restsdk.core.SurfaceTest.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON merge patch through {@code Resource.patch}, and JSON Patch through {@code send}. */
class PatchTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String PATCHED = "{\"title\":\"Dune Messiah\",\"author\":\"Herbert\"}";

  /** A partial object: only what is set is meant to change. */
  record BookChanges(String title, String author) {}

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  private URI item() {
    return URI.create(url("books/1"));
  }

  private Entity<Book> patch(Mode mode, String id, Object changes) {
    Resource<Book> r = books();
    return run(mode, () -> r.patch(id, changes), () -> r.async().patch(id, changes));
  }

  // ---------------------------------------------------------------- merge patch

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchSendsAMergePatchAndReturnsThe200sBody(Mode mode) throws Exception {
    server.enqueue(json(200, PATCHED, "\"v2\""));
    Entity<Book> e = patch(mode, "1", Map.of("title", "Dune Messiah"));
    assertEquals(new Book("Dune Messiah", "Herbert"), e.body());
    assertEquals(ETag.strong("v2"), e.etag());
    RecordedRequest sent = take();
    assertEquals("PATCH", sent.getMethod());
    assertEquals("/v1/books/1", sent.getTarget());
    assertEquals("application/merge-patch+json", sent.getHeaders().get("Content-Type"));
    assertEquals("{\"title\":\"Dune Messiah\"}", sent.getBody().utf8());
    assertEquals(1, server.getRequestCount(), "a 200 with a body needs no read back");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a204IsReadBackWithAGetThatBypassesTheCache(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(204));
    server.enqueue(json(200, PATCHED, "\"v2\""));
    mode.get(books(), "1");
    Entity<Book> e = patch(mode, "1", Map.of("title", "Dune Messiah"));
    assertEquals(new Book("Dune Messiah", "Herbert"), e.body(), "the item as read back");
    assertEquals(ETag.strong("v2"), e.etag());
    assertEquals(200, e.status());
    take();
    RecordedRequest patch = take();
    assertEquals("\"v1\"", patch.getHeaders().get("If-Match"), "If-Match from the cache");
    RecordedRequest get = take();
    assertEquals("GET /v1/books/1", get.getMethod() + " " + get.getTarget());
    assertNull(get.getHeaders().get("If-None-Match"), "the read back bypasses the cache");
    assertEquals(3, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noIfMatchFromAWeaklyTaggedCacheEntry(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "W/\"w1\""));
    server.enqueue(json(200, PATCHED));
    mode.get(books(), "1");
    patch(mode, "1", Map.of("title", "Dune Messiah"));
    take();
    assertNull(take().getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchOfAnEntitySendsItsEtagAndOfAUriNone(Mode mode) throws Exception {
    server.enqueue(json(200, PATCHED, "\"v2\""));
    server.enqueue(json(200, PATCHED, "\"v3\""));
    Entity<Book> read = new Entity<>(new Book("Dune", "Herbert"), ETag.strong("e1"), 200,
        okhttp3.Headers.of(), item(), false);
    Resource<Book> r = books();
    Map<String, Object> changes = Map.of("title", "Dune Messiah");
    run(mode, () -> r.patch(read, changes), () -> r.async().patch(read, changes));
    Entity<Book> e = run(mode, () -> r.patch(item(), changes), () -> r.async().patch(item(), changes));
    assertEquals(ETag.strong("v3"), e.etag());
    RecordedRequest first = take();
    assertEquals("\"e1\"", first.getHeaders().get("If-Match"));
    assertEquals("application/merge-patch+json", first.getHeaders().get("Content-Type"));
    RecordedRequest second = take();
    assertEquals("/v1/books/1", second.getTarget());
    assertNull(second.getHeaders().get("If-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void patchOfAWeaklyTaggedEntityFailsBeforeSending(Mode mode) {
    Entity<Book> read = new Entity<>(new Book("Dune", "Herbert"), ETag.weak("w1"), 200,
        okhttp3.Headers.of(), item(), false);
    Resource<Book> r = books();
    WeakEtagException e = assertThrows(WeakEtagException.class, () -> run(mode,
        () -> r.patch(read, Map.of("a", 1)), () -> r.async().patch(read, Map.of("a", 1))));
    assertEquals("PATCH", e.method());
    assertEquals(0, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a412IsPreconditionFailedAndTheReadBackIsNotAttempted(Mode mode) {
    server.enqueue(status(412));
    assertThrows(ApiException.PreconditionFailed.class,
        () -> patch(mode, "1", Map.of("title", "x")));
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void nullsRemoveInAMapOrObjectNodeAndAreLeftOutOfAPartialObject(Mode mode) throws Exception {
    for (int i = 0; i < 3; i++) server.enqueue(json(200, PATCHED));
    Map<String, Object> map = new HashMap<>();
    map.put("subtitle", null);
    map.put("title", "Dune Messiah");
    patch(mode, "1", map);
    ObjectNode node = new ObjectMapper().createObjectNode().putNull("subtitle");
    patch(mode, "1", node);
    patch(mode, "1", new BookChanges("Dune Messiah", null));
    String fromMap = take().getBody().utf8();
    assertTrue(fromMap.equals("{\"subtitle\":null,\"title\":\"Dune Messiah\"}")
        || fromMap.equals("{\"title\":\"Dune Messiah\",\"subtitle\":null}"), fromMap);
    assertEquals("{\"subtitle\":null}", take().getBody().utf8());
    assertEquals("{\"title\":\"Dune Messiah\"}", take().getBody().utf8(),
        "a partial object's null author means unchanged, not removed");
  }

  @Test
  void nestedNullsOfAPartialObjectAreLeftOutButNotInsideArrays() throws Exception {
    record Inner(String a, String b) {}
    record Outer(Inner inner, List<String> tags) {}
    java.util.ArrayList<String> tags = new java.util.ArrayList<>();
    tags.add(null);
    tags.add("x");
    server.enqueue(json(200, PATCHED));
    client.send(ApiRequest.patch("books/1").mergePatch(new Outer(new Inner("1", null), tags)),
        Book.class);
    assertEquals("{\"inner\":{\"a\":\"1\"},\"tags\":[null,\"x\"]}", take().getBody().utf8());
  }

  @Test
  void changesThatCannotBeAJsonObjectAreRefused() {
    Resource<Book> r = books();
    for (Object bad : new Object[] {"title", 7, true, List.of("a"), new int[] {1},
        new ObjectMapper().createArrayNode()}) {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> r.patch("1", bad));
      assertTrue(e.getMessage().startsWith("a merge patch must be a JSON object"), e.getMessage());
      assertThrows(IllegalArgumentException.class, () -> r.async().patch("1", bad));
    }
    assertEquals("a JsonPatch is not a merge patch; send it with jsonPatch(patch)",
        assertThrows(IllegalArgumentException.class,
            () -> r.patch("1", JsonPatch.create().remove("/a"))).getMessage());
    assertEquals("changes == null",
        assertThrows(NullPointerException.class, () -> r.patch("1", null)).getMessage());
    assertEquals("changes == null",
        assertThrows(NullPointerException.class, () -> r.async().patch("1", null)).getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aMergePatchRequestKeepsTheCallersChangesAsItsBody() {
    Map<String, Object> changes = Map.of("title", "x");
    ApiRequest r = ApiRequest.patch("books/1").mergePatch(changes);
    assertEquals(changes, r.body());
    assertNull(r.rawMediaType(), "not a raw body");
  }

  // ---------------------------------------------------------------- JSON Patch

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aJsonPatchIsSentAsRfc6902(Mode mode) throws Exception {
    server.enqueue(json(200, PATCHED));
    server.enqueue(json(200, PATCHED));
    JsonPatch patch = JsonPatch.create()
        .test("/version", 7)
        .replace("/title", "Dune Messiah")
        .add(JsonPatch.pointer("tags", "-"), "sequel")
        .add("/subtitle", null)
        .remove("/draft")
        .move("/subtitle", "/tagline")
        .copy("/author", "/credits/0");
    mode.send(client, ApiRequest.patch("books/1").jsonPatch(patch), Book.class);
    mode.send(client, ApiRequest.patch("books/1").body(patch), Book.class);
    String expected = "[{\"op\":\"test\",\"path\":\"/version\",\"value\":7},"
        + "{\"op\":\"replace\",\"path\":\"/title\",\"value\":\"Dune Messiah\"},"
        + "{\"op\":\"add\",\"path\":\"/tags/-\",\"value\":\"sequel\"},"
        + "{\"op\":\"add\",\"path\":\"/subtitle\",\"value\":null},"
        + "{\"op\":\"remove\",\"path\":\"/draft\"},"
        + "{\"op\":\"move\",\"from\":\"/subtitle\",\"path\":\"/tagline\"},"
        + "{\"op\":\"copy\",\"from\":\"/author\",\"path\":\"/credits/0\"}]";
    for (int i = 0; i < 2; i++) {
      RecordedRequest sent = take();
      assertEquals("application/json-patch+json", sent.getHeaders().get("Content-Type"));
      assertEquals(expected, sent.getBody().utf8());
    }
  }

  @Test
  void aJsonPatchValueIsSerializedByTheClientsMapper() throws Exception {
    server.enqueue(json(200, PATCHED));
    client.send(ApiRequest.patch("books/1").jsonPatch(
        JsonPatch.create().add("/related/0", new Book("Dune", "Herbert"))), Book.class);
    assertEquals("[{\"op\":\"add\",\"path\":\"/related/0\",\"value\":"
        + "{\"title\":\"Dune\",\"author\":\"Herbert\"}}]", take().getBody().utf8());
  }

  @Test
  void pointersEscapeTildeAndSlash() {
    assertEquals("/a~1b/m~0n", JsonPatch.pointer("a/b", "m~n"));
    assertEquals("/~01", JsonPatch.pointer("~1"), "~ first, so ~1 in a name stays literal");
    assertEquals("", JsonPatch.pointer());
    assertEquals("/", JsonPatch.pointer(""));
    JsonPatch ok = JsonPatch.create().remove("/a~0b/c~1d").remove("");
    assertEquals("JsonPatch[remove /a~0b/c~1d, remove ]", ok.toString());
  }

  @Test
  void malformedPointersAreRefused() {
    assertEquals("path must be a JSON Pointer starting with '/' (or \"\" for the whole"
        + " document): title", assertThrows(IllegalArgumentException.class,
            () -> JsonPatch.create().replace("title", "x")).getMessage());
    for (String bad : new String[] {"/a~", "/a~2", "/~x"}) {
      String m = assertThrows(IllegalArgumentException.class,
          () -> JsonPatch.create().remove(bad)).getMessage();
      assertTrue(m.startsWith("path holds '~' not followed by 0 or 1"), m);
    }
    assertTrue(assertThrows(IllegalArgumentException.class,
        () -> JsonPatch.create().move("a", "/b")).getMessage().startsWith("from must be"));
    assertEquals("path == null", assertThrows(NullPointerException.class,
        () -> JsonPatch.create().remove(null)).getMessage());
  }

  @Test
  void aJsonPatchIsImmutableAndComparable() {
    JsonPatch empty = JsonPatch.create();
    JsonPatch one = empty.remove("/a");
    assertTrue(empty.isEmpty());
    assertEquals(1, one.size());
    assertEquals(one, JsonPatch.create().remove("/a"));
    assertEquals(one.hashCode(), JsonPatch.create().remove("/a").hashCode());
    assertTrue(!one.equals(JsonPatch.create().remove("/b")));
  }
}
