package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/**
 * The URL memos shared by every client remember plain URLs only: one with a query or user info
 * (where API keys and passwords go) is parsed again each time and never kept.
 */
class UrlsTest {
  @Test
  void aPlainUrlIsParsedOnceAndRemembered() {
    String s = "https://api.example.com/urls-test/items/" + System.nanoTime();
    HttpUrl first = Urls.parse(s);
    assertSame(first, Urls.parse(s));
    URI u = Urls.uri(first);
    assertSame(u, Urls.uri(first));
    assertEquals(URI.create(s), u);
  }

  @Test
  void aUrlWithAQueryOrUserInfoIsNeverRemembered() {
    long n = System.nanoTime();
    for (String s : new String[] {
        "https://api.example.com/items/" + n + "?api_key=s3cr3t",
        "https://user:s3cr3t@api.example.com/items/" + n}) {
      assertFalse(Urls.memoizable(s), s);
      HttpUrl first = Urls.parse(s);
      HttpUrl second = Urls.parse(s);
      assertEquals(first, second);
      assertNotSame(first, second, "parsed again: " + s);
      Urls.parsed(first);
      assertNotSame(first, Urls.parse(s), "not remembered when handed in either: " + s);
      URI u = Urls.uri(first);
      assertEquals(URI.create(s), u);
      assertNotSame(u, Urls.uri(first), s);
      Urls.knownUri(first.toString(), u);
      assertNotSame(u, Urls.uri(first), s);
    }
  }

  @Test
  void aPathWithAQueryIsNotRememberedAsResolved() {
    HttpUrl base = HttpUrl.get("https://api.example.com/v1/");
    String path = "urls-test?token=" + System.nanoTime();
    Urls.resolved(base, path, base.resolve(path));
    assertEquals(null, Urls.resolved(base, path));
    String plain = "urls-test/" + System.nanoTime();
    HttpUrl url = base.resolve(plain);
    Urls.resolved(base, plain, url);
    assertSame(url, Urls.resolved(base, plain));
    assertTrue(Urls.memoizable(plain));
  }
}
