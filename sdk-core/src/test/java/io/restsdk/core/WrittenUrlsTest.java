package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Which cached URLs a write makes stale: the URL, without its query, and its collection. */
class WrittenUrlsTest {
  private static List<String> of(String url) {
    return ConditionalLayer.writtenUrls(okhttp3.HttpUrl.get(url).toString());
  }

  @Test
  void anItemTakesItsCollectionWithAndWithoutTheSlash() {
    assertEquals(List.of("http://h/items/c5", "http://h/items/", "http://h/items"),
        of("http://h/items/c5"));
  }

  @Test
  void aQueryOrFragmentIsDroppedForTheSecondUrl() {
    assertEquals(List.of("http://h:8080/v1/items/7?x=1&y=%3F", "http://h:8080/v1/items/7",
        "http://h:8080/v1/items/", "http://h:8080/v1/items"),
        of("http://h:8080/v1/items/7?x=1&y=%3F"));
    assertEquals(List.of("http://h/a/b#top", "http://h/a/b", "http://h/a/", "http://h/a"),
        of("http://h/a/b#top"));
  }

  @Test
  void aTrailingSlashIsNotASegment() {
    assertEquals(List.of("http://h/a/b/", "http://h/a/", "http://h/a"), of("http://h/a/b/"));
    assertEquals(List.of("http://h/items/", "http://h/"), of("http://h/items/"));
  }

  @Test
  void aTopLevelCollectionHasTheRootAndTheRootHasNothing() {
    assertEquals(List.of("http://h/items", "http://h/"), of("http://h/items"));
    assertEquals(List.of("http://h/"), of("http://h/"));
    assertEquals(List.of("http://h/?q=1", "http://h/"), of("http://h/?q=1"));
  }

  @Test
  void userInfoAndEncodedSlashesStayInTheirPlace() {
    assertEquals(List.of("http://u:p%2F@h/a%2Fb/c", "http://u:p%2F@h/a%2Fb/",
        "http://u:p%2F@h/a%2Fb"), of("http://u:p%2F@h/a%2Fb/c"));
  }
}
