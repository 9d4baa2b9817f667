package io.restsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

class UrlRedactorTest {
  @Test
  void secretLookingQueryParametersAreRedacted() {
    HttpUrl url = HttpUrl.get("https://api.example.com/v1/books?page=2&access_token=abc"
        + "&apiKey=k&X-Signature=s&sig=1&password=p&q=dune");
    assertEquals("https://api.example.com/v1/books?page=2&access_token=REDACTED&apiKey=REDACTED"
        + "&X-Signature=REDACTED&sig=REDACTED&password=REDACTED&q=dune", UrlRedactor.redact(url));
  }

  @Test
  void userInfoIsDropped() {
    assertEquals("https://api.example.com/v1/",
        UrlRedactor.redact(HttpUrl.get("https://bob:hunter2@api.example.com/v1/")));
  }

  @Test
  void cleanUrlsAreShownAsTheyAre() {
    HttpUrl url = HttpUrl.get("https://api.example.com/v1/books/42?page=1");
    assertEquals(url.toString(), UrlRedactor.redact(url));
  }
}
