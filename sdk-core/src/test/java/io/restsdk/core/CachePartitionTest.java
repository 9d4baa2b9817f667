package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@link RestClient.Builder#cachePartition}: the application names the principal, so
 * credentials the SDK cannot see, and tokens that rotate, key the ETag cache correctly.
 */
class CachePartitionTest extends ClientTest {
  private static final String ALICE = "{\"title\":\"Alice's\",\"author\":\"A\"}";
  private static final String BOB = "{\"title\":\"Bob's\",\"author\":\"B\"}";

  private final AtomicReference<String> user = new AtomicReference<>("alice");

  /** A client whose credentials an interceptor adds: the SDK sends no token of its own. */
  private RestClient interceptorClient(boolean partitioned) {
    OkHttpClient withAuth = ok.newBuilder().addInterceptor(chain -> chain.proceed(
        chain.request().newBuilder().header("Authorization", "Bearer " + user.get()).build()))
        .build();
    RestClient.Builder b = builder().noAuthentication().okHttpClient(withAuth);
    if (partitioned) b.cachePartition(user::get);
    return b.build();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void interceptorAddedCredentialsKeySeparatelyWithAPartition(Mode mode) throws Exception {
    server.enqueue(json(200, ALICE, "\"v1\""));
    server.enqueue(json(200, BOB, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    try (RestClient c = interceptorClient(true)) {
      Resource<Book> books = c.resource("books", Book.class);
      assertEquals("Alice's", mode.get(books, "1").title());
      user.set("bob");
      assertEquals("Bob's", mode.get(books, "1").title());
      user.set("alice");
      Entity<Book> again = mode.getEntity(books, "1");
      assertTrue(again.revalidated());
      assertEquals("Alice's", again.body().title());
    }
    take();
    RecordedRequest bob = take();
    assertEquals("Bearer bob", bob.getHeaders().get("Authorization"));
    assertNull(bob.getHeaders().get("If-None-Match"), "Alice's entry is not Bob's");
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  /** The defect the partition exists for: without it every user shares one entry per URL. */
  @Test
  void withoutAPartitionInterceptorCredentialsShareEntries() throws Exception {
    server.enqueue(json(200, ALICE, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    try (RestClient c = interceptorClient(false)) {
      c.resource("books", Book.class).get("1");
      user.set("bob");
      assertEquals("Alice's", c.resource("books", Book.class).get("1").title());
    }
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRotatedTokenKeepsItsHitsWhenThePartitionNamesTheSamePrincipal(Mode mode)
      throws Exception {
    AtomicInteger rotation = new AtomicInteger();
    server.enqueue(json(200, ALICE, "\"v1\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    try (RestClient c = builder().tokenProvider(() -> "tok-" + rotation.incrementAndGet())
        .cachePartition(() -> "alice").build()) {
      mode.get(c.resource("books", Book.class), "1");
      Entity<Book> again = mode.getEntity(c.resource("books", Book.class), "1");
      assertTrue(again.revalidated());
      assertEquals(1, c.etagCache().stats().hits());
    }
    assertEquals("Bearer tok-1", take().getHeaders().get("Authorization"));
    RecordedRequest second = take();
    assertEquals("Bearer tok-2", second.getHeaders().get("Authorization"));
    assertEquals("\"v1\"", second.getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aNullPartitionNeitherReadsNorFillsTheCache(Mode mode) throws Exception {
    AtomicReference<String> partition = new AtomicReference<>(null);
    server.enqueue(json(200, ALICE, "\"v1\""));
    server.enqueue(json(200, ALICE, "\"v1\""));
    server.enqueue(json(200, ALICE, "\"v1\""));
    try (RestClient c = builder().cachePartition(partition::get).build()) {
      Resource<Book> books = c.resource("books", Book.class);
      mode.get(books, "1");
      partition.set("alice");
      assertFalse(mode.getEntity(books, "1").revalidated());
      partition.set(null);
      mode.get(books, "1");
      assertEquals(1, c.etagCache().stats().stores());
    }
    take();
    assertNull(take().getHeaders().get("If-None-Match"));
    assertNull(take().getHeaders().get("If-None-Match"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void varyOnCookieOrAuthorizationIsStoredUnderAPartition(Mode mode) throws Exception {
    server.enqueue(new MockResponse.Builder().code(200).addHeader("ETag", "\"v1\"")
        .addHeader("Vary", "Cookie, Authorization").addHeader("Content-Type", "application/json")
        .body(ALICE).build());
    server.enqueue(new MockResponse.Builder().code(304).build());
    try (RestClient c = interceptorClient(true)) {
      mode.get(c.resource("books", Book.class), "1");
      assertTrue(mode.getEntity(c.resource("books", Book.class), "1").revalidated());
    }
    take();
    assertEquals("\"v1\"", take().getHeaders().get("If-None-Match"));
  }

  /** An async operation's later requests run on OkHttp's threads, not the caller's. */
  @ParameterizedTest
  @EnumSource(Mode.class)
  void anOperationReadsThePartitionOnceOnTheCallersThread(Mode mode) throws Exception {
    ThreadLocal<String> current = new ThreadLocal<>();
    current.set("alice");
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", "books/7").build());
    server.enqueue(json(200, ALICE, "\"v7\""));
    server.enqueue(new MockResponse.Builder().code(304).build());
    try (RestClient c = builder().cachePartition(current::get).build()) {
      Resource<Book> books = c.resource("books", Book.class);
      mode.create(books, new Book("Alice's", "A"));
      assertTrue(books.getEntity("7").revalidated());
    } finally {
      current.remove();
    }
    take();
    take();
    assertEquals("\"v7\"", take().getHeaders().get("If-None-Match"));
  }

  @Test
  void thePartitionIsRequired() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> RestClient.builder().cachePartition(null));
    assertEquals("partition == null", e.getMessage());
  }
}
