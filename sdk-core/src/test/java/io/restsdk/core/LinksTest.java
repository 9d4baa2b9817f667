package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.List;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Parsing {@code Link} headers (RFC 8288) and HAL {@code _links} into {@link Links}. */
class LinksTest {
  private static final HttpUrl BASE = HttpUrl.get("https://api.example.com/v1/books/1");

  private static Links header(String... values) {
    Headers.Builder b = new Headers.Builder();
    for (String v : values) b.add("Link", v);
    return Links.fromHeaders(b.build(), BASE);
  }

  @Test
  void severalRelsInOneLinkAreOneLinkEach() {
    Links l = header("<https://api.example.com/v1/books?page=9>; rel=\"next last\"");
    assertEquals(List.of("next", "last"), List.copyOf(l.rels()));
    assertEquals(l.href("next"), l.href("last"));
  }

  @Test
  void aCommaInsideQuotesDoesNotEndTheLink() {
    Links l = header("</a>; title=\"one, two\"; rel=next, </b>; rel=prev");
    assertEquals("one, two", l.get("next").orElseThrow().title());
    assertEquals(URI.create("https://api.example.com/b"), l.href("prev").orElseThrow());
  }

  @Test
  void relativeTargetsResolveAgainstTheResponseUrl() {
    Links l = header("<2>; rel=next", "<../authors/7>; rel=author");
    assertEquals(URI.create("https://api.example.com/v1/books/2"), l.href("next").orElseThrow());
    assertEquals(URI.create("https://api.example.com/v1/authors/7"),
        l.href("author").orElseThrow());
  }

  @Test
  void garbageIsSkippedAndNeverThrows() {
    Links l = header("not a link at all", "<unclosed; rel=next", "</ok>; rel=ok",
        "<mailto:a@example.com>; rel=author", "</norel>; title=x", ";;;,,,<>");
    assertEquals(List.of("ok"), List.copyOf(l.rels()));
    assertTrue(header().isEmpty());
  }

  @Test
  void registeredRelsCompareCaseInsensitivelyExtensionRelsExactly() {
    Links l = header("</a>; rel=NEXT", "</b>; rel=\"https://example.com/Rel\"");
    assertTrue(l.has("next"));
    assertTrue(l.has("Next"));
    assertTrue(l.has("https://example.com/Rel"));
    assertFalse(l.has("https://example.com/rel"));
  }

  @Test
  void onlyTheFirstRelParameterCounts() {
    Links l = header("</a>; rel=next; rel=prev");
    assertEquals(List.of("next"), List.copyOf(l.rels()));
  }

  @Test
  void halTemplatedArraysAndCuries() throws Exception {
    Links l = Links.fromHal(io.restsdk.core.internal.Json.parse(("{"
        + "\"curies\":[{\"name\":\"ex\",\"href\":\"https://ex.example/{rel}\",\"templated\":true}],"
        + "\"search\":{\"href\":\"/v1/books/search{?q}\",\"templated\":true,\"title\":\"Find\"},"
        + "\"items\":[{\"href\":\"a\"},{\"href\":\"b\"},\"junk\"],"
        + "\"bad\":{\"href\":\"javascript:alert(1)\"}}")
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)), BASE);
    assertEquals(List.of("search", "items"), List.copyOf(l.rels()));
    Link search = l.get("search").orElseThrow();
    assertTrue(search.templated());
    assertEquals("Find", search.title());
    assertEquals(URI.create("https://api.example.com/v1/books/search"), search.href());
    assertEquals(2, l.all("items").size());
    assertEquals(URI.create("https://api.example.com/v1/books/b"), l.all("items").get(1).href());
  }

  @Test
  void andPutsItsOwnLinksFirst() {
    Links a = header("</a>; rel=self");
    Links b = header("</b>; rel=self");
    assertEquals(URI.create("https://api.example.com/a"), a.and(b).href("self").orElseThrow());
    assertEquals(2, a.and(b).all("self").size());
    assertEquals(a, a.and(Links.empty()));
  }
}
