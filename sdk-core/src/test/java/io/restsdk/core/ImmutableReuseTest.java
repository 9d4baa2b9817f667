package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import mockwebserver3.MockResponse;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The automatic default of {@link RestClient.Builder#reuseDecodedBodies}: a 304 hands out the
 * value decoded before only when its type is deeply immutable ({@link ImmutableTypes}), under
 * every codec.
 */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class ImmutableReuseTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }

  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String SHELF =
      "{\"name\":\"sf\",\"books\":[{\"title\":\"Dune\",\"author\":\"Herbert\"}],"
          + "\"ratings\":{\"Dune\":5}}";

  /** A record that makes its collections unmodifiable: it qualifies. */
  public record Shelf(String name, List<Book> books, Map<String, Integer> ratings) {
    public Shelf {
      books = List.copyOf(books);
      ratings = Map.copyOf(ratings);
    }
  }

  /** The same record as the codec leaves it: its collections are modifiable. */
  public record PlainShelf(String name, List<Book> books, Map<String, Integer> ratings) {}

  /** A mutable POJO. */
  public static final class Note {
    private String title;
    private String author;

    public String getTitle() {
      return title;
    }

    public void setTitle(String title) {
      this.title = title;
    }

    public String getAuthor() {
      return author;
    }

    public void setAuthor(String author) {
      this.author = author;
    }
  }

  private static MockResponse notModified() {
    return new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build();
  }

  private <T> List<T> getThreeTimes(Mode mode, Class<T> type, String body) {
    server.enqueue(json(200, body, "\"v1\""));
    server.enqueue(notModified());
    server.enqueue(notModified());
    Resource<T> r = client.resource("things", type);
    return List.of(mode.get(r, "1"), mode.get(r, "1"), mode.get(r, "1"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRecordOfStringsIsReusedByDefault(Mode mode) {
    List<Book> got = getThreeTimes(mode, Book.class, BOOK);
    assertSame(got.get(0), got.get(1));
    assertSame(got.get(0), got.get(2));
    assertEquals(2, client.etagCache().stats().hits());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aReusedValueCannotBeChangedByItsCaller(Mode mode) {
    List<Shelf> got = getThreeTimes(mode, Shelf.class, SHELF);
    Shelf first = got.get(0);
    assertSame(first, got.get(1));
    assertThrows(UnsupportedOperationException.class,
        () -> first.books().add(new Book("Emma", "Austen")));
    assertThrows(UnsupportedOperationException.class, () -> first.ratings().put("Emma", 1));
    assertEquals(List.of(new Book("Dune", "Herbert")), got.get(2).books());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRecordWhoseListsTheCodecLeftModifiableIsDecodedAnew(Mode mode) {
    List<PlainShelf> got = getThreeTimes(mode, PlainShelf.class, SHELF);
    assertNotSame(got.get(0), got.get(1));
    assertNotSame(got.get(1), got.get(2));
    got.get(1).books().clear(); // the caller's own copy
    assertEquals(1, got.get(2).books().size());
    assertEquals(0, client.decodedBodies.size(),
        "the value kept from the 200 is dropped at the first 304, and none is kept after");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aQualifyingValueStaysKeptAfterItsFirstCheck(Mode mode) {
    List<Shelf> got = getThreeTimes(mode, Shelf.class, SHELF);
    assertSame(got.get(0), got.get(2));
    assertEquals(1, client.decodedBodies.size(), "the one value, kept for the next 304");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMutablePojoIsNeverReusedByDefault(Mode mode) {
    List<Note> got = getThreeTimes(mode, Note.class, BOOK);
    assertNotSame(got.get(0), got.get(1));
    got.get(1).setTitle("changed");
    assertEquals("Dune", got.get(2).getTitle());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void trueReusesAMutablePojoAsBefore(Mode mode) {
    client.close();
    client = builder().reuseDecodedBodies(true).build();
    List<Note> got = getThreeTimes(mode, Note.class, BOOK);
    assertSame(got.get(0), got.get(1));
    assertTrue(got.get(2) == got.get(0));
  }
}
