package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Path parameters as one encoded segment each, as generated clients build their paths. */
class PathSegmentTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  @Test
  void encodesWhatWouldChangeThePathAndKeepsWhatIsSafe() {
    assertEquals("a%20b", PathSegment.encode("a b"));
    assertEquals("a%3Fb%23c", PathSegment.encode("a?b#c"));
    assertEquals("100%25", PathSegment.encode("100%"));
    assertEquals("42", PathSegment.encode(42L));
    assertEquals("x-y_z.~", PathSegment.encode("x-y_z.~"));
    assertEquals("caf%C3%A9", PathSegment.encode("café"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "%2e", "%2E%2e", "a/b", "a\\b", "a%2Fb", "a%5cb", "a\nb"})
  void refusesValuesThatWouldLeaveOrSplitTheSegment(String bad) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> PathSegment.encode(bad));
    assertTrue(e.getMessage().startsWith("a path parameter "), e.getMessage());
  }

  @Test
  void refusesNull() {
    NullPointerException e = assertThrows(NullPointerException.class, () -> PathSegment.encode(null));
    assertEquals("path parameter == null", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEncodedSegmentReachesTheServerAsOneSegment(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).body(BOOK).build());
    ApiRequest get = ApiRequest.get("books/" + PathSegment.encode("a?b c") + "/pages");
    ApiResponse<Book> r = mode == Mode.SYNC ? client.send(get, Book.class)
        : Mode.join(client.sendAsync(get, Book.class));
    assertEquals(200, r.status());
    RecordedRequest recorded = server.takeRequest();
    assertEquals(List.of("v1", "books", "a?b c", "pages"), recorded.getUrl().pathSegments());
    assertEquals("/v1/books/a%3Fb%20c/pages", recorded.getUrl().encodedPath());
  }
}
