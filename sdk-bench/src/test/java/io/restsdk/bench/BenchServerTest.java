package io.restsdk.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Every route answers as documented, on both engines. */
class BenchServerTest {
  private final HttpClient http = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1).build();
  private final ObjectMapper mapper = new ObjectMapper();
  private BenchServer server;

  @AfterEach
  void stop() {
    if (server != null) server.close();
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void getServesTheItemWithAStrongEtag(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    HttpResponse<byte[]> r = get("items/1k", null);
    assertEquals(200, r.statusCode());
    assertEquals("\"1k.v1\"", r.headers().firstValue("ETag").orElseThrow());
    assertEquals("no-cache", r.headers().firstValue("Cache-Control").orElseThrow());
    assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
    Item item = mapper.readValue(r.body(), Item.class);
    assertEquals(Item.sample("1k", Item.SMALL_PARTS), item);
    assertEquals(server.bodySize("1k"), r.body().length);
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void bodiesAreAbout1KbAnd100Kb(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    int small = get("items/1k", null).body().length;
    int large = get("items/100k", null).body().length;
    assertTrue(small > 900 && small < 1300, "1k body is " + small + " bytes");
    assertTrue(large > 97_000 && large < 107_000, "100k body is " + large + " bytes");
    assertEquals(Item.LARGE_PARTS,
        mapper.readValue(get("items/100k", null).body(), Item.class).parts().size());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void matchingIfNoneMatchIsNotModified(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    HttpResponse<byte[]> r = get("items/100k", "\"100k.v1\"");
    assertEquals(304, r.statusCode());
    assertEquals(0, r.body().length);
    assertEquals("\"100k.v1\"", r.headers().firstValue("ETag").orElseThrow());
    assertEquals(200, get("items/100k", "\"100k.v0\"").statusCode());
    assertEquals(304, get("items/100k", "W/\"100k.v1\"").statusCode());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void liveItemsChangeTheirEtagOnEveryRead(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    HttpResponse<byte[]> first = get("items/1k-live", null);
    String tag = first.headers().firstValue("ETag").orElseThrow();
    HttpResponse<byte[]> second = get("items/1k-live", tag);
    assertEquals(200, second.statusCode());
    assertTrue(!tag.equals(second.headers().firstValue("ETag").orElseThrow()));
    assertEquals("1k-live", mapper.readValue(second.body(), Item.class).id());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void postCreatesWithLocation(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    HttpResponse<byte[]> r = send(HttpRequest.newBuilder(uri("items"))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(
            mapper.writeValueAsBytes(Item.sample("x", Item.SMALL_PARTS)))));
    assertEquals(201, r.statusCode());
    String location = r.headers().firstValue("Location").orElseThrow();
    assertEquals("/items/c1", location);
    HttpResponse<byte[]> created = get(location.substring(1), null);
    assertEquals(200, created.statusCode());
    assertEquals("c1", mapper.readValue(created.body(), Item.class).id());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void putWithCurrentTagIsNoContentAndBumpsTheVersion(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    HttpResponse<byte[]> r = put("items/m", "\"m.v1\"");
    assertEquals(204, r.statusCode());
    assertEquals("\"m.v2\"", r.headers().firstValue("ETag").orElseThrow());
    assertEquals("\"m.v2\"", get("items/m", null).headers().firstValue("ETag").orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void putWithStaleTagIsPreconditionFailed(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    assertEquals(204, put("items/m", "\"m.v1\"").statusCode());
    HttpResponse<byte[]> r = put("items/m", "\"m.v1\"");
    assertEquals(412, r.statusCode());
    assertEquals(412, mapper.readTree(r.body()).path("code").asInt());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void putWithoutIfMatchIsPreconditionRequired(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    assertEquals(428, put("items/m", null).statusCode());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void unknownRoutesAreNotFoundOrNotAllowed(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    assertEquals(404, get("items/a%2Fb", null).statusCode());
    assertEquals(404, get("other", null).statusCode());
    assertEquals(405, get("items/", null).statusCode());
    assertEquals(405, send(HttpRequest.newBuilder(uri("items/1k")).DELETE()).statusCode());
  }

  @ParameterizedTest
  @EnumSource(BenchServer.Engine.class)
  void countsRequestsAndStatuses(BenchServer.Engine engine) throws Exception {
    server = BenchServer.start(engine, 2);
    get("items/100k", null);
    get("items/100k", "\"100k.v1\"");
    assertEquals(2, server.requests());
    assertEquals(1, server.responses(200));
    assertEquals(1, server.responses(304));
  }

  private HttpResponse<byte[]> get(String path, String ifNoneMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path));
    if (ifNoneMatch != null) b.header("If-None-Match", ifNoneMatch);
    return send(b);
  }

  private HttpResponse<byte[]> put(String path, String ifMatch) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(
            mapper.writeValueAsBytes(Item.sample("m", Item.SMALL_PARTS))));
    if (ifMatch != null) b.header("If-Match", ifMatch);
    return send(b);
  }

  private HttpResponse<byte[]> send(HttpRequest.Builder b)
      throws IOException, InterruptedException {
    return http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
  }

  private URI uri(String path) {
    return server.baseUri().resolve(path);
  }
}
