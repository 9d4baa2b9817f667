package io.restsdk.it.spring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiError;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.ContractMode;
import io.restsdk.core.ETag;
import io.restsdk.core.Entity;
import io.restsdk.core.EtagCache;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every contract row a Spring Data REST server implements, through the SDK, on the sync and
 * async paths. What the server sends for each row is in this module's README.
 */
@ExtendWith(SpringDataRestServer.class)
class SpringDataRestContractTest {
  private final EtagCache cache = EtagCache.inMemory();
  private final RestClient client = RestClient.builder()
      .baseUrl(SpringDataRestServer.baseUrl())
      .noAuthentication()
      .etagCache(cache)
      .build();
  private final Resource<AuthorView> authors = client.resource("authors", AuthorView.class);
  private final Resource<BookView> books = client.resource("books", BookView.class);
  private final String base = SpringDataRestServer.baseUrl();

  @AfterEach
  void close() {
    client.close();
  }

  private static AuthorView newAuthor() {
    String u = UUID.randomUUID().toString().substring(0, 8);
    return new AuthorView("Ursula " + u, "ursula." + u + "@example.com");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getStoresTheEtagAndA304IsAnsweredFromTheCache(Mode mode) {
    Entity<AuthorView> made = Mode.SYNC.create(authors, newAuthor());
    cache.invalidateAll();
    EtagCache.Stats before = cache.stats();

    Entity<AuthorView> first = mode.getEntity(authors, made.id());
    assertEquals(200, first.status());
    assertEquals(ETag.strong("0"), first.etag());
    assertFalse(first.revalidated());
    assertEquals(made.body(), first.body());

    Entity<AuthorView> second = mode.getEntity(authors, made.id());
    assertEquals(200, second.status());
    assertEquals(ETag.strong("0"), second.etag());
    assertTrue(second.revalidated());
    assertEquals(made.body(), second.body());

    EtagCache.Stats after = cache.stats();
    assertEquals(1, after.hits() - before.hits(), "304s answered from the cache");
    assertEquals(1, after.misses() - before.misses(), "the first GET found nothing to revalidate");
    assertEquals(1, after.stores() - before.stores(), "the 200 stored once");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createTakesThe201BodyWithoutAGetOrALogLine(Mode mode) {
    AuthorView ursula = newAuthor();
    try (SdkLog log = SdkLog.capture()) {
      EtagCache.Stats before = cache.stats();
      Entity<AuthorView> made = mode.create(authors, ursula);

      assertEquals(201, made.status());
      assertEquals(ursula, made.body());
      assertEquals(ETag.strong("0"), made.etag());
      assertTrue(made.location().toString().startsWith(base + "authors/"), made.location().toString());
      // Spring Data REST answers a POST that has an Accept header with the created body: no GET
      // of the Location (it would have looked the cache up: a miss), the body kept under it.
      EtagCache.Stats created = cache.stats();
      assertEquals(0, created.misses() - before.misses(), "no GET of the Location");
      assertEquals(1, created.stores() - before.stores(), "the 201's body kept under its Location");
      assertEquals(List.of(), log.warnings());

      // The next GET of it revalidates that body: 304, answered from the cache.
      Entity<AuthorView> read = mode.getEntity(authors, made.id());
      assertTrue(read.revalidated());
      assertEquals(ursula, read.body());
      assertEquals(1, cache.stats().hits() - created.hits());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void strictModeRejectsThe201BodyAfterTheCreateHappened(Mode mode) {
    try (RestClient strict = client.newBuilder().contractMode(ContractMode.STRICT).build()) {
      Resource<AuthorView> strictAuthors = strict.resource("authors", AuthorView.class);
      ApiException.ContractViolation e = assertThrows(ApiException.ContractViolation.class,
          () -> mode.create(strictAuthors, newAuthor()));
      assertEquals(201, e.status());
      assertTrue(e.getMessage().startsWith("POST " + base + "authors → 201 Created: contract violation: 201 with a body ("),
          e.getMessage());
      assertTrue(e.getMessage().endsWith(" bytes; the POST succeeded, the resource was created)"),
          e.getMessage());
    }
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void putAnswers200WithTheNewRepresentationAndItsEtag(Mode mode) {
    Entity<AuthorView> made = Mode.SYNC.create(authors, newAuthor());
    AuthorView renamed = new AuthorView("Renamed", made.body().email());

    Entity<AuthorView> r = mode.update(authors, made.id(), renamed);

    assertEquals(200, r.status());
    assertEquals(renamed, r.body());
    assertEquals(ETag.strong("1"), r.etag());
    assertEquals(renamed, Mode.SYNC.getEntity(authors, made.id()).body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aMergePatchChangesOneMemberAndKeepsTheOthers(Mode mode) {
    Entity<AuthorView> made = Mode.SYNC.create(authors, newAuthor());
    Entity<AuthorView> read = Mode.SYNC.getEntity(authors, made.id());
    java.util.Map<String, Object> changes = java.util.Map.of("name", "Patched");

    Entity<AuthorView> patched = mode == Mode.SYNC ? authors.patch(read, changes)
        : Mode.join(authors.async().patch(read, changes));

    assertEquals(new AuthorView("Patched", made.body().email()), patched.body());
    assertEquals(ETag.strong("1"), patched.etag(), "the version moved");
    assertEquals(patched.body(), Mode.SYNC.getEntity(authors, made.id()).body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void staleIfMatchIs412(Mode mode) {
    Entity<AuthorView> made = Mode.SYNC.create(authors, newAuthor());
    Entity<AuthorView> read = Mode.SYNC.getEntity(authors, made.id());
    Mode.SYNC.update(authors, made.id(), new AuthorView("First", made.body().email()));

    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> mode.update(authors, read.withBody(new AuthorView("Second", made.body().email()))));

    assertEquals("PUT " + base + "authors/" + made.id() + " → 412 Precondition Failed", e.getMessage());
    assertEquals("First", Mode.SYNC.getEntity(authors, made.id()).body().name());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void missingItemIs404(Mode mode) {
    ApiException.NotFound e = assertThrows(ApiException.NotFound.class,
        () -> mode.getEntity(books, "987654321"));
    assertEquals("GET " + base + "books/987654321 → 404 Not Found", e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deletingAReferencedAuthorIs409(Mode mode) {
    Entity<AuthorView> author = Mode.SYNC.create(authors, newAuthor());
    Mode.SYNC.create(books, new BookView("The Dispossessed", author.location().toString(), 0));

    ApiException.Conflict e = assertThrows(ApiException.Conflict.class,
        () -> mode.delete(authors, author.id()));

    assertEquals(409, e.status());
    // Spring Data REST's error body is {"cause":…,"message":…}; its message is the database's.
    assertTrue(e.getMessage().startsWith("DELETE " + base + "authors/" + author.id()
        + " → 409 Conflict: could not execute statement [Referential integrity constraint violation"),
        e.getMessage());
    ApiError error = e.error().orElseThrow();
    assertEquals(409, error.code());
    assertEquals("Conflict", error.type());
    assertTrue(error.message().startsWith("could not execute statement [Referential integrity"),
        error.message());
    assertEquals(author.body(), Mode.SYNC.getEntity(authors, author.id()).body());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void duplicateUniqueEmailIs409(Mode mode) {
    AuthorView ursula = newAuthor();
    Mode.SYNC.create(authors, ursula);

    ApiException.Conflict e = assertThrows(ApiException.Conflict.class,
        () -> mode.create(authors, new AuthorView("Another", ursula.email())));
    assertTrue(e.getMessage().startsWith("POST " + base
        + "authors → 409 Conflict: could not execute statement [Unique index or primary key violation"),
        e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteRemovesTheItem(Mode mode) {
    Entity<AuthorView> made = Mode.SYNC.create(authors, newAuthor());
    Mode.SYNC.getEntity(authors, made.id());

    mode.delete(authors, made.id());

    assertThrows(ApiException.NotFound.class, () -> Mode.SYNC.getEntity(authors, made.id()));
    ApiException.NotFound again = assertThrows(ApiException.NotFound.class,
        () -> mode.delete(authors, made.id()));
    assertEquals("DELETE " + base + "authors/" + made.id() + " → 404 Not Found", again.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createdBookKeepsItsAuthorOnlyAsALink(Mode mode) {
    Entity<AuthorView> author = Mode.SYNC.create(authors, newAuthor());
    Entity<BookView> book = mode.create(books,
        new BookView("The Dispossessed", author.location().toString(), 0));

    assertEquals(new BookView("The Dispossessed", null, 0), book.body());
    ApiResponse<AuthorView> linked = client.send(
        ApiRequest.of("GET", URI.create(book.location() + "/author")), AuthorView.class);
    assertEquals(author.body(), assertInstanceOf(ApiResponse.Ok.class, linked).body());
  }
}
