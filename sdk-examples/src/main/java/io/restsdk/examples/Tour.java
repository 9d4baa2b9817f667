package io.restsdk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.restsdk.core.ApiError;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.BodyCodec;
import io.restsdk.core.Entity;
import io.restsdk.core.Page;
import io.restsdk.core.Query;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.SdkException;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.ResponseStyle;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A tour of every row of the response-code contract ({@code CONTRACT.md}): it walks a bookstore
 * (authors and their books) through creation, cached reads, conditional writes, conflicts and
 * failures, and prints one line per step: the request sent, the status, and what the SDK made
 * of it. It ends with {@code N steps passed, N failed}.
 *
 * <p>With no arguments it starts the test kit's {@link MockApiServer} in-process; with
 * {@code --base-url URL --token T} it runs the same steps against a real server serving
 * {@code authors} ({@code name}, a unique {@code email}) and {@code books} ({@code title}, and
 * {@code author}: the author's URI). Resources are identified by the {@code Location} URIs the
 * server returns, and fields the tour does not know are ignored, so servers may add links or
 * leave ids out of bodies. See {@link TourOptions#USAGE}.
 *
 * <pre>{@code
 * // mvn -q -pl sdk-examples -am compile exec:java
 * // mvn -q -pl sdk-examples -am compile exec:java -Dexec.args="--base-url https://api.example.com/v1/ --token T"
 * TourResult result = Tour.run(TourOptions.fake(), System.out);
 * assert result.failed() == 0;
 * }</pre>
 *
 * <p>Not thread-safe: one tour runs on one thread.
 */
public final class Tour {
  /** The path whose GET the fake server is scripted to answer with a 500. */
  static final String FAKE_FAIL_PATH = "books";
  /** An id no server is expected to hold. */
  static final String MISSING_ID = "987654321";

  private static final String TOUR = "tour";
  private static final String SECOND = "second client";
  private static final String LIFESPAN = " (1929-2018)";
  private static final String SECOND_NAME = "Ursula Kroeber Le Guin";

  private final TourOptions options;
  /** The clients' codec; null: the default. */
  private final @Nullable BodyCodec codec;
  private final @Nullable MockApiServer fake;
  private final PrintStream out;
  private final HttpUrl baseUrl;
  private final String origin;
  private final String runId = UUID.randomUUID().toString().substring(0, 8);
  private final WireLog wire = new WireLog();
  private final OkHttpClient http = new OkHttpClient();
  private final RestClient client;
  private final Resource<Author> authors;
  private final Resource<Book> books;
  private final List<StepResult> steps = new ArrayList<>();
  private int stepMark;

  // What the tour holds between steps; null until the step that makes it succeeded.
  private @Nullable URI authorUri;
  private @Nullable Author author;
  private @Nullable URI bookUri;
  private @Nullable Book book;
  private @Nullable Entity<Book> firstRead;
  private @Nullable URI duplicateUri;
  private @Nullable URI secondBookUri;
  private boolean bookDeleted;
  private boolean authorDeleted;

  private Tour(TourOptions options, @Nullable MockApiServer fake, PrintStream out,
      @Nullable BodyCodec codec) {
    this.options = options;
    this.codec = codec;
    this.fake = fake;
    this.out = out;
    this.baseUrl = HttpUrl.get(requireNonNull(options.baseUrl()));
    this.origin = baseUrl.newBuilder().encodedPath("/").build().toString().replaceAll("/$", "");
    this.client = withCodec(RestClient.builder()
        .baseUrl(baseUrl.toString())
        .bearerToken(requireNonNull(options.token()))
        .okHttpClient(recorded(TOUR)))
        .build();
    this.authors = client.resource("authors", Author.class);
    this.books = client.resource("books", Book.class);
  }

  /**
   * Runs the tour from the command line and exits with 0 when every step passed, 1 when one
   * failed, 2 for bad arguments. See {@link TourOptions#USAGE}.
   */
  public static void main(String[] args) {
    // UTF-8 whatever the platform's default, so the arrows print as arrows.
    PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, UTF_8);
    if (List.of(args).contains("--help")) {
      out.println(TourOptions.USAGE);
      System.exit(0);
    }
    TourOptions options;
    try {
      options = TourOptions.parse(args, System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("Tour: " + e.getMessage());
      System.err.println(TourOptions.USAGE);
      System.exit(2);
      return;
    }
    TourResult result = run(options, out);
    out.flush();
    System.exit(result.failed() == 0 ? 0 : 1);
  }

  /**
   * Runs every step against the server {@code options} name (starting and closing the fake one
   * when they name none), printing each step's line and the summary to {@code out}.
   *
   * @return every step with its verdict; {@code failed() == 0} when the server and the SDK
   *     behaved as the contract says
   */
  public static TourResult run(TourOptions options, PrintStream out) {
    return run(options, out, null);
  }

  /**
   * {@link #run(TourOptions, PrintStream)} with the clients' bodies going through
   * {@code codec} (e.g. {@code Jackson3Codec.of(jsonMapper)}); null: the default codec.
   */
  public static TourResult run(TourOptions options, PrintStream out, @Nullable BodyCodec codec) {
    requireNonNull(options, "options == null");
    requireNonNull(out, "out == null");
    if (!options.againstFake()) return new Tour(options, null, out, codec).walk();
    try (MockApiServer server = MockApiServer.builder()
        .style(options.hal() ? ResponseStyle.HAL : ResponseStyle.PLAIN_JSON)
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build()) {
      TourOptions fakeOptions = TourOptions.real(server.baseUrl(), server.token())
          .withReadOnlyToken(server.readOnlyToken())
          .withFailPath(FAKE_FAIL_PATH);
      return new Tour(fakeOptions, server, out, codec).walk();
    }
  }

  private TourResult walk() {
    out.println("restsdk tour of every status path in CONTRACT.md, against "
        + (fake != null ? "the in-process fake server"
            + (fake.style() == ResponseStyle.HAL ? " (HAL)" : "") + " at " : "") + baseUrl);
    try {
      step("1", "POST", relative("authors"), this::createAuthor);
      step("2", "POST", relative("books"), this::createBook);
      step("3a", "GET", path(bookUri), this::readBook);
      step("3b", "GET", path(bookUri), this::readBookAgain);
      step("3c", "GET", "(the book's author)", this::readAuthorByLink);
      step("3d", "GET", relative("books"), this::listAcrossPages);
      step("4", "PUT", path(bookUri), this::updateBook);
      step("5", "PUT", path(bookUri), this::updateWithStaleEtag);
      step("6", "PUT", path(authorUri), this::modifyAuthorDespiteConcurrentRename);
      step("7", "POST", relative("authors"), this::createDuplicateAuthor);
      step("8", "DELETE", path(authorUri), this::deleteReferencedAuthor);
      step("9", "GET", relative("books/" + MISSING_ID), this::readMissingBook);
      step("10", "POST", relative("books"), this::sendMalformedJson);
      step("11a", "GET", path(bookUri), this::readWithoutToken);
      step("11b", "PUT", path(bookUri), this::writeWithReadOnlyToken);
      step("12", "GET", failPathShown(), this::serverError);
      step("13a", "DELETE", path(bookUri), this::deleteBook);
      step("13b", "DELETE", path(authorUri), this::deleteAuthor);
    } finally {
      if (fake == null) cleanUp();
      client.close();
      http.dispatcher().executorService().shutdown();
      http.connectionPool().evictAll();
    }
    TourResult result = new TourResult(steps);
    out.println(result.summary());
    return result;
  }

  // ------------------------------------------------------------------------------ the steps

  /** 201 → Location followed → the created entity with its ETag. */
  private String createAuthor() {
    Entity<Author> created = authors.create(
        new Author("Ursula K. Le Guin", "ursula." + runId + "@example.com"));
    authorUri = created.location();
    author = created.body();
    expectStatus(last("POST"), 201);
    check(created.etag() != null, "the created author came without an ETag");
    List<WireLog.Exchange> gets = sent("GET");
    if (gets.isEmpty()) { // a 201 with the created author as its body: no GET needed
      return "Created, the 201 carried the author (no GET): Entity<Author> id=" + created.id()
          + " etag=" + created.etag();
    }
    WireLog.Exchange follow = gets.get(gets.size() - 1);
    check(follow.status() == 200, "the 201's Location was not followed by a GET → 200");
    return "Created; Location followed: GET " + follow.path() + " → 200, Entity<Author> id="
        + created.id() + " etag=" + created.etag();
  }

  /** 201 with a Location, this time not followed. */
  private String createBook() {
    URI author = needed(authorUri, "step 1 created no author");
    Book dispossessed = new Book("The Dispossessed", author);
    ApiResponse<Book> r = client.send(
        ApiRequest.post(books.path()).body(dispossessed).followLocation(false), Book.class);
    if (!(r instanceof ApiResponse.Created<Book> created) || created.location() == null) {
      throw new Failed("expected Created with a Location, got " + describe(r));
    }
    bookUri = created.location();
    book = dispossessed;
    return "Created, Location " + path(bookUri) + " (not followed: followLocation(false))";
  }

  /** 200 with an ETag, which the SDK keeps. */
  private String readBook() {
    URI uri = needed(bookUri, "step 2 created no book");
    Entity<Book> read = entity(client.send(ApiRequest.of("GET", uri), Book.class));
    expectStatus(last("GET"), 200);
    check(!read.revalidated(), "a first read came from the cache");
    check(read.etag() != null, "the 200 carried no ETag");
    check(read.body().title().equals(requireNonNull(book).title()),
        "the server returned the title \"" + read.body().title() + "\"");
    firstRead = read;
    return "Ok Book \"" + read.body().title() + "\" etag=" + read.etag() + ", kept in the ETag cache";
  }

  /** 304 answered from the cache: an Ok marked revalidated. */
  private String readBookAgain() {
    URI uri = needed(bookUri, "step 2 created no book");
    Entity<Book> first = needed(firstRead, "step 3a read nothing");
    Entity<Book> read = entity(client.send(ApiRequest.of("GET", uri), Book.class));
    WireLog.Exchange get = last("GET");
    check(requireNonNull(first.etag()).headerValue().equals(get.ifNoneMatch()),
        "the SDK sent If-None-Match " + get.ifNoneMatch() + ", not " + first.etag());
    expectStatus(get, 304);
    check(read.revalidated(), "the SDK did not mark the cached answer as revalidated");
    return "Ok (revalidated from cache) etag=" + read.etag() + ", If-None-Match sent by the SDK";
  }

  /**
   * The book's author, read by its link: a HAL server sends the association only as
   * {@code _links.author}, which {@code follow} reads; a plain JSON one sends it as a field,
   * the author's URI, which {@code client.get} reads. Both go through the ETag cache.
   */
  private String readAuthorByLink() {
    Entity<Book> read = needed(firstRead, "step 3a read nothing");
    Author expected = needed(author, "step 1 created no author");
    URI expectedUri = needed(authorUri, "step 1 created no author");
    boolean linked = read.links().has("author");
    Entity<Author> a = linked
        ? books.follow(read, "author", Author.class)
        : client.getEntity(read.body().author(), Author.class);
    check(a.body().email().equals(expected.email()),
        "the author link led to an author with the email " + a.body().email());
    check(a.uri().getRawPath().equals(expectedUri.getRawPath()),
        "the author read by its link says its URI is " + a.uri() + ", not " + expectedUri);
    WireLog.Exchange get = last("GET");
    return (linked ? "follow(book, \"author\")" : "client.get(book.author())") + ": GET "
        + get.path() + " → " + get.status() + ", Author \"" + a.body().name() + "\" id=" + a.id();
  }

  /** A second book, then the collection one book a page: the next page found by the SDK. */
  private String listAcrossPages() {
    URI by = needed(authorUri, "step 1 created no author");
    ApiResponse<Book> made = client.send(ApiRequest.post(books.path())
        .body(new Book("The Left Hand of Darkness", by)).followLocation(false), Book.class);
    if (!(made instanceof ApiResponse.Created<Book> c) || c.location() == null) {
      throw new Failed("expected Created with a Location for a second book, got " + describe(made));
    }
    secondBookUri = c.location();
    Page<Book> first = books.list(Query.of("page", "0").and("size", "1"));
    check(first.items().size() == 1, "page 0 of size 1 held " + first.items().size() + " books");
    String how = first.headers().get("Link") != null ? "Link header" : "HAL _links.next";
    Page<Book> second = books.next(first)
        .orElseThrow(() -> new Failed("the first page of one book out of two has no next page"));
    check(second.items().size() == 1, "page 1 of size 1 held " + second.items().size() + " books");
    check(!second.uri().equals(first.uri()), "the next page is the first page again");
    return "list(page=0, size=1) → \"" + first.items().get(0).title() + "\"" + totalOf(first)
        + "; next(page) by the " + how + " → \"" + second.items().get(0).title() + "\"";
  }

  private static String totalOf(Page<?> page) {
    return page.totalElements().isPresent() ? " of " + page.totalElements().getAsLong() : "";
  }

  /** 204, with If-Match taken from the cache. */
  private String updateBook() {
    URI uri = needed(bookUri, "step 2 created no book");
    Entity<Book> first = needed(firstRead, "step 3a read nothing");
    Book retitled = requireNonNull(book).withTitle("The Dispossessed: An Ambiguous Utopia");
    ApiResponse<Book> r = client.send(ApiRequest.of("PUT", uri).body(retitled), Book.class);
    WireLog.Exchange put = last("PUT");
    check(requireNonNull(first.etag()).headerValue().equals(put.ifMatch()),
        "If-Match was not sent from the cache (sent: " + put.ifMatch() + ")");
    check(r instanceof ApiResponse.NoContent || r instanceof ApiResponse.Ok,
        "expected a success, got " + describe(r));
    book = retitled;
    return r.getClass().getSimpleName() + ", If-Match " + put.ifMatch()
        + " sent automatically from the cache";
  }

  /** 412: writing with the ETag of step 3, which step 4 made stale. */
  private String updateWithStaleEtag() {
    Entity<Book> first = needed(firstRead, "step 3a read nothing");
    Book current = needed(book, "step 2 created no book");
    ApiException.PreconditionFailed e = expect(ApiException.PreconditionFailed.class,
        () -> books.update(first.withBody(current.withTitle("A title from a stale copy"))));
    return describe(e) + " (If-Match " + first.etag() + " from step 3a)";
  }

  /** modify: 412 because a second client renamed the author in between, re-read, re-applied. */
  private String modifyAuthorDespiteConcurrentRename() {
    URI uri = needed(authorUri, "step 1 created no author");
    String id = idIn(authors, uri);
    AtomicInteger calls = new AtomicInteger();
    Author result = authors.modify(id, current -> {
      // The first time round, someone else changes the author after modify has read it.
      if (calls.incrementAndGet() == 1) renameFromSecondClient(id);
      return current.withName(current.name() + LIFESPAN);
    }).body();
    List<Integer> puts = statuses("PUT");
    check(calls.get() == 2, "the modify function ran " + calls.get() + " time(s), expected 2");
    check(puts.size() == 2 && puts.get(0) == 412 && puts.get(1) / 100 == 2,
        "expected PUT → 412, then a success; got " + puts);
    check(result.name().equals(SECOND_NAME + LIFESPAN),
        "modify wrote \"" + result.name() + "\", not the change re-applied to the second client's");
    author = result;
    return "modify: 412 (a second client renamed the author in between), re-read, re-applied → \""
        + result.name() + "\" on attempt 2";
  }

  private RestClient.Builder withCodec(RestClient.Builder b) {
    return codec == null ? b : b.codec(codec);
  }

  /** The "second client" of step 6: its own ETag cache, the same token. */
  private void renameFromSecondClient(String id) {
    try (RestClient second = withCodec(RestClient.builder()
        .baseUrl(baseUrl.toString())
        .bearerToken(requireNonNull(options.token()))
        .okHttpClient(recorded(SECOND)))
        .build()) {
      Resource<Author> theirAuthors = second.resource("authors", Author.class);
      Entity<Author> theirs = theirAuthors.getEntity(id);
      theirAuthors.update(theirs.withBody(theirs.body().withName(SECOND_NAME)));
    }
  }

  /** 409: the email is already used. */
  private String createDuplicateAuthor() {
    Author first = needed(author, "step 1 created no author");
    ApiException.Conflict e = expect(ApiException.Conflict.class,
        () -> duplicateUri = authors.create(new Author("Another Ursula", first.email())).location());
    return describe(e);
  }

  /** 409: the author still has a book. */
  private String deleteReferencedAuthor() {
    URI uri = needed(authorUri, "step 1 created no author");
    needed(bookUri, "step 2 created no book");
    ApiException.Conflict e = expect(ApiException.Conflict.class, () -> {
      client.send(ApiRequest.of("DELETE", uri), Void.class);
      authorDeleted = true;
    });
    return describe(e);
  }

  /** 404. */
  private String readMissingBook() {
    return describe(expect(ApiException.NotFound.class, () -> books.get(MISSING_ID)));
  }

  /** 400 with the server's message. */
  private String sendMalformedJson() {
    ApiException.BadRequest e = expect(ApiException.BadRequest.class, () -> client.send(
        ApiRequest.post(books.path()).rawBody("{\"title\": ".getBytes(UTF_8), "application/json"),
        Book.class));
    return describe(e);
  }

  /** 401: no token at all. */
  private String readWithoutToken() {
    URI uri = needed(bookUri, "step 2 created no book");
    try (RestClient anonymous = client.newBuilder().noAuthentication().build()) {
      ApiException.Unauthorized e = expect(ApiException.Unauthorized.class,
          () -> anonymous.send(ApiRequest.of("GET", uri), Book.class));
      check(!last("GET").authenticated(), "an Authorization header was sent");
      return describe(e) + " (sent without a token)";
    }
  }

  /** 403: a token that may only read. */
  private String writeWithReadOnlyToken() {
    String readOnly = options.readOnlyToken();
    if (readOnly == null) throw new Skipped("no --read-only-token given");
    URI uri = needed(bookUri, "step 2 created no book");
    Book current = needed(book, "step 2 created no book");
    try (RestClient reader = client.newBuilder().bearerToken(readOnly).build()) {
      ApiException.Forbidden e = expect(ApiException.Forbidden.class,
          () -> reader.send(ApiRequest.of("PUT", uri).body(current), Book.class));
      return describe(e) + " (read-only token)";
    }
  }

  /** 500 with {code,type,message}. */
  private String serverError() {
    String failPath = options.failPath();
    if (failPath == null) throw new Skipped("no --fail-path given");
    if (fake != null) {
      // Every attempt fails, however many the client's retry options allow; cleared below.
      fake.faults().failNext(100, "GET", FAKE_FAIL_PATH, 500);
    }
    try {
      ApiException.InternalServerError e = expect(ApiException.InternalServerError.class,
          () -> client.send(failRequest(failPath), Void.class));
      ApiError error = e.error().orElseThrow(
          () -> new Failed("the 500 carried no {code,type,message} body: " + describe(e)));
      return "InternalServerError {code=" + error.code() + ", type=\"" + error.type()
          + "\", message=\"" + error.message() + "\"}"
          + (e.attempts() > 1 ? ", after " + e.attempts() + " attempts (a GET is safe to retry)" : "");
    } finally {
      if (fake != null) fake.faults().clear();
    }
  }

  /** 204 (both books: the one of step 2 and the one of step 3d). */
  private String deleteBook() {
    URI uri = needed(bookUri, "step 2 created no book");
    String outcome = deleted(client.send(ApiRequest.of("DELETE", uri), Void.class));
    bookDeleted = true;
    if (secondBookUri != null) {
      deleted(client.send(ApiRequest.of("DELETE", secondBookUri), Void.class));
      secondBookUri = null;
    }
    return outcome;
  }

  /** 204, now that no book refers to the author. */
  private String deleteAuthor() {
    URI uri = needed(authorUri, "step 1 created no author");
    check(bookDeleted, "not run: step 13a did not delete the book");
    String outcome = deleted(client.send(ApiRequest.of("DELETE", uri), Void.class));
    authorDeleted = true;
    return outcome;
  }

  /**
   * A DELETE's success: a 204, or a 200 with the deleted item, which a server may send when the
   * request carries {@code Accept} (Spring Data REST does).
   */
  private String deleted(ApiResponse<Void> r) {
    if (r instanceof ApiResponse.NoContent) return "NoContent";
    check(r instanceof ApiResponse.Ok, "expected NoContent, got " + describe(r));
    return "Ok (200, with the deleted item)";
  }

  /** Against a real server, deletes what a failed step left behind. */
  private void cleanUp() {
    List<URI> left = new ArrayList<>();
    if (duplicateUri != null) left.add(duplicateUri);
    if (secondBookUri != null) left.add(secondBookUri);
    if (bookUri != null && !bookDeleted) left.add(bookUri);
    if (authorUri != null && !authorDeleted) left.add(authorUri);
    if (left.isEmpty()) return;
    try (RestClient cleaner = client.newBuilder().conditionalWrites(false).build()) {
      for (URI uri : left) {
        try {
          cleaner.send(ApiRequest.of("DELETE", uri), Void.class);
          out.println("     cleanup: deleted " + path(uri));
        } catch (SdkException e) {
          out.println("     cleanup: could not delete " + path(uri) + ": " + describe(e));
        }
      }
    }
  }

  // --------------------------------------------------------------------------- the machinery

  /** A check that returns what the SDK made of the step, or throws {@link Failed}/{@link Skipped}. */
  @FunctionalInterface
  private interface Check {
    String run();
  }

  /** A call expected to throw. */
  @FunctionalInterface
  private interface Call {
    void run();
  }

  /** The step did not behave as the contract says. */
  private static final class Failed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failed(String message) {
      super(message, null, false, false);
    }
  }

  /** The server cannot be made to do the step. */
  private static final class Skipped extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Skipped(String message) {
      super(message, null, false, false);
    }
  }

  private void step(String label, String method, String target, Check check) {
    stepMark = wire.mark();
    StepResult.Verdict verdict;
    String outcome;
    try {
      outcome = check.run();
      verdict = StepResult.Verdict.PASSED;
    } catch (Skipped e) {
      outcome = e.getMessage();
      verdict = StepResult.Verdict.SKIPPED;
    } catch (Failed e) {
      outcome = e.getMessage();
      verdict = StepResult.Verdict.FAILED;
    } catch (SdkException e) {
      outcome = "unexpected " + describe(e);
      verdict = StepResult.Verdict.FAILED;
    } catch (RuntimeException e) {
      outcome = "unexpected " + e;
      verdict = StepResult.Verdict.FAILED;
    }
    List<WireLog.Exchange> sent = sent(method);
    String shownPath = sent.isEmpty() ? target : sent.get(0).path();
    StepResult result = new StepResult(label, method, shownPath,
        sent.stream().map(WireLog.Exchange::status).toList(), verdict, strip(outcome));
    steps.add(result);
    out.println(result.line());
  }

  /** The current step's exchanges of the tour's own clients with this method. */
  private List<WireLog.Exchange> sent(String method) {
    return wire.since(stepMark).stream()
        .filter(e -> e.client().equals(TOUR) && e.method().equals(method))
        .toList();
  }

  private List<Integer> statuses(String method) {
    return sent(method).stream().map(WireLog.Exchange::status).toList();
  }

  private WireLog.Exchange last(String method) {
    List<WireLog.Exchange> sent = sent(method);
    if (sent.isEmpty()) throw new Failed("no " + method + " was sent");
    return sent.get(sent.size() - 1);
  }

  private static void expectStatus(WireLog.Exchange exchange, int status) {
    check(exchange.status() == status,
        "expected " + status + ", the server answered " + exchange.status());
  }

  private static void check(boolean condition, String failure) {
    if (!condition) throw new Failed(failure);
  }

  private static <T> T needed(@Nullable T value, String why) {
    if (value == null) throw new Failed("not run: " + why);
    return value;
  }

  /** Runs {@code call} and returns the exception of type {@code type} it must throw. */
  private <E extends ApiException> E expect(Class<E> type, Call call) {
    try {
      call.run();
    } catch (ApiException e) {
      if (type.isInstance(e)) return type.cast(e);
      throw new Failed("expected " + type.getSimpleName() + ", got " + describe(e));
    }
    throw new Failed("expected " + type.getSimpleName() + ", but the call succeeded");
  }

  private static <T> Entity<T> entity(ApiResponse<T> response) {
    if (response instanceof ApiResponse.Ok<T> ok) return ok.entity();
    throw new Failed("expected Ok with a body, got " + describe(response));
  }

  /** The id of the item at {@code location}, for the operations of {@link Resource} that take one. */
  private static String idIn(Resource<?> collection, URI location) {
    List<String> segments = HttpUrl.get(location.toString()).pathSegments();
    String id = segments.get(segments.size() - 1);
    try {
      if (collection.uri(id).toString().equals(location.toString())) return id;
    } catch (IllegalArgumentException e) {
      // not a usable id: fall through
    }
    throw new Failed("not run: Resource.modify takes an id, and the Location " + location
        + " is not an item of " + collection.path());
  }

  private ApiRequest failRequest(String failPath) {
    if (failPath.startsWith("/")) {
      return ApiRequest.of("GET", baseUrl.newBuilder().encodedPath("/").build().uri().resolve(failPath));
    }
    return ApiRequest.get(failPath);
  }

  private String failPathShown() {
    String failPath = options.failPath();
    if (failPath == null) return "(no --fail-path)";
    return failPath.startsWith("/") ? failPath : relative(failPath);
  }

  private String relative(String path) {
    HttpUrl url = baseUrl.resolve(path);
    return url == null ? path : url.encodedPath();
  }

  private static String path(@Nullable URI uri) {
    return uri == null ? "(unknown)" : uri.getRawPath();
  }

  private static String describe(ApiResponse<?> response) {
    return response.getClass().getSimpleName() + " (" + response.status() + ")";
  }

  private static String describe(SdkException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
  }

  /** Messages carry full URLs; the lines show paths, as the request column does. */
  private String strip(String text) {
    return text.replace(origin, "");
  }

  private OkHttpClient recorded(String clientName) {
    return http.newBuilder().addInterceptor(wire.interceptor(clientName)).build();
  }

  @Override
  public String toString() {
    return "Tour{" + options + "}";
  }
}
