package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RestClient.Builder#reuseDecodedBodies} set explicitly: a 304 hands out the value decoded
 * before (true) or decodes anew (false). The automatic default: {@link ImmutableReuseTest}.
 */
class ReuseDecodedBodiesTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private RestClient reusing() {
    client.close();
    client = builder().reuseDecodedBodies(true).build();
    return client;
  }

  private static MockResponse notModified(String etag) {
    return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a304ReturnsTheInstanceDecodedFromThe200(Mode mode) throws Exception {
    Resource<Book> books = reusing().resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"")
        .addHeader("X-Rate", "7").build());
    server.enqueue(notModified("\"v1\""));
    Book first = mode.get(books, "1");
    Entity<Book> second = mode.getEntity(books, "1");
    Book third = mode.get(books, "1");
    assertSame(first, second.body());
    assertSame(first, third);
    assertTrue(second.revalidated());
    assertEquals(200, second.status());
    assertEquals(ETag.strong("v1"), second.etag());
    assertEquals("7", second.headers().get("X-Rate"), "the 304's headers still refresh");
    assertEquals(url("books/1"), second.location().toString());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertEquals(2, client.etagCache().stats().hits());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void falseDecodesEvery304AnewEvenForAnImmutableType(Mode mode) {
    client.close();
    client = builder().reuseDecodedBodies(false).build();
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(notModified("\"v1\""));
    Book first = mode.get(books, "1");
    Book second = mode.get(books, "1");
    assertEquals(first, second);
    assertNotSame(first, second);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNew200ReplacesTheReusedValue(Mode mode) {
    Resource<Book> books = reusing().resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, "{\"title\":\"Children\",\"author\":\"Herbert\"}", "\"v2\""));
    server.enqueue(notModified("\"v2\""));
    Book v1 = mode.get(books, "1");
    Book v2 = mode.get(books, "1");
    Book again = mode.get(books, "1");
    assertEquals("Dune", v1.title());
    assertEquals("Children", v2.title());
    assertSame(v2, again, "the value of the body now cached, not the first one");
    assertEquals(1, client.decodedBodies.size(), "the replaced body's value is gone at once");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWriteDropsTheValueWithTheCachedBody(Mode mode) {
    Resource<Book> books = reusing().resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(204));
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(notModified("\"v1\""));
    Book before = mode.get(books, "1");
    mode.update(books, "1", before.withTitle("Dune"));
    Book after = mode.get(books, "1");
    Book revalidated = mode.get(books, "1");
    assertNotSame(before, after, "the write evicted the entry: the next 200 is decoded anew");
    assertSame(after, revalidated);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anotherTypeForTheSameUrlIsDecodedAsThatType(Mode mode) {
    reusing();
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(notModified("\"v1\""));
    server.enqueue(notModified("\"v1\""));
    ApiRequest get = ApiRequest.get("books/1");
    Book book = ((ApiResponse.Ok<Book>) mode.send(client, get, Book.class)).body();
    JsonNode tree = ((ApiResponse.Ok<JsonNode>) mode.send(client, get, JsonNode.class)).body();
    Book again = ((ApiResponse.Ok<Book>) mode.send(client, get, Book.class)).body();
    assertEquals("Dune", book.title());
    assertEquals("Dune", tree.get("title").asText());
    assertEquals(book, again);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void byteArrayBodiesAreCopiesSoWritingToOneNeverChangesTheCache(Mode mode) {
    for (boolean reuse : new boolean[] {false, true}) {
      client.close();
      client = builder().reuseDecodedBodies(reuse).build();
      server.enqueue(json(200, BOOK, "\"v1\""));
      server.enqueue(notModified("\"v1\""));
      server.enqueue(notModified("\"v1\""));
      ApiRequest get = ApiRequest.get("books/" + reuse);
      byte[] first = ((ApiResponse.Ok<byte[]>) mode.send(client, get, byte[].class)).body();
      java.util.Arrays.fill(first, (byte) 'x');
      byte[] second = ((ApiResponse.Ok<byte[]>) mode.send(client, get, byte[].class)).body();
      java.util.Arrays.fill(second, (byte) 'y');
      byte[] third = ((ApiResponse.Ok<byte[]>) mode.send(client, get, byte[].class)).body();
      assertArrayEquals(BOOK.getBytes(StandardCharsets.UTF_8), third, "reuse=" + reuse);
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void withTheCacheDisabledNothingIsReused(Mode mode) {
    client.close();
    client = builder().etagCache(EtagCache.disabled()).reuseDecodedBodies(true).build();
    Resource<Book> books = client.resource("books", Book.class);
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    assertNotSame(mode.get(books, "1"), mode.get(books, "1"));
  }
}
