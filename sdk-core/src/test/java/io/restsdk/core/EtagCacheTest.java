package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The ETag cache: automatic If-None-Match and If-Match, invalidation, isolation, budget. */
class EtagCacheTest extends ClientTest {
  private static final String BOOK = "{\"title\":\"Dune\",\"author\":\"Herbert\"}";

  private Resource<Book> books() {
    return client.resource("books", Book.class);
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModifiedRefreshesTheStoredHeaders(Mode mode) {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
        .addHeader("X-Rate", "1").addHeader("Content-Type", "application/json").body(BOOK).build());
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"")
        .addHeader("X-Rate", "2").build());
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"v1\"").build());
    mode.get(books(), "1");
    assertEquals("2", mode.getEntity(books(), "1").headers().get("X-Rate"));
    Entity<Book> third = mode.getEntity(books(), "1");
    assertEquals("2", third.headers().get("X-Rate"), "kept from the refresh");
    assertEquals("application/json", third.headers().get("Content-Type"));
    EtagCache.Stats s = client.etagCache().stats();
    assertEquals(2, s.hits());
    assertEquals(1, s.misses());
    assertEquals(1, s.stores());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void a200ReplacesTheEntry(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, "{\"title\":\"New\",\"author\":\"H\"}", "\"v2\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    mode.get(books(), "1");
    mode.get(books(), "1");
    Entity<Book> e = mode.getEntity(books(), "1");
    assertEquals("New", e.body().title());
    assertEquals(ETag.strong("v2"), e.etag());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertEquals("\"v2\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void notModifiedForAnEntryEvictedMeanwhileIsAnsweredByOneUnconditionalGet(Mode mode)
      throws Exception {
    AtomicInteger calls = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        int n = calls.incrementAndGet();
        if (n == 2) {
          client.etagCache().invalidateAll(); // evicted between request and answer
          return new MockResponse.Builder().code(304).build();
        }
        return json(200, BOOK, "\"v1\"");
      }
    });
    mode.get(books(), "1");
    Entity<Book> e = mode.getEntity(books(), "1");
    assertFalse(e.revalidated());
    assertEquals("Dune", e.body().title());
    assertEquals(3, server.getRequestCount());
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noStoreResponsesAreNotCached(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
        .addHeader("Cache-Control", "private, no-store").body(BOOK).build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.get(books(), "1");
    mode.get(books(), "1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void postAndTheFollowedLocationEvictTheCollection(Mode mode) throws Exception {
    server.enqueue(json(200, "[" + BOOK + "]", "\"list-1\""));
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, BOOK, "\"b7\""));
    server.enqueue(json(200, "[" + BOOK + "," + BOOK + "]", "\"list-2\""));
    Class<Book[]> list = Book[].class;
    mode.send(client, ApiRequest.get("books"), list);
    mode.create(books(), new Book("Dune", "H"));
    mode.send(client, ApiRequest.get("books"), list);
    take();
    take();
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aCreatedResourcesReadIsAMissThatStoresEvenWhereItsUrlWasCachedBefore(Mode mode)
      throws Exception {
    server.enqueue(json(200, BOOK, "\"old\""));
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, "{\"title\":\"Emma\",\"author\":\"A\"}", "\"new\""));
    server.enqueue(new MockResponse.Builder().code(304).addHeader("ETag", "\"new\"").build());
    mode.get(books(), "7"); // an earlier resource at the URL the create will name
    Entity<Book> created = mode.create(books(), new Book("Emma", "A"));
    Entity<Book> again = mode.getEntity(books(), "7");
    take();
    take();
    assertNull(take().getHeaders().get("If-None-Match"), "the create evicted the old entry");
    assertEquals("\"new\"", take().getHeaders().get("If-None-Match"));
    assertTrue(again.revalidated());
    assertEquals(created.body(), again.body());
    EtagCache.Stats s = client.etagCache().stats();
    assertEquals(2, s.misses(), "the first GET and the created resource's read");
    assertEquals(2, s.stores());
    assertEquals(1, s.hits());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void preconditionFailedEvictsTheStaleEntry(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(412));
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books(), "1");
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.update(books(), "1", new Book("x", "y")));
    assertEquals(ETag.strong("v1"), e.sentEtag().orElseThrow());
    mode.get(books(), "1");
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aWriteThatReturnsAnEtagLeavesNoStaleBody(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(204).addHeader("ETag", "\"v2\"").build());
    server.enqueue(json(200, BOOK, "\"v2\""));
    mode.get(books(), "1");
    mode.update(books(), "1", new Book("x", "y"));
    mode.get(books(), "1");
    take();
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void tokensNeverShareEntries(Mode mode) throws Exception {
    EtagCache shared = EtagCache.inMemory();
    RestClient a = builder().etagCache(shared).build();
    RestClient b = a.newBuilder().bearerToken("another-token").build();
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    mode.get(a.resource("books", Book.class), "1");
    mode.get(b.resource("books", Book.class), "1");
    assertTrue(mode.getEntity(a.resource("books", Book.class), "1").revalidated());
    assertEquals("Bearer " + TOKEN, take().getHeaders().get("Authorization"));
    RecordedRequest fromB = take();
    assertEquals("Bearer another-token", fromB.getHeaders().get("Authorization"));
    assertNull(fromB.getHeaders().get("If-None-Match"), "B never sees A's entry");
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
    b.close();
    a.close();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void conditionalWritesSendIfMatchUnlessSwitchedOffAndExplicitWins(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(204));
    mode.get(books(), "1");
    mode.update(books(), "1", new Book("x", "y"));
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-Match"));

    server.enqueue(json(200, BOOK, "\"v2\""));
    server.enqueue(status(204));
    mode.get(books(), "1");
    mode.send(client, ApiRequest.put("books/1").body(BOOK).ifMatch(ETag.strong("mine")), Void.class);
    take();
    assertEquals("\"mine\"", take().getHeaders().get("If-Match"));

    RestClient off = builder().conditionalWrites(false).build();
    server.enqueue(json(200, BOOK, "\"v3\""));
    server.enqueue(status(204));
    mode.get(off.resource("books", Book.class), "1");
    mode.delete(off.resource("books", Book.class), "1");
    take();
    assertNull(take().getHeaders().get("If-Match"));
    off.close();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void weakEtagsRevalidateButAreNeverSentAsIfMatch(Mode mode) throws Exception {
    server.enqueue(json(200, BOOK, "W/\"w1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    server.enqueue(status(204));
    mode.get(books(), "1");
    Entity<Book> e = mode.getEntity(books(), "1");
    assertTrue(e.revalidated());
    assertEquals(ETag.weak("w1"), e.etag());
    mode.update(books(), "1", e.body());
    take();
    assertEquals("W/\"w1\"", take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-Match"));
  }

  @Test
  void disabledCacheSendsNoConditionalHeaders() throws Exception {
    client = builder().etagCache(EtagCache.disabled()).build();
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(status(204));
    books().get("1");
    books().get("1");
    books().delete("1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-Match"));
    assertFalse(client.etagCache().isEnabled());
  }

  @Test
  void theByteBudgetIsHonoured() {
    long budget = 20_000;
    client = builder().etagCache(EtagCache.inMemory(budget)).build();
    String big = "{\"title\":\"" + "x".repeat(1000) + "\",\"author\":\"a\"}";
    always(json(200, big, "\"v\""));
    for (int i = 0; i < 60; i++) books().get("b" + i);
    EtagCache.Stats s = client.etagCache().stats();
    assertTrue(s.bytesInUse() <= budget, "bytes " + s.bytesInUse());
    assertTrue(s.bytesInUse() > budget / 2, "bytes " + s.bytesInUse());
    assertTrue(s.evictions() > 0);
    assertEquals(60, s.stores());
  }

  @Test
  void anEntryLargerThanTheBudgetIsNotKept() throws Exception {
    client = builder().etagCache(EtagCache.inMemory(500)).build();
    server.enqueue(json(200, "{\"title\":\"" + "x".repeat(1000) + "\",\"author\":\"a\"}", "\"v\""));
    server.enqueue(json(200, BOOK, "\"v\""));
    books().get("1");
    books().get("1");
    take();
    assertNull(take().getHeaders().get("If-None-Match"), "the large body was not kept");
    assertTrue(client.etagCache().stats().bytesInUse() <= 500);
  }

  @Test
  void concurrentReadersNeverSeeAMismatchedBodyAndEtag() throws Exception {
    AtomicInteger version = new AtomicInteger(1);
    AtomicInteger served = new AtomicInteger();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest r) {
        int v = served.incrementAndGet() % 7 == 0 ? version.incrementAndGet() : version.get();
        String tag = "\"v" + v + "\"";
        if (tag.equals(r.getHeaders().get("If-None-Match"))) {
          return new MockResponse.Builder().code(304).addHeader("ETag", tag).build();
        }
        return json(200, "{\"title\":\"v" + v + "\",\"author\":\"a\"}", tag);
      }
    });
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<Integer>> results = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      results.add(pool.submit(() -> {
        int revalidated = 0;
        for (int i = 0; i < 60; i++) {
          Entity<Book> e = (i % 2 == 0) ? books().getEntity("1")
              : Mode.join(books().async().getEntity("1"));
          assertEquals(e.etag().opaqueTag(), e.body().title(), "body and ETag belong together");
          if (e.revalidated()) revalidated++;
        }
        return revalidated;
      }));
    }
    int revalidated = 0;
    for (Future<Integer> f : results) revalidated += f.get();
    pool.shutdown();
    assertTrue(revalidated > 0, "some reads were served from the cache");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void headAnswersNeverFillTheCache(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"").build());
    server.enqueue(json(200, BOOK, "\"v1\""));
    mode.send(client, ApiRequest.of("HEAD", "books/1"), Void.class);
    assertEquals("Dune", mode.get(books(), "1").title());
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void credentialHeadersAreAnIdentityToo(Mode mode) throws Exception {
    client = builder().noAuthentication().build();
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(json(200, BOOK, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    ApiRequest asA = ApiRequest.get("books/1").credentialHeader("X-Api-Key", "key-a");
    ApiRequest asB = ApiRequest.get("books/1").credentialHeader("X-Api-Key", "key-b");
    mode.send(client, asA, Book.class);
    mode.send(client, asB, Book.class);
    ApiResponse<Book> again = mode.send(client, asA, Book.class);
    assertTrue(((ApiResponse.Ok<Book>) again).revalidated());
    take();
    assertNull(take().getHeaders().get("If-None-Match"), "key B never sees key A's entry");
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void writesEvictOnTheAsyncPathToo(Mode mode) throws Exception {
    for (String method : new String[] {"PUT", "PATCH", "DELETE", "POST"}) {
      server.enqueue(json(200, BOOK, "\"v1\""));
      server.enqueue(status(204));
      server.enqueue(json(200, BOOK, "\"v2\""));
      mode.get(books(), "1");
      ApiRequest write = ApiRequest.of(method, "books/1");
      mode.send(client, method.equals("DELETE") ? write : write.body(BOOK), Void.class);
      mode.get(books(), "1");
      take();
      assertEquals(method, take().getMethod());
      assertNull(take().getHeaders().get("If-None-Match"), method + " evicts");
    }
  }
}
