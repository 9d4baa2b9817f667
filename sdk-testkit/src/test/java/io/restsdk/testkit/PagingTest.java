package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Plain-JSON collections in pages: an array, RFC 8288 {@code Link} and {@code X-Total-Count}. */
class PagingTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Pattern LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"([^\"]*)\"");

  private MockApiServer server;

  @BeforeEach
  void start() {
    server = MockApiServer.builder()
        .collection("books", c -> {
          for (int i = 1; i <= 5; i++) {
            c.put(Integer.toString(i), "{\"title\":\"Book " + i + "\"}");
          }
        })
        .build();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void threePagesOfTwoFollowNextToTheEnd() throws Exception {
    String url = server.url("books?page=0&size=2").toString();
    List<String> titles = new ArrayList<>();
    List<Map<String, String>> seen = new ArrayList<>();
    while (url != null) {
      Http.Result page = get(url.substring(server.baseUrl().length()));
      assertEquals(200, page.code());
      assertEquals("5", page.header("X-Total-Count"));
      for (JsonNode item : MAPPER.readTree(page.body())) {
        titles.add(item.get("title").asText());
      }
      Map<String, String> links = links(page);
      seen.add(links);
      url = links.get("next");
    }
    assertEquals(List.of("Book 1", "Book 2", "Book 3", "Book 4", "Book 5"), titles);
    assertEquals(3, seen.size());
    String books = server.baseUrl() + "books";

    assertEquals(Map.of(
        "first", books + "?page=0&size=2",
        "self", books + "?page=0&size=2",
        "next", books + "?page=1&size=2",
        "last", books + "?page=2&size=2"), seen.get(0));
    assertEquals(List.of("first", "self", "next", "last"), new ArrayList<>(seen.get(0).keySet()));
    assertEquals(Map.of(
        "first", books + "?page=0&size=2",
        "prev", books + "?page=0&size=2",
        "self", books + "?page=1&size=2",
        "next", books + "?page=2&size=2",
        "last", books + "?page=2&size=2"), seen.get(1));
    assertEquals(Map.of(
        "first", books + "?page=0&size=2",
        "prev", books + "?page=1&size=2",
        "self", books + "?page=2&size=2",
        "last", books + "?page=2&size=2"), seen.get(2));
  }

  @Test
  void aSinglePageHasOnlySelf() throws Exception {
    Http.Result page = get("books?size=10");
    assertEquals(5, MAPPER.readTree(page.body()).size());
    assertEquals(Map.of("self", server.baseUrl() + "books?page=0&size=10"), links(page));
  }

  @Test
  void aPageAfterTheLastIsEmptyWithPrev() throws Exception {
    Http.Result page = get("books?page=7&size=2");
    assertEquals(200, page.code());
    assertEquals(0, MAPPER.readTree(page.body()).size());
    Map<String, String> links = links(page);
    assertEquals(server.baseUrl() + "books?page=6&size=2", links.get("prev"));
    assertEquals(server.baseUrl() + "books?page=2&size=2", links.get("last"));
    assertNull(links.get("next"));
  }

  @Test
  void otherQueryParametersAreKeptInTheLinks() {
    Map<String, String> links = links(get("books?sort=title&page=1&size=2&q=x"));
    assertEquals(server.baseUrl() + "books?sort=title&q=x&page=2&size=2", links.get("next"));
  }

  @Test
  void withoutPageParametersTheWholeCollectionIsAnArrayAsBefore() throws Exception {
    Http.Result all = get("books");
    assertEquals(5, MAPPER.readTree(all.body()).size());
    assertNull(all.header("Link"));
    assertNull(all.header("X-Total-Count"));
    assertEquals(server.collection("books").etag(), all.etag());
  }

  @Test
  void aPageWithoutSizeHasTwentyItemsAndADefaultPageSizePagesEveryList() throws Exception {
    for (int i = 6; i <= 25; i++) {
      server.collection("books").put(Integer.toString(i), "{}");
    }
    assertEquals(20, MAPPER.readTree(get("books?page=0").body()).size());
    assertEquals(5, MAPPER.readTree(get("books?page=1").body()).size());

    try (MockApiServer paged = MockApiServer.builder().defaultPageSize(3)
        .collection("books", c -> c.put("1", "{}").put("2", "{}").put("3", "{}").put("4", "{}")).build()) {
      Http.Result first = Http.request(paged, "GET", "books").send();
      assertEquals(3, MAPPER.readTree(first.body()).size());
      assertEquals("4", first.header("X-Total-Count"));
      assertEquals(paged.baseUrl() + "books?page=1&size=3", links(first).get("next"));
    }
  }

  @Test
  void sizeAndPageOutOfBoundsAre400WithTheErrorBody() throws Exception {
    for (String query : List.of("size=0", "size=-1", "size=1001", "size=99999999999", "size=ten", "size=",
        "page=-1", "page=one", "page=1.5", "page=99999999999")) {
      Http.Result result = get("books?" + query);
      assertErrorBody(result, 400);
      assertTrue(result.body().contains(query.substring(0, 4)), query + ": " + result.body());
    }
    assertEquals(200, get("books?size=1000").code());
    try (MockApiServer small = MockApiServer.builder().maxPageSize(3).collection("books").build()) {
      assertErrorBody(Http.request(small, "GET", "books?size=4").send(), 400);
      assertEquals(200, Http.request(small, "GET", "books?size=3").send().code());
    }
  }

  @Test
  void builderRejectsBadPageSizes() {
    assertThrows(IllegalArgumentException.class, () -> MockApiServer.builder().defaultPageSize(0));
    assertThrows(IllegalArgumentException.class, () -> MockApiServer.builder().maxPageSize(-1));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> MockApiServer.builder().defaultPageSize(50).maxPageSize(10).build());
    assertTrue(e.getMessage().contains("maxPageSize"), e.getMessage());
  }

  @Test
  void pagesHaveTheirOwnEtagAndAnswer304UntilTheCollectionChanges() {
    Http.Result first = get("books?page=0&size=2");
    Http.Result second = get("books?page=1&size=2");
    assertNotEquals(first.etag(), second.etag());
    assertNotEquals(server.collection("books").etag(), first.etag());

    Http.Result again = Http.request(server, "GET", "books?page=0&size=2").header("If-None-Match", first.etag()).send();
    assertEquals(304, again.code());
    assertEquals(first.etag(), again.header("ETag"));
    assertEquals("", again.body());

    Http.request(server, "PUT", "books/5").body("{\"title\":\"changed\"}").send();
    Http.Result changed = Http.request(server, "GET", "books?page=0&size=2").header("If-None-Match", first.etag()).send();
    assertEquals(200, changed.code());
    assertNotEquals(first.etag(), changed.etag());
  }

  @Test
  void headOfAPageHasTheHeadersAndNoBody() {
    Http.Result head = Http.request(server, "HEAD", "books?page=1&size=2").send();
    assertEquals(200, head.code());
    assertEquals("", head.body());
    assertEquals("5", head.header("X-Total-Count"));
    assertEquals(server.baseUrl() + "books?page=2&size=2", links(head).get("next"));
  }

  @Test
  void pagesFetchedConcurrentlyOnTheAsyncPathAreConsistent() throws Exception {
    Map<Integer, String> bodies = new ConcurrentHashMap<>();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    CountDownLatch done = new CountDownLatch(3);
    for (int page = 0; page < 3; page++) {
      int number = page;
      Http.CLIENT.newCall(Http.request(server, "GET", "books?page=" + page + "&size=2").build()).enqueue(new Callback() {
        @Override
        public void onFailure(Call call, IOException e) {
          failures.add(e);
          done.countDown();
        }

        @Override
        public void onResponse(Call call, Response response) throws IOException {
          try (response) {
            bodies.put(number, response.body().string());
          } finally {
            done.countDown();
          }
        }
      });
    }
    assertTrue(done.await(10, TimeUnit.SECONDS));
    assertTrue(failures.isEmpty(), failures.toString());
    assertEquals(2, MAPPER.readTree(bodies.get(0)).size());
    assertEquals(2, MAPPER.readTree(bodies.get(1)).size());
    assertEquals("Book 5", MAPPER.readTree(bodies.get(2)).get(0).get("title").asText());
  }

  private Http.Result get(String path) {
    return Http.request(server, "GET", path).send();
  }

  /** The {@code Link} header as rel to href, in order; fails when there is none. */
  static Map<String, String> links(Http.Result result) {
    String header = result.header("Link");
    assertFalse(header == null || header.isEmpty(), "no Link header in " + result);
    Map<String, String> links = new LinkedHashMap<>();
    Matcher matcher = LINK.matcher(header);
    while (matcher.find()) {
      links.put(matcher.group(2), matcher.group(1));
    }
    return links;
  }
}
