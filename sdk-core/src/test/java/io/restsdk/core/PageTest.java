package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Lists and pages: where items and next pages are, totals, the cache, loops, bad bodies. */
@org.junit.jupiter.params.ParameterizedClass(name = "{0}")
@org.junit.jupiter.params.provider.MethodSource("io.restsdk.core.TestCodecs#all")
class PageTest extends ClientTest {
  /** The codec this run of the suite is under (see {@link TestCodecs}). */
  @org.junit.jupiter.params.Parameter
  TestCodec json;

  @Override
  protected BodyCodec codec() {
    return json.codec();
  }
  private static final String DUNE = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";
  private static final String EMMA = "{\"title\":\"Emma\",\"author\":\"Austen\"}";
  private static final String KIM = "{\"title\":\"Kim\",\"author\":\"Kipling\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  static <T> Page<T> list(Mode mode, Resource<T> r, Query q) {
    return mode == Mode.SYNC ? r.list(q) : Mode.join(r.async().list(q));
  }

  static <T> Optional<Page<T>> next(Mode mode, Resource<T> r, Page<T> page) {
    return mode == Mode.SYNC ? r.next(page) : Mode.join(r.async().next(page));
  }

  /** Every item: the sync stream, or the async forEach. */
  static <T> List<T> all(Mode mode, Resource<T> r, Query q) {
    if (mode == Mode.SYNC) return r.stream(q).toList();
    List<T> out = java.util.Collections.synchronizedList(new ArrayList<>());
    Mode.join(r.async().forEach(q, out::add));
    return out;
  }

  private static MockResponse page(String body, String... headers) {
    MockResponse.Builder b = new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json").body(body);
    for (int i = 0; i < headers.length; i += 2) b.addHeader(headers[i], headers[i + 1]);
    return b.build();
  }

  private static Book book(String title, String author) {
    return new Book(title, author);
  }

  // ---- HAL (Spring Data REST)

  private String halPage(String items, String next, int number) {
    return "{\"_embedded\":{\"books\":[" + items + "]},\"_links\":{\"self\":{\"href\":\""
        + url("books?page=" + number) + "\"}" + (next == null ? ""
        : ",\"next\":{\"href\":\"" + next + "\",\"templated\":" + next.contains("{")
            + "}") + "},\"page\":{\"size\":2,"
        + "\"totalElements\":3,\"totalPages\":2,\"number\":" + number + "}}";
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void halPagesGiveEmbeddedItemsTheirSelfLinksTotalsAndTheNextPage(Mode mode) throws Exception {
    String dune = "{\"title\":\"Dune\",\"author\":\"Herbert\",\"_links\":{\"self\":{\"href\":\""
        + url("books/1") + "\"},\"author\":{\"href\":\"/v1/authors/7\"}}}";
    server.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/hal+json").addHeader("ETag", "\"p0\"")
        .body(halPage(dune + "," + EMMA, url("books?page=1{&sort}"), 0)).build());
    server.enqueue(page(halPage(KIM, null, 1)));

    Page<Book> first = list(mode, books(), Query.of("page", "0"));
    assertEquals("/v1/books?page=0", take().getTarget());
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen")), first.items());
    assertEquals(OptionalLong.of(3), first.totalElements());
    assertEquals(OptionalInt.of(2), first.totalPages());
    assertEquals(OptionalInt.of(0), first.number());
    assertEquals(OptionalInt.of(2), first.size());
    assertEquals(ETag.parse("\"p0\"").orElseThrow(), first.etag());
    assertEquals(200, first.status());
    assertFalse(first.revalidated());
    assertEquals(URI.create(url("books?page=0")), first.uri());
    assertTrue(first.hasNext());
    assertEquals(Optional.of(URI.create(url("books?page=1"))), first.nextUri(),
        "a templated next href loses its template");
    assertEquals(URI.create(url("books?page=1")), first.links().href("next").orElseThrow());

    Entity<Book> e = first.entities().get(0);
    assertEquals(URI.create(url("books/1")), e.location(), "a HAL item's self link");
    assertEquals("1", e.id());
    assertEquals(URI.create(url("authors/7")), e.links().href("author").orElseThrow());
    assertNull(e.etag());
    Entity<Book> plain = first.entities().get(1);
    assertEquals(first.uri(), plain.location(), "an item without self: the page URL");
    assertTrue(plain.links().isEmpty());

    Page<Book> second = next(mode, books(), first).orElseThrow();
    assertEquals("/v1/books?page=1", take().getTarget());
    assertEquals(List.of(book("Kim", "Kipling")), second.items());
    assertFalse(second.hasNext());
    assertEquals(Optional.empty(), next(mode, books(), second));
    assertEquals(2, server.getRequestCount(), "no request after the last page");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEmptyHalCollectionHasNoEmbeddedAndIsAnEmptyPage(Mode mode) throws Exception {
    server.enqueue(page("{\"_links\":{\"self\":{\"href\":\"" + url("books")
        + "\"}},\"page\":{\"size\":20,\"totalElements\":0,\"totalPages\":0,\"number\":0}}"));
    Page<Book> p = list(mode, books(), Query.of());
    assertEquals(List.of(), p.items());
    assertEquals(List.of(), p.entities());
    assertEquals(OptionalLong.of(0), p.totalElements());
    assertEquals(OptionalInt.of(0), p.totalPages());
    assertFalse(p.hasNext());
    server.enqueue(page("{\"_embedded\":{},\"_links\":{}}"));
    assertEquals(List.of(), all(mode, books(), Query.of()));
  }

  // ---- Link headers

  @ParameterizedTest
  @EnumSource(Mode.class)
  void linkHeadersChainPlainArraysAndTheQueryIsSentOnTheFirstPage(Mode mode) throws Exception {
    server.enqueue(page("[" + DUNE + "," + EMMA + "]", "Link",
        "<" + url("books?after=2") + ">; rel=\"next\", <" + url("books?last") + ">; rel=last",
        "X-Total-Count", "3"));
    server.enqueue(page("[" + KIM + "]", "Link", "<books?first>; rel=\"first\""));
    List<Book> items = all(mode, books(), Query.of("author", "A B"));
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen"),
        book("Kim", "Kipling")), items);
    RecordedRequest r1 = take();
    assertEquals("/v1/books?author=A%20B", r1.getTarget());
    assertEquals("Bearer " + TOKEN, r1.getHeaders().get("Authorization"));
    RecordedRequest r2 = take();
    assertEquals("/v1/books?after=2", r2.getTarget());
    assertEquals("Bearer " + TOKEN, r2.getHeaders().get("Authorization"), "same origin");
    assertEquals(2, server.getRequestCount());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aLinkHeaderWinsOverHalNext(Mode mode) throws Exception {
    server.enqueue(page(halPage(DUNE, url("books?hal"), 0), "Link",
        "<" + url("books?header") + ">; rel=\"next\""));
    Page<Book> p = list(mode, books(), Query.of());
    assertEquals(URI.create(url("books?header")), p.nextUri().orElseThrow());
    assertEquals(URI.create(url("books?header")), p.links().href("next").orElseThrow());
    assertEquals(2, p.links().all("next").size(), "both are kept in links()");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPlainArrayIsOnePageWithXTotalCount(Mode mode) throws Exception {
    server.enqueue(page("[" + DUNE + "]", "X-Total-Count", "1"));
    Page<Book> p = list(mode, books(), Query.of());
    assertEquals(List.of(book("Dune", "Herbert")), p.items());
    assertEquals(OptionalLong.of(1), p.totalElements());
    assertEquals(OptionalInt.empty(), p.totalPages());
    assertFalse(p.hasNext());
    assertEquals(Optional.empty(), next(mode, books(), p));
  }

  // ---- cursors and next fields

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCursorIsSentAsAQueryParameterOnTheSameListUrl(Mode mode) throws Exception {
    Resource<Book> r = books().withPaging(Paging.cursorAt("/meta/next", "cursor")
        .withItemsAt("/data"));
    server.enqueue(page("{\"data\":[" + DUNE + "],\"meta\":{\"next\":\"c/1 x\"},\"x\":[]}"));
    server.enqueue(page("{\"data\":[" + EMMA + "],\"meta\":{\"next\":42}}"));
    server.enqueue(page("{\"data\":[" + KIM + "],\"meta\":{\"next\":null}}"));
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen"),
        book("Kim", "Kipling")), all(mode, r, Query.of("size", "1")));
    assertEquals("/v1/books?size=1", take().getTarget());
    assertEquals("/v1/books?size=1&cursor=c%2F1%20x", take().getTarget());
    assertEquals("/v1/books?size=1&cursor=42", take().getTarget(), "the cursor is replaced");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNextLinkFieldMayBeRelative(Mode mode) throws Exception {
    Resource<Book> r = books().withPaging(Paging.nextLinkAt("/links/next"));
    server.enqueue(page("{\"results\":[" + DUNE + "],\"links\":{\"next\":\"books?p=2\"}}"));
    server.enqueue(page("{\"results\":[" + EMMA + "],\"links\":{\"next\":\"\"}}"));
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen")),
        all(mode, r, Query.of()));
    take();
    assertEquals("/v1/books?p=2", take().getTarget());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPlainObjectWithOneArrayTakesItAndNoNextWithoutConfiguration(Mode mode) {
    server.enqueue(page("{\"items\":[" + DUNE + "],\"count\":1,\"next\":\"books?p=2\"}"));
    Page<Book> p = list(mode, books(), Query.of());
    assertEquals(List.of(book("Dune", "Herbert")), p.items());
    assertFalse(p.hasNext(), "a next field counts only when Paging names it");
  }

  // ---- the cache

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPageIsRevalidatedThroughTheEtagCache(Mode mode) throws Exception {
    server.enqueue(page("[" + DUNE + "," + EMMA + "]", "ETag", "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    Page<Book> first = list(mode, books(), Query.of("q", "x"));
    Page<Book> again = list(mode, books(), Query.of("q", "x"));
    assertNull(take().getHeaders().get("If-None-Match"));
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertTrue(again.revalidated());
    assertFalse(first.revalidated());
    assertEquals(200, again.status());
    assertEquals(first.items(), again.items());
    assertTrue(again.entities().get(0).revalidated());
  }

  // ---- loops

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNextLinkBackToAPageAlreadyFetchedIsALoop(Mode mode) throws Exception {
    server.enqueue(page("[" + DUNE + "]", "Link", "<books?p=2>; rel=next"));
    server.enqueue(page("[" + EMMA + "]", "Link", "<" + url("books") + "#top>; rel=next"));
    List<Book> seen = new ArrayList<>();
    PagingException e = assertThrows(PagingException.class, () -> {
      if (mode == Mode.SYNC) books().stream().forEach(seen::add);
      else Mode.join(books().async().forEach(Query.of(), seen::add));
    });
    assertEquals(PagingException.Reason.LOOP, e.reason());
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen")), seen,
        "the pages before the loop are delivered");
    assertTrue(e.getMessage().contains("already fetched"), e.getMessage());
    assertEquals(2, server.getRequestCount(), "the loop is not requested");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPageWhoseNextIsItselfAndACursorSeenAgainAreLoops(Mode mode) {
    server.enqueue(page("[" + DUNE + "]", "Link", "<books>; rel=next"));
    Page<Book> self = list(mode, books(), Query.of());
    assertTrue(self.hasNext());
    assertThrows(PagingException.class, () -> next(mode, books(), self));

    Resource<Book> r = books().withPaging(Paging.cursorAt("/next", "c"));
    server.enqueue(page("{\"items\":[" + DUNE + "],\"next\":\"a\"}"));
    server.enqueue(page("{\"items\":[" + EMMA + "],\"next\":\"b\"}"));
    server.enqueue(page("{\"items\":[" + KIM + "],\"next\":\"a\"}"));
    PagingException e = assertThrows(PagingException.class, () -> all(mode, r, Query.of()));
    assertEquals(PagingException.Reason.LOOP, e.reason());
    assertTrue(e.getMessage().contains("cursor was already used"), e.getMessage());
    assertEquals(4, server.getRequestCount());
  }

  // ---- bad bodies

  @ParameterizedTest
  @EnumSource(Mode.class)
  void malformedPagesAreDecodeExceptionsThatSayWhy(Mode mode) {
    assertDecode(mode, books(), "[{\"title\":", "unexpected end of the JSON (line 1, column 11)");
    assertDecode(mode, books(), "\"books\"", "a JSON string, not a JSON array or object");
    assertDecode(mode, books(), "[" + DUNE + ",{\"title\":[1]}]", "item 1 does not fit");
    assertDecode(mode, books(), "[" + DUNE + ",null]", "item 1 is JSON null");
    assertDecode(mode, books(), "{\"_embedded\":{\"books\":[],\"authors\":[]}}",
        "HAL _embedded has several arrays [books, authors]; say which holds the items with"
            + " Paging.itemsAt(\"/_embedded/books\")");
    assertDecode(mode, books(), "{\"a\":[],\"b\":[]}", "several arrays [a, b]");
    assertDecode(mode, books(), "{\"count\":0}", "no array-valued property");
    assertDecode(mode, books().withPaging(Paging.itemsAt("/data")), "{\"items\":[]}",
        "the items at /data are missing, not an array");
    assertDecode(mode, books().withPaging(Paging.nextLinkAt("/next")),
        "{\"items\":[],\"next\":{\"href\":\"x\"}}", "the next link at /next is a JSON object");
  }

  private void assertDecode(Mode mode, Resource<Book> r, String body, String expected) {
    server.enqueue(page(body));
    DecodeException e = assertThrows(DecodeException.class, () -> list(mode, r, Query.of()));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
    assertEquals(200, e.status());
  }

  @Test
  void severalEmbeddedArraysAreFineOnceItemsAtSaysWhich() {
    Resource<Book> r = books().withPaging(Paging.itemsAt("/_embedded/books"));
    server.enqueue(page("{\"_embedded\":{\"books\":[" + DUNE + "],\"authors\":[{}]}}"));
    assertEquals(List.of(book("Dune", "Herbert")), r.list().items());
  }

  // ---- origins

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNextPageOnAnotherOriginIsFetchedWithoutCredentialsAndSoIsEveryLaterOne(Mode mode)
      throws Exception {
    try (MockWebServer other = new MockWebServer()) {
      other.start();
      server.enqueue(page("[" + DUNE + "]", "Link", "<" + other.url("/p2") + ">; rel=next"));
      other.enqueue(page("[" + EMMA + "]", "Link", "<" + url("books?p=3") + ">; rel=next"));
      server.enqueue(page("[" + KIM + "]"));
      assertEquals(3, all(mode, books(), Query.of()).size());
      assertEquals("Bearer " + TOKEN, take().getHeaders().get("Authorization"));
      assertNull(other.takeRequest().getHeaders().get("Authorization"));
      RecordedRequest back = take();
      assertEquals("/v1/books?p=3", back.getTarget());
      assertNull(back.getHeaders().get("Authorization"),
          "another origin chose this link: no credentials even back on the base origin");
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNextPageOnAnotherOriginIsRefusedWhenTheClientDoesNotGoThere(Mode mode) {
    client.close();
    client = builder().followCrossOriginRedirects(false).build();
    server.enqueue(page("[" + DUNE + "]", "Link", "<http://elsewhere.test/p2?access_token="
        + "s3cr3t-value>; rel=next"));
    Page<Book> p = list(mode, books(), Query.of());
    PagingException e = assertThrows(PagingException.class, () -> next(mode, books(), p));
    assertEquals(PagingException.Reason.CROSS_ORIGIN, e.reason());
    assertTrue(e.getMessage().contains("followCrossOriginRedirects"), e.getMessage());
    assertFalse(e.getMessage().contains("s3cr3t-value"), e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  // ---- laziness and arguments

  @Test
  void streamsAndIterablesSendNothingUntilConsumedAndIterateStartsAgain() throws Exception {
    java.util.stream.Stream<Book> s = books().stream();
    Iterable<Book> it = books().iterate(Query.of("a", "b"));
    assertEquals(0, server.getRequestCount());
    server.enqueue(page("[" + DUNE + "]"));
    assertEquals(1, s.count());
    server.enqueue(page("[" + DUNE + "]"));
    server.enqueue(page("[" + EMMA + "]"));
    List<Book> twice = new ArrayList<>();
    for (Book b : it) twice.add(b);
    for (Book b : it) twice.add(b);
    assertEquals(List.of(book("Dune", "Herbert"), book("Emma", "Austen")), twice);
    assertEquals(3, server.getRequestCount());
  }

  @Test
  void badArgumentsFailAtOnce() {
    assertThrows(NullPointerException.class, () -> books().list(null));
    assertThrows(NullPointerException.class, () -> books().next(null));
    assertThrows(NullPointerException.class, () -> books().stream(null));
    assertThrows(NullPointerException.class, () -> books().iterate(null));
    assertThrows(NullPointerException.class, () -> books().withPaging(null));
    assertThrows(NullPointerException.class, () -> books().async().forEach(Query.of(), null));
    assertThrows(NullPointerException.class, () -> books().async().list(null));
    assertThrows(IllegalArgumentException.class, () -> Paging.itemsAt("data"));
    assertThrows(IllegalArgumentException.class, () -> Paging.cursorAt("/c", " "));
    assertThrows(NullPointerException.class, () -> Paging.nextLinkAt(null));
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void pagingIsAValue() {
    Paging p = Paging.cursorAt("/c", "cursor").withItemsAt("/data");
    assertEquals(p, Paging.itemsAt("/data").withCursorAt("/c", "cursor"));
    assertEquals("/data", p.items());
    assertEquals("cursor", p.cursorParam());
    assertNull(p.withNextLinkAt("/n").cursor(), "a next link replaces the cursor");
    assertEquals(Paging.defaults(), books().paging());
    assertEquals(p, books().withPaging(p).paging());
  }
}
