package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Random;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The short way a {@code Location} that is a plain absolute path is resolved gives what the
 * strict way gives, and its URL's {@code URI} reads the same as the URL.
 */
class LocationResolveTest {
  private static final HttpUrl BASE = HttpUrl.get("https://api.example.com/v1/items?page=2");

  @ParameterizedTest
  @ValueSource(strings = {"/", "/items/c42", "/v1/items/a-b_c~d", "/files/report.v2", "/a/b/",
      "/A/Z/0/9"})
  void plainPathsTakeTheShortWay(String location) {
    assertTrue(LocationFollower.isPlainPath(location));
    HttpUrl url = LocationFollower.resolve(BASE, location);
    assertEquals(LocationFollower.resolveStrictly(BASE, location), url);
    assertEquals("https://api.example.com" + location, url.toString());
    URI uri = Urls.uri(url);
    assertEquals(url.toString(), uri.toString());
    assertEquals(URI.create(url.toString()), uri);
    assertLocated(BASE, location);
  }

  /** {@code locate} gives {@code resolve}'s URL and the URI a full parse of it gives. */
  private static void assertLocated(HttpUrl base, String location) {
    LocationFollower.Located l = LocationFollower.locate(base, location);
    assertNotNull(l, location);
    assertEquals(LocationFollower.resolveStrictly(base, location), l.url(), location);
    assertEquals(l.url().toString(), l.uri().toString(), location);
    assertEquals(URI.create(l.url().toString()), l.uri(), location);
  }

  @ParameterizedTest
  @ValueSource(strings = {"https://other.example/x?y=1", "items/7", "../up", "/a/./b", "/%C3%A9"})
  void locateGivesTheUriOfEveryOtherLocationToo(String location) {
    assertLocated(BASE, location);
  }

  @ParameterizedTest
  @ValueSource(strings = {"::::", "ftp://x.example/a", "http://", "/a b"})
  void locateRefusesWhatResolveRefuses(String location) {
    assertEquals(null, LocationFollower.resolve(BASE, location));
    assertEquals(null, LocationFollower.locate(BASE, location));
  }

  @Test
  void aBaseWithUserInfoTakesTheStrictWay() {
    HttpUrl base = HttpUrl.get("https://us%7Cer:p%5Ess@api.example.com/v1/items");
    HttpUrl url = LocationFollower.resolve(base, "/items/c1");
    assertEquals("https://us%7Cer:p%5Ess@api.example.com/items/c1", url.toString());
    assertEquals(URI.create(url.toString()), Urls.uri(url));
    assertLocated(base, "/items/c1");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "items/1", "//other.example/x", "/a/./b", "/a/../b", "/..", "/.",
      "/a/%2e%2e/b", "/items?id=1", "/items#top", "/a b", "/a:b", "/é", "https://x.example/a",
      "/a@b", "/a\\b"})
  void everythingElseIsParsedStrictly(String location) {
    assertFalse(LocationFollower.isPlainPath(location));
  }

  /** Random paths from characters that matter to resolution: both ways agree on every one. */
  @Test
  void bothWaysAgreeOnRandomPaths() {
    String alphabet = "/./a-_~%2E:?#@ Z9";
    Random random = new Random(7);
    int plain = 0;
    for (int i = 0; i < 20_000; i++) {
      StringBuilder b = new StringBuilder("/");
      for (int n = random.nextInt(12); n > 0; n--) {
        b.append(alphabet.charAt(random.nextInt(alphabet.length())));
      }
      String location = b.toString();
      if (!LocationFollower.isPlainPath(location)) continue;
      plain++;
      HttpUrl strict = LocationFollower.resolveStrictly(BASE, location);
      assertNotNull(strict, location);
      HttpUrl url = LocationFollower.resolve(BASE, location);
      assertEquals(strict, url, location);
      URI uri = Urls.uri(url); // the one the short way remembered
      assertEquals(url.toString(), uri.toString(), location);
      assertEquals(URI.create(url.toString()), uri, location);
      assertLocated(BASE, location);
    }
    assertTrue(plain > 1_000, "plain paths generated: " + plain);
  }
}
