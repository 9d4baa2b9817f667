package io.restsdk.core;

import static java.util.Objects.requireNonNull;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.List;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * HAL associations: a {@link URI} property a HAL object leaves out is filled from the link of the
 * same name, as Spring Data REST sends associations; written back it is the URI as a string.
 */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class AssociationTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  /** Refuses a missing author, as a record with invariants would. */
  record Novel(String title, URI author) {
    Novel {
      requireNonNull(author, "author");
    }
  }

  record Renamed(String title, @JsonProperty("writer") URI author) {}

  record Mixed(String title, URI self, String publisher, URI cover) {}

  /** A bean with a setter, not a record. */
  static final class Bean {
    private String title;
    private URI author;

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public URI getAuthor() {
      return author;
    }

    public void setAuthor(URI author) {
      this.author = author;
    }
  }

  private static final String SPRING = "{\"title\":\"Dune\",\"_links\":{"
      + "\"self\":{\"href\":\"http://localhost/v1/novels/1\"},"
      + "\"novel\":{\"href\":\"http://localhost/v1/novels/1{?projection}\",\"templated\":true},"
      + "\"author\":{\"href\":\"/v1/novels/1/author\"}}}";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRecordGetsItsAssociationFromTheLink(Mode mode) {
    server.enqueue(HalTest.hal(200, SPRING, null));
    Novel n = mode.get(client.resource("novels", Novel.class), "1");
    assertEquals("Dune", n.title());
    assertEquals(URI.create(url("novels/1/author")), n.author(), "absolute");
  }

  @Test
  void aPlainJsonBodyWithLinksFillsThemToo() {
    server.enqueue(json(200, SPRING));
    assertEquals(URI.create(url("novels/1/author")),
        client.resource("novels", Novel.class).get("1").author());
  }

  @Test
  void aTemplatedLinkIsFilledWithoutItsTemplate() {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"_links\":{\"author\":"
        + "{\"href\":\"/v1/authors/7{?projection}\",\"templated\":true}}}", null));
    assertEquals(URI.create(url("authors/7")),
        client.resource("novels", Novel.class).get("1").author());
  }

  @Test
  void aRenamedPropertyIsFilledByItsJsonName() {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"_links\":{"
        + "\"writer\":{\"href\":\"/v1/authors/7\"},\"author\":{\"href\":\"/v1/wrong\"}}}", null));
    assertEquals(URI.create(url("authors/7")),
        client.resource("novels", Renamed.class).get("1").author());
  }

  @Test
  void aPropertyTheObjectHasIsLeftAsSent() {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"author\":\"https://x.example/a/1\","
        + "\"_links\":{\"author\":{\"href\":\"/v1/authors/7\"}}}", null));
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"author\":null,"
        + "\"_links\":{\"author\":{\"href\":\"/v1/authors/7\"}}}", null));
    Resource<Renamed> r = client.resource("novels", Renamed.class);
    Resource<Bean> beans = client.resource("novels", Bean.class);
    assertNull(r.get("1").author(), "writer is the JSON name; author is no property");
    assertNull(beans.get("2").getAuthor(), "an explicit null stays null");
  }

  @Test
  void selfAndStringPropertiesAreNeverFilled() {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"_links\":{"
        + "\"self\":{\"href\":\"/v1/novels/1\"},\"publisher\":{\"href\":\"/v1/p/1\"},"
        + "\"cover\":{\"href\":\"/v1/covers/1\"}}}", null));
    Entity<Mixed> e = client.resource("novels", Mixed.class).getEntity("1");
    assertNull(e.body().self());
    assertNull(e.body().publisher());
    assertEquals(URI.create(url("covers/1")), e.body().cover());
    assertEquals(URI.create(url("novels/1")), e.uri());
  }

  @Test
  void aBeanWithSettersIsFilled() {
    server.enqueue(HalTest.hal(200, SPRING, null));
    assertEquals(URI.create(url("novels/1/author")),
        client.resource("novels", Bean.class).get("1").getAuthor());
  }

  @Test
  void withoutTheLinkTheRecordStillSaysWhatIsMissing() {
    server.enqueue(HalTest.hal(200, "{\"title\":\"Dune\",\"_links\":{}}", null));
    DecodeException e = assertThrows(DecodeException.class,
        () -> client.resource("novels", Novel.class).get("1"));
    assertTrue(e.getMessage().contains("author"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aUriPropertyIsWrittenAsAString(Mode mode) throws Exception {
    server.enqueue(new mockwebserver3.MockResponse.Builder().code(201)
        .addHeader("Location", "/v1/novels/1").addHeader("Content-Type", HalTest.HAL)
        .addHeader("ETag", "\"0\"").body(SPRING).build());
    URI author = URI.create(url("authors/7"));
    Entity<Novel> made = mode.create(client.resource("novels", Novel.class),
        new Novel("Dune", author));
    assertEquals("{\"title\":\"Dune\",\"author\":\"" + author + "\"}", take().getBody().utf8());
    assertEquals(URI.create(url("novels/1/author")), made.body().author(),
        "the 201's body, filled from its links");
  }

  @Test
  void pageItemsDecodedFromATreeAreFilledAndTheTreeIsLeftAlone() throws Exception {
    byte[] page = ("[{\"title\":\"Dune\",\"_links\":{\"author\":"
        + "{\"href\":\"authors/7\"}}}]").getBytes(java.nio.charset.StandardCharsets.UTF_8);
    byte[] before = page.clone();
    io.restsdk.core.internal.Json.Node item =
        io.restsdk.core.internal.Json.parse(page).items().get(0);
    HttpUrl base = HttpUrl.get(url("novels"));
    Hal.Decoded<Novel> d = Hal.decode(client, Novel.class, item, page, base);
    assertEquals(URI.create(url("authors/7")), d.value().author());
    assertEquals(List.of("author"), List.copyOf(d.links().rels()));
    assertTrue(java.util.Arrays.equals(before, page), "the page's bytes are not changed");
  }
}
