package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** JSON:API single resources: the type is read from {@code data.attributes}, links from links. */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class JsonApiTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  private static final String ARTICLE = "{\"data\":{\"type\":\"articles\","
      + "\"attributes\":{\"title\":\"Rails\"},"
      + "\"relationships\":{\"author\":{\"links\":{\"self\":\"/v1/articles/1/relationships/author\","
      + "\"related\":\"/v1/articles/1/author\"},\"data\":{\"type\":\"people\",\"id\":\"9\"}}},"
      + "\"links\":{\"self\":\"http://localhost/v1/articles/1\"},\"id\":\"1\"},"
      + "\"links\":{\"describedby\":{\"href\":\"/v1/schema\"}},\"jsonapi\":{\"version\":\"1.1\"}}";

  record Article(long id, String type, String title, URI author) {}

  record Titled(String title) {}

  record Document(Map<String, Object> data) {}

  private static MockResponse api(String body) {
    return new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/vnd.api+json").body(body).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResourceIsReadFromItsAttributesWithIdTypeAndRelationships(Mode mode) {
    server.enqueue(api(ARTICLE));
    Entity<Article> e = mode.getEntity(client.resource("articles", Article.class), "1");
    assertEquals(new Article(1, "articles", "Rails", URI.create(url("articles/1/author"))),
        e.body());
    assertEquals(List.of("self", "author", "describedby"), List.copyOf(e.links().rels()));
    assertEquals(URI.create("http://localhost/v1/articles/1"), e.uri());
    assertEquals(URI.create(url("schema")), e.links().href("describedby").orElseThrow());
  }

  @Test
  void aTypeWithoutIdGetsTheAttributesOnly() {
    server.enqueue(api(ARTICLE));
    assertEquals(new Titled("Rails"), client.resource("articles", Titled.class).get("1"));
  }

  @Test
  void aTypeThatModelsTheDocumentGetsAllOfIt() {
    server.enqueue(api(ARTICLE));
    server.enqueue(api(ARTICLE));
    Document d = client.resource("articles", Document.class).get("1");
    assertEquals("Rails", ((Map<?, ?>) d.data().get("attributes")).get("title"));
    Map<String, Object> all = client.resource("articles", new TypeRef<Map<String, Object>>() {})
        .get("1");
    assertEquals("1.1", ((Map<?, ?>) all.get("jsonapi")).get("version"));
  }

  @Test
  void aDocumentWithoutOneResourceIsADecodeException() {
    server.enqueue(api("{\"data\":[]}"));
    server.enqueue(api("{\"data\":null}"));
    Resource<Titled> r = client.resource("articles", Titled.class);
    DecodeException list = assertThrows(DecodeException.class, () -> r.get("1"));
    assertTrue(list.getMessage().contains("JSON:API"), list.getMessage());
    assertThrows(DecodeException.class, () -> r.get("2"));
  }
}
