package io.restsdk.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import mockwebserver3.MockWebServer;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * A fake REST API that follows the restsdk response-code contract by itself, on a mockwebserver3
 * server bound to a random loopback port. It keeps in-memory collections of JSON documents under
 * {@link #baseUrl()} ({@code http://127.0.0.1:PORT/v1/books/1}) and answers:
 *
 * <ul>
 *   <li>{@code GET} item: 200 with a strong {@code ETag}; {@code If-None-Match} matching it: 304;
 *       {@code GET} collection: 200 with a JSON array and the collection's own ETag;
 *   <li>{@code GET} collection with {@code ?page=0&size=2} (zero-based): that page as an array,
 *       with a {@code Link} header ({@code first}, {@code prev}, {@code self}, {@code next},
 *       {@code last}), {@code X-Total-Count} and the page's own ETag; a bad {@code page} or
 *       {@code size}: 400;
 *   <li>{@code POST} collection: 201 with the new item's absolute {@code Location} and no body
 *       (with the created item as body when {@link Builder#createdWithBody(boolean)} is on);
 *   <li>{@code PUT} (replace) and {@code PATCH} item: 204 with the new ETag; {@code PATCH} takes
 *       a JSON merge patch (RFC 7396, {@code application/merge-patch+json} or {@code
 *       application/json}) or a JSON Patch (RFC 6902, {@code application/json-patch+json}; a
 *       failed {@code test} or a missing path: 409), any other type: 415; {@code If-Match} not
 *       matching (strong comparison, {@code *} = exists): 412;
 *   <li>{@code DELETE} item: 204; an unknown id: 404 without body;
 *   <li>malformed JSON: 400 with a {@code {code,type,message}} body;
 *   <li>no or unknown bearer token: 401 without body; the read-only token writing: 403;
 *   <li>an unknown reference target, deleting a referenced item, a duplicate unique field: 409;
 *   <li>500 only when scripted with {@link #faults()}, with a sanitized body.
 * </ul>
 *
 * <pre>{@code
 * try (MockApiServer server = MockApiServer.builder()
 *     .collection("authors", c -> c.unique("email"))
 *     .collection("books", c -> c.reference("author", "authors"))
 *     .build()) {
 *   server.collection("authors").put("1", "{\"name\":\"Ursula\",\"email\":\"ul@example.com\"}");
 *   // run the code under test against server.baseUrl() with server.token(), then:
 *   ServerAssertions.assertThat(server).received("POST", "books").withHeader("Content-Type");
 *   assertEquals(1, server.collection("books").size());
 * }
 * }</pre>
 *
 * <p>With {@code builder().style(ResponseStyle.HAL)} it answers as Spring Data REST does instead:
 * {@code _links} on items, references as links, collections as paged HAL objects; see {@link
 * ResponseStyle}.
 *
 * <p>The server is thread-safe; conditional writes are atomic.
 */
public final class MockApiServer implements AutoCloseable {
  /** The default read-write token. */
  public static final String DEFAULT_TOKEN = "test-token";
  /** The default read-only token. */
  public static final String DEFAULT_READ_ONLY_TOKEN = "read-only-token";

  private static final Duration TAKE_TIMEOUT = Duration.ofSeconds(10);

  private final MockWebServer server;
  private final Store store;
  private final Faults faults;
  private final Traffic traffic = new Traffic();
  private final @Nullable StrictObserver observer;
  private final String token;
  private final String readOnlyToken;
  private final boolean authEnabled;
  private final ServerOptions options;

  private MockApiServer(Builder builder) throws IOException {
    this.token = builder.token;
    this.readOnlyToken = builder.readOnlyToken;
    this.authEnabled = builder.authEnabled;
    this.observer = builder.strictObserver ? new StrictObserver() : null;
    this.options = new ServerOptions(builder.style, builder.defaultPageSize, builder.maxPageSize, builder.createdWithBody);
    this.server = new MockWebServer();
    server.setServerSocketFactory(new NoDelayServerSocketFactory());
    server.start(InetAddress.getByName("127.0.0.1"), 0);
    HttpUrl base = new HttpUrl.Builder()
        .scheme("http")
        .host("127.0.0.1")
        .port(server.getPort())
        .encodedPath(builder.basePath)
        .build();
    this.store = new Store(base);
    this.faults = new Faults(base.encodedPath());
    server.setDispatcher(new ApiDispatcher(store, options, faults, new Auth(authEnabled, token, readOnlyToken), observer, traffic));
  }

  /** A builder for a server with the given collections, tokens and options. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts a server with the defaults: default tokens, base path {@code /v1/}, no collections. */
  public static MockApiServer start() {
    return builder().build();
  }

  /** The base URL, with a trailing slash, e.g. {@code http://127.0.0.1:53123/v1/}. */
  public String baseUrl() {
    return store.base().toString();
  }

  /** Resolves a path against the base URL: {@code url("books/1")} is {@code .../v1/books/1}. */
  public URI url(String relative) {
    HttpUrl url = store.base().resolve(relative);
    if (url == null) {
      throw new IllegalArgumentException("Cannot resolve '" + relative + "' against " + baseUrl());
    }
    return url.uri();
  }

  /** The loopback port the server listens on. */
  public int port() {
    return store.base().port();
  }

  /** The read-write bearer token. */
  public String token() {
    return token;
  }

  /** The read-only bearer token: reads succeed, writes are answered 403. */
  public String readOnlyToken() {
    return readOnlyToken;
  }

  /** Whether bearer tokens are checked; see {@link Builder#noAuth()}. */
  public boolean authEnabled() {
    return authEnabled;
  }

  /** How items, collections and references are rendered; see {@link Builder#style(ResponseStyle)}. */
  public ResponseStyle style() {
    return options.style();
  }

  /** The collection with this name, created empty if it does not exist yet. */
  public MockCollection collection(String name) {
    return new MockCollection(store, store.getOrCreate(name));
  }

  /** The names of the existing collections. */
  public List<String> collections() {
    return store.names();
  }

  /** Scripting of failures and contract violations. */
  public Faults faults() {
    return faults;
  }

  /** Every request received so far, oldest first. */
  public List<RecordedCall> requests() {
    return traffic.all();
  }

  /** Forgets the recorded requests (the history and the {@link #takeRequest()} queue). */
  public void clearRequests() {
    traffic.clear();
  }

  /**
   * Takes the oldest request not taken yet, waiting up to 10 seconds.
   *
   * @throws AssertionError when no request arrives in time
   */
  public RecordedCall takeRequest() {
    return takeRequest(TAKE_TIMEOUT);
  }

  /**
   * Takes the oldest request not taken yet, waiting up to {@code timeout}.
   *
   * @throws AssertionError when no request arrives in time
   */
  public RecordedCall takeRequest(Duration timeout) {
    try {
      RecordedCall call = traffic.poll(timeout);
      if (call == null) {
        throw new AssertionError("No request received within " + timeout.toMillis() + " ms");
      }
      return call;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("Interrupted while waiting for a request", e);
    }
  }

  /** Whether the strict observer is on; see {@link Builder#strictObserver(boolean)}. */
  public boolean strictObserver() {
    return observer != null;
  }

  /** The client mistakes the strict observer noticed; empty when it is off. */
  public List<ClientViolation> clientViolations() {
    return observer == null ? List.of() : observer.violations();
  }

  /**
   * Fails when the strict observer noticed any client mistake.
   *
   * @throws AssertionError listing the violations
   * @throws IllegalStateException when the strict observer is off
   */
  public void assertNoClientViolations() {
    if (observer == null) {
      throw new IllegalStateException("The strict observer is off; enable it with builder().strictObserver(true)");
    }
    List<ClientViolation> violations = observer.violations();
    if (!violations.isEmpty()) {
      StringBuilder message = new StringBuilder("The client broke the contract ")
          .append(violations.size()).append(" time(s):");
      violations.forEach(v -> message.append("\n  ").append(v));
      throw new AssertionError(message.toString());
    }
  }

  /** Stops the server, dropping open connections (stalled ones included). Idempotent. */
  @Override
  public void close() {
    server.close();
  }

  @Override
  public String toString() {
    return "MockApiServer[" + baseUrl() + ", collections=" + collections() + "]";
  }

  /**
   * Configures and starts a {@link MockApiServer}.
   *
   * <pre>{@code
   * MockApiServer server = MockApiServer.builder()
   *     .token("secret-token")
   *     .readOnlyToken("ro-token")
   *     .basePath("/api/v2/")
   *     .strictObserver(true)
   *     .collection("authors", c -> c.unique("email"))
   *     .collection("books", c -> c.reference("author", "authors"))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private String token = DEFAULT_TOKEN;
    private String readOnlyToken = DEFAULT_READ_ONLY_TOKEN;
    private boolean authEnabled = true;
    private boolean strictObserver;
    private String basePath = "/v1/";
    private ResponseStyle style = ServerOptions.DEFAULTS.style();
    private int defaultPageSize = ServerOptions.DEFAULTS.defaultPageSize();
    private int maxPageSize = ServerOptions.DEFAULTS.maxPageSize();
    private boolean createdWithBody = ServerOptions.DEFAULTS.createdWithBody();
    private final Map<String, List<Consumer<MockCollection>>> collections = new LinkedHashMap<>();

    private Builder() {}

    /** The read-write bearer token (default {@value MockApiServer#DEFAULT_TOKEN}). */
    public Builder token(String token) {
      this.token = requireToken(token);
      return this;
    }

    /** The read-only bearer token (default {@value MockApiServer#DEFAULT_READ_ONLY_TOKEN}). */
    public Builder readOnlyToken(String readOnlyToken) {
      this.readOnlyToken = requireToken(readOnlyToken);
      return this;
    }

    /** Turns authentication off: every request is accepted, with or without a token. */
    public Builder noAuth() {
      this.authEnabled = false;
      return this;
    }

    /** The path under which collections live; it must start and end with '/' (default {@code /v1/}). */
    public Builder basePath(String basePath) {
      if (!basePath.startsWith("/") || !basePath.endsWith("/")) {
        throw new IllegalArgumentException("The base path must start and end with '/': " + basePath);
      }
      this.basePath = basePath;
      return this;
    }

    /**
     * Turns on the strict observer, which also checks the client's side of the contract; see
     * {@link MockApiServer#clientViolations()}.
     */
    public Builder strictObserver(boolean enabled) {
      this.strictObserver = enabled;
      return this;
    }

    /**
     * How items, collections and references are rendered (default {@link
     * ResponseStyle#PLAIN_JSON}, unpaged arrays unless a page is asked for). {@link
     * ResponseStyle#HAL} answers as Spring Data REST does: {@code _links}, references as links,
     * collections as paged {@code _embedded} objects.
     *
     * @throws NullPointerException if {@code style} is null
     */
    public Builder style(ResponseStyle style) {
      this.style = Objects.requireNonNull(style, "style == null");
      return this;
    }

    /**
     * The page size of a collection GET that names no {@code size}. When set, a plain-JSON GET
     * without {@code page} and {@code size} answers the first page (with {@code Link} and {@code
     * X-Total-Count}), as Spring does; when not set (the default), it answers the whole collection
     * and a paged request without {@code size} gets 20 items (HAL collections are always paged, 20
     * to a page).
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Builder defaultPageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("defaultPageSize must be at least 1, was " + size);
      }
      this.defaultPageSize = size;
      return this;
    }

    /**
     * The largest {@code size} a page request may name (default 1000, Spring Data REST's); a
     * larger one, like a {@code size} below 1 or not a number, is answered 400.
     *
     * @throws IllegalArgumentException if {@code size} is less than 1
     */
    public Builder maxPageSize(int size) {
      if (size < 1) {
        throw new IllegalArgumentException("maxPageSize must be at least 1, was " + size);
      }
      this.maxPageSize = size;
      return this;
    }

    /**
     * Whether a POST's 201 carries the created item as its body (in the server's style, with
     * {@code Location} and {@code ETag}), as Spring Data REST answers a request with {@code
     * Accept}. Default false: the contract's 201 without a body. {@link
     * Faults#createdWithBody(int, String)} does the same for a few requests only.
     */
    public Builder createdWithBody(boolean enabled) {
      this.createdWithBody = enabled;
      return this;
    }

    /** Declares an empty collection. */
    public Builder collection(String name) {
      return collection(name, c -> {});
    }

    /**
     * Declares a collection and configures or seeds it once the server is started, e.g. {@code
     * c -> c.unique("isbn").put("1", "{...}")}.
     */
    public Builder collection(String name, Consumer<MockCollection> setup) {
      Objects.requireNonNull(setup, "setup");
      collections.computeIfAbsent(name, n -> new ArrayList<>()).add(setup);
      return this;
    }

    /** Starts the server on a random loopback port. Close it when done. */
    public MockApiServer build() {
      if (authEnabled && token.equals(readOnlyToken)) {
        throw new IllegalStateException("The token and the read-only token must differ");
      }
      if (defaultPageSize > maxPageSize) {
        throw new IllegalStateException(
            "defaultPageSize (" + defaultPageSize + ") must not exceed maxPageSize (" + maxPageSize + ")");
      }
      MockApiServer server;
      try {
        server = new MockApiServer(this);
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the mock server", e);
      }
      try {
        collections.forEach((name, setups) -> {
          MockCollection collection = server.collection(name);
          setups.forEach(setup -> setup.accept(collection));
        });
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      return server;
    }

    private static String requireToken(String token) {
      if (token.isBlank() || token.chars().anyMatch(Character::isWhitespace)) {
        throw new IllegalArgumentException("A token must be non-blank and without whitespace");
      }
      return token;
    }
  }
}
