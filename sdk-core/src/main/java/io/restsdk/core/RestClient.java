package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import dev.failsafe.Policy;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import okhttp3.HttpUrl;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * A client for one REST API that follows the response-code contract: it maps every status to an
 * {@link ApiResponse} or an {@link ApiException}, keeps an ETag cache, follows {@code Location}
 * after a 201, and can retry what is safe to retry.
 *
 * <p>Immutable and thread-safe; share one instance. {@link #close()} releases the connection
 * pool and threads it created (not those of an {@code OkHttpClient} the caller passed in).
 *
 * <pre>{@code
 * try (RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .bearerToken(System.getenv("API_TOKEN"))
 *     .build()) {
 *   Resource<Book> books = client.resource("books", Book.class);
 *   Entity<Book> created = books.create(new Book("Dune"));
 *   Book again = books.get("42");
 * }
 * }</pre>
 */
public final class RestClient implements AutoCloseable {
  static final System.Logger LOG = System.getLogger("io.restsdk.core");

  final HttpUrl baseUrl;
  final @Nullable TokenProvider tokenProvider;
  final OkHttpClient okHttp;
  final BodyCodec codec;
  final String userAgent;
  /** What a request without headers of the caller's starts with: Accept and User-Agent. */
  final okhttp3.Headers plainHeaders;
  final ContractMode contractMode;
  final boolean followLocation;
  final boolean followCrossOriginLocation;
  final boolean followRedirects;
  final boolean followCrossOriginRedirects;
  final Transport.Limits limits;
  final EtagCache etagCache;
  /** The ETag cache's rules for this client: keys, validators, store, evictions. */
  final ConditionalLayer conditional;
  final int modifyAttempts;
  final ModifyBackoff modifyBackoff;
  final Policies policies;
  /** The builder's {@link CallListener}s; null without any (each event is a null check). */
  final @Nullable Observation observation;
  final boolean autoIdempotencyKeys;
  /** Decoded values of cached bodies, or null when none are reused. */
  final @Nullable DecodedBodies decodedBodies;
  /** Readers and HAL associations of each body type. */
  final Readers readers;

  private final Builder config;
  private final OkHttpSetup.SharedResources shared;
  private final AtomicBoolean closed = new AtomicBoolean();

  private RestClient(Builder b) {
    this.codec = b.codec != null ? b.codec : Codecs.defaultCodec();
    this.config = b.copy().codec(codec); // a derived client keeps the codec and its caches
    this.baseUrl = requireNonNull(b.baseUrl);
    this.tokenProvider = b.tokenProvider;
    this.readers = new Readers(codec);
    this.userAgent = b.userAgent;
    this.plainHeaders = okhttp3.Headers.of("Accept", Exchange.DEFAULT_ACCEPT,
        "User-Agent", userAgent);
    this.contractMode = b.contractMode;
    this.followLocation = b.followLocation;
    this.followCrossOriginLocation = b.followCrossOriginLocation;
    this.followRedirects = b.followRedirects;
    this.followCrossOriginRedirects = b.followCrossOriginRedirects;
    this.limits = new Transport.Limits(b.maxBodyBytes, b.maxErrorBodyBytes);
    this.etagCache = b.etagCache != null ? b.etagCache : EtagCache.inMemory();
    this.observation = Observation.of(b.callListeners);
    this.conditional = new ConditionalLayer(etagCache, b.conditionalWrites, b.cachePartition,
        observation);
    this.modifyAttempts = b.modifyAttempts;
    this.modifyBackoff = b.modifyBackoff;
    this.policies = new Policies(b.retryOptions, b.breakerThreshold, b.breakerDelay,
        b.failsafePolicies, b.retryListener, b.tokenProvider, b.deadline, b.clock, observation);
    this.autoIdempotencyKeys = b.autoIdempotencyKeys;
    this.decodedBodies = DecodedBodies.of(b.reuseDecodedBodies, etagCache.isEnabled(), codec);
    OkHttpSetup.Wired wired = OkHttpSetup.wire(b);
    this.okHttp = wired.okHttp();
    this.shared = wired.shared();
  }

  /** A builder with every option at its default; {@link Builder#baseUrl} is required. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * A builder holding this client's configuration, to derive a variant (another token, other
   * timeouts). The derived client shares this one's connection pool and ETag cache.
   */
  public Builder newBuilder() {
    Builder b = config.copy();
    b.shared = shared;
    b.etagCache = etagCache;
    return b;
  }

  /** The base URL every relative path is resolved against. */
  public HttpUrl baseUrl() {
    return baseUrl;
  }

  /** The ETag cache (possibly {@link EtagCache#disabled()}). */
  public EtagCache etagCache() {
    return etagCache;
  }

  /**
   * A typed view of the collection at {@code path} (relative to the base URL).
   *
   * @throws IllegalArgumentException if {@code path} is empty, absolute, or leaves the base URL
   */
  public <T> Resource<T> resource(String path, Class<T> type) {
    requireNonNull(type, "type == null");
    return new Resource<>(this, Resource.checkCollection(path), type);
  }

  /**
   * A typed view for a generic body type, e.g. {@code new TypeRef<List<Book>>() {}}.
   *
   * @throws IllegalArgumentException if {@code type} holds a type variable (erased at run time)
   */
  public <T> Resource<T> resource(String path, TypeRef<T> type) {
    return new Resource<>(this, Resource.checkCollection(path), TypeRefs.type(type));
  }

  /**
   * Sends {@code request} and maps the response by the contract.
   *
   * @param type the body type; {@code Void.class} to ignore bodies
   * @return the success variant; for a {@code HEAD}, whose answer has no body, a success is
   *     always an {@link ApiResponse.NoContent} with the status and headers
   * @throws ApiException for every failing status
   * @throws TransportException for I/O failures
   * @throws DecodeException when a success body cannot be decoded into {@code type}
   * @throws RedirectException when a redirect is not followed (see
   *     {@link Builder#followRedirects(boolean)})
   * @throws LocationNotFollowedException when a 201's {@code Location} is followed and the
   *     resource was created but the GET of it failed (the cause)
   * @throws IllegalStateException if the client is closed
   */
  public <T> ApiResponse<T> send(ApiRequest request, Class<T> type) {
    requireNonNull(request, "request == null");
    requireNonNull(type, "type == null");
    return new Exchange<T>(this, request, type).run();
  }

  /** As {@link #send(ApiRequest, Class)} for a generic body type; see {@link TypeRef}. */
  public <T> ApiResponse<T> send(ApiRequest request, TypeRef<T> type) {
    requireNonNull(request, "request == null");
    return new Exchange<T>(this, request, TypeRefs.type(type)).run();
  }

  /**
   * As {@link #send(ApiRequest, Class)}, without blocking: the future completes with the success
   * variant, or exceptionally with the same {@link SdkException} the sync call would throw.
   * Cancelling the future cancels the HTTP call in flight and any retry not yet started.
   */
  public <T> CompletableFuture<ApiResponse<T>> sendAsync(ApiRequest request, Class<T> type) {
    requireNonNull(request, "request == null");
    requireNonNull(type, "type == null");
    return new Exchange<T>(this, request, type).runAsync();
  }

  /** As {@link #sendAsync(ApiRequest, Class)} for a generic body type; see {@link TypeRef}. */
  public <T> CompletableFuture<ApiResponse<T>> sendAsync(ApiRequest request, TypeRef<T> type) {
    requireNonNull(request, "request == null");
    return new Exchange<T>(this, request, TypeRefs.type(type)).runAsync();
  }

  /** GET of an absolute URI (a link) through the ETag cache; see {@link Resource#follow}. */
  public <T> T get(java.net.URI uri, Class<T> type) {
    return getEntity(uri, type).body();
  }

  /** {@link #get(java.net.URI, Class)} with the ETag, status, headers and links. */
  public <T> Entity<T> getEntity(java.net.URI uri, Class<T> type) {
    return Follow.entity(this, uri, requireNonNull(type, "type == null"));
  }

  /** {@link #getEntity(java.net.URI, Class)} for a generic body type. */
  public <T> Entity<T> getEntity(java.net.URI uri, TypeRef<T> type) {
    requireNonNull(type, "type == null");
    return Follow.entity(this, uri, TypeRefs.type(type));
  }

  void checkOpen() {
    if (closed.get()) throw new IllegalStateException("RestClient is closed");
  }

  /** Releases what this client owns; later calls fail with IllegalStateException. Idempotent. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) shared.release();
  }

  @Override
  public String toString() {
    return "RestClient{" + baseUrl + ", " + contractMode + ", " + etagCache + "}";
  }

  /**
   * Configures a {@link RestClient}. Not thread-safe; {@link #build()} copies what it needs.
   *
   * <pre>{@code
   * RestClient client = RestClient.builder()
   *     .baseUrl("https://api.example.com/v1/")
   *     .tokenProvider(myTokens)
   *     .readTimeout(Duration.ofSeconds(10))
   *     .contractMode(ContractMode.STRICT)
   *     .build();
   * }</pre>
   */
  public static final class Builder implements Cloneable {
    static final Duration DEFAULT_CONNECT = Duration.ofSeconds(10);
    static final Duration DEFAULT_READ = Duration.ofSeconds(30);
    static final String DEFAULT_USER_AGENT = "restsdk/0.1";

    @Nullable HttpUrl baseUrl;
    @Nullable TokenProvider tokenProvider;
    @Nullable OkHttpClient okHttp;
    @Nullable BodyCodec codec;
    @Nullable Duration connectTimeout;
    @Nullable Duration readTimeout;
    @Nullable Duration callTimeout;
    String userAgent = DEFAULT_USER_AGENT;
    ContractMode contractMode = ContractMode.LENIENT;
    boolean followLocation = true;
    boolean followCrossOriginLocation;
    boolean followRedirects = true;
    boolean followCrossOriginRedirects = true;
    long maxBodyBytes = 16L << 20;
    int maxErrorBodyBytes = 64 << 10;
    @Nullable EtagCache etagCache;
    boolean conditionalWrites = true;
    java.util.function.@Nullable Supplier<@Nullable String> cachePartition;
    @Nullable Boolean reuseDecodedBodies; // null: automatic
    int modifyAttempts = 30;
    ModifyBackoff modifyBackoff = ModifyBackoff.DEFAULT;
    RetryOptions retryOptions = RetryOptions.defaults();
    RetryListener retryListener = RetryListener.NONE;
    List<CallListener> callListeners = List.of();
    int breakerThreshold;
    @Nullable Duration breakerDelay;
    @Nullable List<Policy<Object>> failsafePolicies;
    boolean autoIdempotencyKeys;
    @Nullable Duration deadline;
    Clock clock = Clock.systemUTC();
    OkHttpSetup.@Nullable SharedResources shared;
    boolean retryOptionsSet;
    int maxConcurrentRequests; // 0: the default, DEFAULT_MAX_CONCURRENT_REQUESTS

    Builder() {}

    /** A shallow copy: every field is a value, an immutable list or a shared object. */
    Builder copy() {
      try {
        return (Builder) super.clone();
      } catch (CloneNotSupportedException e) {
        throw new AssertionError(e);
      }
    }

    /**
     * The API's base URL; required. Relative paths are resolved against it, so it must end with
     * {@code /}.
     *
     * @throws NullPointerException if {@code baseUrl} is null
     * @throws IllegalArgumentException if it is not an absolute http(s) URL ending with
     *     {@code /}, or holds a query, a fragment or user info
     */
    public Builder baseUrl(String baseUrl) {
      requireNonNull(baseUrl, "baseUrl == null");
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException("baseUrl must be an absolute http(s) URL: " + baseUrl);
      }
      if (!url.encodedPath().endsWith("/")) {
        throw new IllegalArgumentException("baseUrl must end with '/': " + baseUrl);
      }
      if (url.query() != null || url.fragment() != null) {
        throw new IllegalArgumentException("baseUrl must not hold a query or fragment: " + baseUrl);
      }
      if (!url.username().isEmpty() || !url.password().isEmpty()) {
        throw new IllegalArgumentException(
            "baseUrl must not hold user info; use bearerToken or tokenProvider");
      }
      this.baseUrl = url;
      return this;
    }

    /**
     * A fixed bearer token sent as {@code Authorization: Bearer …} to the base URL's origin only.
     * Default: none.
     *
     * @throws NullPointerException if {@code token} is null, naming {@link #noAuthentication()}
     * @throws IllegalArgumentException if {@code token} is blank or holds line breaks
     */
    public Builder bearerToken(String token) {
      requireNonNull(token, "bearerToken(null): no token given (an unset environment variable?); to send requests without Authorization, call noAuthentication() instead");
      if (token.isBlank() || token.indexOf('\n') >= 0 || token.indexOf('\r') >= 0) {
        throw new IllegalArgumentException("token is blank or holds a line break");
      }
      this.tokenProvider = TokenProvider.of(token);
      return this;
    }

    /** Tokens from a provider that may refresh them after a 401. Default: none. */
    public Builder tokenProvider(TokenProvider provider) {
      this.tokenProvider = requireNonNull(provider, "provider == null");
      return this;
    }

    /** Removes the token: requests are sent without {@code Authorization}. */
    public Builder noAuthentication() {
      this.tokenProvider = null;
      return this;
    }

    /**
     * An OkHttp client to send with (its pool, dispatcher, interceptors, TLS). Default: one the
     * client creates and closes. Timeouts set on this builder override the given client's, and
     * its {@code retryOnConnectionFailure} is turned off: OkHttp would otherwise send a request
     * again by itself after some connection failures, a POST included, where only the client's
     * retry policies know whether repeating it is safe. Its {@code followRedirects} and
     * {@code followSslRedirects} are turned off too: redirects are followed by this client (see
     * {@link #followRedirects(boolean)}), which keeps credentials and bodies on their origin.
     * A network interceptor is added that checks a pooled connection before a request that is
     * not safe to repeat is written to it (see {@link TransportException#mayHaveReachedServer()}),
     * and its event listener factory is wrapped so that each call also tells the client whether
     * its request started to be written; a listener of the caller's still sees every event.
     * The given client itself is left as it was: these changes apply to one derived from it.
     */
    public Builder okHttpClient(OkHttpClient client) {
      this.okHttp = requireNonNull(client, "client == null");
      this.shared = null;
      return this;
    }

    /**
     * How bodies are written and read: {@link Jackson2Codec#of} over the application's
     * Jackson 2 {@code ObjectMapper}, or {@code Jackson3Codec.of(jsonMapper)} from
     * {@code sdk-jackson3}. Default: {@link Jackson2Codec#defaults()} when Jackson 2 is on the
     * class path; without it {@link #build()} fails, saying what to add.
     */
    public Builder codec(BodyCodec codec) {
      this.codec = requireNonNull(codec, "codec == null");
      return this;
    }

    /** Connect timeout. Default: 10 s. @throws IllegalArgumentException if negative */
    public Builder connectTimeout(Duration timeout) {
      this.connectTimeout = BuilderRules.timeout(timeout);
      return this;
    }

    /** Read and write timeout for each attempt. Default: 30 s. @throws IllegalArgumentException if negative */
    public Builder readTimeout(Duration timeout) {
      this.readTimeout = BuilderRules.timeout(timeout);
      return this;
    }

    /**
     * The old name of {@link #attemptTimeout}, which it calls.
     *
     * @deprecated it bounds one attempt, not the call: use {@link #attemptTimeout}, or
     *     {@link #deadline} for the whole call
     * @throws IllegalArgumentException if negative
     */
    @Deprecated
    public Builder callTimeout(Duration timeout) {
      return attemptTimeout(timeout);
    }

    /**
     * The {@code User-Agent} header. Default: {@code restsdk/0.1}.
     *
     * @throws IllegalArgumentException if blank or not a valid header value
     */
    public Builder userAgent(String userAgent) {
      requireNonNull(userAgent, "userAgent == null");
      if (userAgent.isBlank()) throw new IllegalArgumentException("userAgent is blank");
      new okhttp3.Headers.Builder().add("User-Agent", userAgent);
      this.userAgent = userAgent;
      return this;
    }

    /** How contract violations are treated. Default: {@link ContractMode#LENIENT}. */
    public Builder contractMode(ContractMode mode) {
      this.contractMode = requireNonNull(mode, "mode == null");
      return this;
    }

    /**
     * Whether {@code send} follows a 201's {@code Location} with a GET. Default: true.
     * {@link Resource#create} always follows. A followed 201 that carries the created item as
     * JSON is, in lenient mode, used without the GET; not followed, the 201's body is not read.
     */
    public Builder followLocation(boolean follow) {
      this.followLocation = follow;
      return this;
    }

    /**
     * Whether a {@code Location} on another origin (scheme, host, port) than the base URL is
     * followed; it is then followed without credentials. Default: false.
     */
    public Builder followCrossOriginLocation(boolean follow) {
      this.followCrossOriginLocation = follow;
      return this;
    }

    /**
     * Whether redirects (301, 302, 303, 307, 308 with a {@code Location}) are followed. Default:
     * true. The client follows them itself (OkHttp's own following is always off, on a client
     * passed to {@link #okHttpClient} too):
     *
     * <ul>
     *   <li>303 (to anything but a GET or HEAD), and 301/302 after a POST, become a GET without a
     *       body; other redirects keep the method, the body, and the {@code If-Match} and
     *       {@code Idempotency-Key} that were sent.
     *   <li>Credentials (the token, {@code Authorization}, {@code Proxy-Authorization},
     *       {@code Cookie}, every {@link ApiRequest#credentialHeader}) go only to the base URL's
     *       origin (scheme, host, port), and never again in a call after one of its requests went
     *       elsewhere; {@code https} → {@code http} is another origin. Cookies of an OkHttp
     *       {@code CookieJar} are the jar's per-URL business.
     *   <li>A body is re-sent only to the same origin; a redirect that would send it elsewhere
     *       fails with {@link RedirectException}.
     *   <li>More than 5 redirects in a row, or one back to a URL the call already requested,
     *       fails with {@link RedirectException}.
     * </ul>
     *
     * <p>With following off, a redirect is an {@link ApiException.Other} with its status.
     */
    public Builder followRedirects(boolean follow) {
      this.followRedirects = follow;
      return this;
    }

    /**
     * Whether a redirect to another origin (scheme, host or port) than the request's is
     * followed, without any credential. Default: true. When false such a redirect fails with
     * {@link RedirectException} ({@link RedirectException.Reason#CROSS_ORIGIN}). A redirect that
     * would re-send a body to another origin is refused either way.
     */
    public Builder followCrossOriginRedirects(boolean follow) {
      this.followCrossOriginRedirects = follow;
      return this;
    }

    /**
     * The largest success body read, in bytes; a larger one fails with {@link DecodeException}.
     * Default: 16 MiB.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBodyBytes(long max) {
      if (max <= 0) throw new IllegalArgumentException("maxBodyBytes must be positive: " + max);
      this.maxBodyBytes = max;
      return this;
    }

    /**
     * How much of an error body is read and kept; the rest is never read. Default: 64 KiB.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxErrorBodyBytes(int max) {
      if (max <= 0) throw new IllegalArgumentException("maxErrorBodyBytes must be positive: " + max);
      this.maxErrorBodyBytes = max;
      return this;
    }

    /** The ETag cache. Default: {@link EtagCache#inMemory()}; {@link EtagCache#disabled()} turns it off. */
    public Builder etagCache(EtagCache cache) {
      this.etagCache = requireNonNull(cache, "cache == null");
      return this;
    }

    /**
     * Names the principal whose ETag cache entries a request reads and fills, for applications
     * whose credentials the SDK does not see or that change while the user stays the same.
     * Default: none, and the principal is a hash of the credentials the SDK itself sends (the
     * token provider's token and the request's credential headers).
     *
     * <p>Without a partition, credentials added by an OkHttp interceptor, an
     * {@code Authenticator} or a {@code CookieJar} are invisible to the cache: every user of
     * such a client would share one entry per URL, and one user could be answered from
     * another's cached body. A token that rotates also starts every entry again. With a
     * partition, the key is (URL, a hash of {@code partition.get()}, {@code Accept}) and the
     * credentials are not part of it: the supplier must name everything the server's answers
     * depend on about the caller (the user, and the tenant if any). It is called once per
     * operation, on the thread that calls it (async operations too): the GET after a 201, and
     * the later steps of {@code modify}, use the same answer. A null answer means "no
     * principal known": that operation neither reads nor fills the cache. Writes still evict
     * the URL for every principal, and a response whose {@code Vary} names {@code Cookie} or
     * {@code Authorization} is kept under the partition.
     *
     * <pre>{@code
     * RestClient client = RestClient.builder()
     *     .baseUrl(url)
     *     .okHttpClient(okWithAuthInterceptor)
     *     .cachePartition(() -> CurrentUser.id())   // e.g. from a request context
     *     .build();
     * }</pre>
     *
     * @param partition the current principal's name (hashed, never stored or shown as given)
     * @throws NullPointerException if {@code partition} is null
     */
    public Builder cachePartition(java.util.function.Supplier<@Nullable String> partition) {
      this.cachePartition = requireNonNull(partition, "partition == null");
      return this;
    }

    /**
     * Whether a GET answered by 304 returns the very instance decoded from the cached body
     * before, instead of decoding the body again (decoding is most of what a 304 costs).
     * Default: automatic, only for <em>deeply immutable</em> types, which no caller can change:
     * records, or final classes whose fields are all final, made of strings, primitives and
     * boxes, enums, {@code java.time} values, {@code URI}, {@code UUID}, {@code BigDecimal},
     * {@code BigInteger}, other such types, and {@code List}/{@code Set}/{@code Map} of them that
     * are unmodifiable in the decoded value (checked when a 200 is cached; a record makes them so
     * with {@code List.copyOf} in its compact constructor). Never arrays, POJOs with setters,
     * classes that are not final, or types with a codec mix-in ({@link BodyCodec#customizes}).
     * The examples' {@code Book(String, URI)} and {@code Author(String, String)} qualify.
     *
     * <p>{@code true} reuses the value of any type (but {@code byte[]}, always a fresh copy): only
     * for types the application never modifies; a caller that changes a shared instance changes
     * what the next 304 returns. {@code false} decodes every 304 anew. Values live as long as
     * their bytes in the ETag cache; nothing is reused when it is {@link EtagCache#disabled()}.
     *
     * <pre>{@code
     * Resource<Book> books = client.resource("books", Book.class);  // a record of strings
     * Book a = books.get("1"), b = books.get("1");  // 200 decoded, then 304: a == b
     * }</pre>
     */
    public Builder reuseDecodedBodies(boolean enabled) {
      this.reuseDecodedBodies = enabled;
      return this;
    }

    /**
     * Whether PUT, PATCH and DELETE on a cached URL send {@code If-Match} with the cached ETag.
     * An explicit {@code If-Match} always wins. Default: true.
     *
     * <p>Only a strong ETag is sent: {@code If-Match} compares strongly (RFC 9110 §13.1.1), so
     * a weak one ({@code W/"…"}) would make every such write fail with 412. A write to a URL
     * whose cached ETag is weak goes unconditional, as it would with this switch off (see
     * {@link ETag} for the whole rule).
     */
    public Builder conditionalWrites(boolean enabled) {
      this.conditionalWrites = enabled;
      return this;
    }

    /**
     * How many times {@link Resource#modify} tries (read, apply, conditional write) before it
     * gives up on writes lost to concurrent changes: a 412, or a 409 after which the item's ETag
     * had moved. Default: 30, which with the default {@link #modifyBackoff} lets a handful of
     * writers contend for one item without failing (four writers in a tight loop on one item
     * rarely need more than 8).
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder modifyAttempts(int attempts) {
      if (attempts < 1) throw new IllegalArgumentException("modifyAttempts must be >= 1: " + attempts);
      this.modifyAttempts = attempts;
      return this;
    }

    /**
     * How long {@link Resource#modify} waits after a lost attempt before it reads the item again:
     * after the n-th lost attempt, a random time between {@code min} and {@code min × 2ⁿ}, at
     * most {@code max}, so contending writers spread out rather than collide again in lock-step.
     * The async variant waits without holding a thread. Default: 10 ms and 200 ms (10–20 ms,
     * then 10–40 ms, 10–80 ms, 10–160 ms, then 10–200 ms); {@code modifyBackoff(Duration.ZERO,
     * Duration.ZERO)} never waits.
     *
     * <pre>{@code
     * RestClient.builder().baseUrl(url)
     *     .modifyAttempts(20)
     *     .modifyBackoff(Duration.ofMillis(20), Duration.ofMillis(200))
     *     .build();
     * }</pre>
     *
     * @throws NullPointerException if {@code min} or {@code max} is null
     * @throws IllegalArgumentException if {@code min} is negative or {@code max} less than it
     */
    public Builder modifyBackoff(Duration min, Duration max) {
      requireNonNull(min, "min == null");
      requireNonNull(max, "max == null");
      if (min.isNegative()) throw new IllegalArgumentException("min must not be negative: " + min);
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("max must be >= min: " + max + " < " + min);
      }
      this.modifyBackoff = new ModifyBackoff(min, max);
      return this;
    }

    /**
     * How requests are retried: see {@link RetryOptions} for the rules (which failures, which
     * methods) and the timing. Default: {@link RetryOptions#defaults()} (3 attempts);
     * {@link RetryOptions#none()} turns retries off.
     *
     * @throws NullPointerException if {@code options} is null
     */
    public Builder retryOptions(RetryOptions options) {
      this.retryOptions = requireNonNull(options, "options == null");
      this.retryOptionsSet = true;
      return this;
    }

    /**
     * Hears every scheduled retry and every give-up, for logging and metrics. Default: none.
     *
     * @throws NullPointerException if {@code listener} is null
     */
    public Builder retryListener(RetryListener listener) {
      this.retryListener = requireNonNull(listener, "listener == null");
      return this;
    }

    /**
     * Adds a listener of calls, attempts, retries, breaker changes and ETag cache events, for
     * metrics, traces and logs ({@link CallListener}, {@link LoggingListener}); each added hears
     * every event. Default: none, which costs nothing. @throws NullPointerException if null
     */
    public Builder callListener(CallListener listener) {
      List<CallListener> all = new java.util.ArrayList<>(callListeners);
      all.add(requireNonNull(listener, "listener == null"));
      this.callListeners = List.copyOf(all);
      return this;
    }

    /**
     * Turns on a circuit breaker shared by every call of this client (a Failsafe
     * {@code CircuitBreaker}): after {@code failureThreshold} attempts in a row fail in a
     * retryable way (429, 500, 502, 503, 504, an I/O failure), it opens, and calls fail at once
     * with {@link CircuitOpenException} without being sent; after {@code delay} it lets one trial
     * request through, and closes again when that succeeds. Any other answer (a 404 included)
     * counts as a success. Default: off.
     *
     * @throws NullPointerException if {@code delay} is null
     * @throws IllegalArgumentException if {@code failureThreshold} is less than 1 or
     *     {@code delay} is negative
     */
    public Builder circuitBreaker(int failureThreshold, Duration delay) {
      requireNonNull(delay, "delay == null");
      if (failureThreshold < 1) {
        throw new IllegalArgumentException("failureThreshold must be >= 1: " + failureThreshold);
      }
      if (delay.isNegative()) throw new IllegalArgumentException("delay is negative: " + delay);
      this.breakerThreshold = failureThreshold;
      this.breakerDelay = delay;
      return this;
    }

    /** Turns the circuit breaker off (the default). */
    public Builder noCircuitBreaker() {
      this.breakerThreshold = 0;
      this.breakerDelay = null;
      return this;
    }

    /**
     * <b>For Failsafe users:</b> runs every attempt under these Failsafe policies, composed in
     * the order given (the first is outermost, as in {@code Failsafe.with(policies)}), instead
     * of the retries built from {@link #retryOptions} and the {@link #circuitBreaker}: setting
     * either of those as well makes {@link #build()} fail. What the policies throw reaches the
     * caller as the SDK's exceptions (see {@link TransportException.Kind#REJECTED}), never as
     * a Failsafe type. The safety rules of {@link RetryOptions} are then yours to keep: the
     * policies see a failing status as an {@link ApiException} (use
     * {@link ApiException#isRetryable()}), an I/O failure as a {@link TransportException}, and a
     * success as an opaque result. What the client still does around them: the call's deadline,
     * the token refresh after a 401, attempt counting and suppressed earlier failures, and
     * {@link RetryListener#onGiveUp}; {@link RetryListener#onRetry} is not called (use your
     * policies' listeners). Passing no policies restores the built-in ones.
     *
     * <pre>{@code
     * RetryPolicy<Object> retry = RetryPolicy.builder()
     *     .handleIf(e -> e instanceof ApiException a && a.status() == 503)
     *     .withMaxRetries(5)
     *     .build();
     * builder.failsafePolicies(Fallback.of(cached), retry, bulkhead);
     * }</pre>
     *
     * @throws NullPointerException if {@code policies} or one of them is null
     */
    @SafeVarargs @SuppressWarnings("varargs") // the array is only copied into a List
    public final Builder failsafePolicies(Policy<Object>... policies) {
      requireNonNull(policies, "policies == null");
      List<Policy<Object>> list = List.copyOf(Arrays.asList(policies)); // rejects nulls
      this.failsafePolicies = list.isEmpty() ? null : list;
      return this;
    }

    /**
     * Whether every POST without an explicit {@link ApiRequest#idempotencyKey} gets a fresh
     * random UUID {@code Idempotency-Key}, the same on each of its attempts, which makes it
     * retryable. Only useful with servers that honour the header. Default: false.
     */
    public Builder autoIdempotencyKeys(boolean enabled) {
      this.autoIdempotencyKeys = enabled;
      return this;
    }

    /**
     * The default deadline of each call, covering every attempt and the waits between them;
     * {@link ApiRequest#timeout} overrides it. When it passes the call fails with
     * {@link TransportException.Kind#DEADLINE_EXCEEDED}, and a retry that would start after it
     * is not attempted. On the async path it counts from the call's start, time spent queued
     * for one of OkHttp's connections included (see {@link #maxConcurrentRequests}).
     *
     * <p>The four time limits: this bounds the whole call, every attempt and wait included;
     * {@link ApiRequest#timeout} is the same for one request; {@link #attemptTimeout} bounds
     * each attempt alone; {@link RetryOptions#maxDuration()} stops starting retries, without
     * cutting an attempt short. Default: none.
     *
     * @throws NullPointerException if {@code deadline} is null
     * @throws IllegalArgumentException if not positive
     */
    public Builder deadline(Duration deadline) {
      this.deadline = BuilderRules.positive(deadline, "deadline");
      return this;
    }

    /** Removes the default deadline (the default). */
    public Builder noDeadline() {
      this.deadline = null;
      return this;
    }

    /**
     * Timeout for one attempt (connect, send, read) of a call, OkHttp's {@code callTimeout}. A
     * retry gets a fresh one; to bound the whole call, retries and waits included, use
     * {@link #deadline} (or {@link ApiRequest#timeout}); {@link RetryOptions#maxDuration()}
     * only stops starting retries. Default: none ({@code 0}).
     *
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if negative
     */
    public Builder attemptTimeout(Duration timeout) {
      this.callTimeout = BuilderRules.timeout(timeout);
      return this;
    }

    /**
     * How many requests the client's own OkHttp dispatcher runs at once, in total and to one
     * host (OkHttp's {@code maxRequests} and {@code maxRequestsPerHost}); further async calls
     * wait in its queue, their deadline running. OkHttp's own default is 5 per host, too few
     * for a client that talks to one API. Sync calls are not limited by it. Clients derived
     * with {@link RestClient#newBuilder()} share the dispatcher of the client they came from,
     * so cannot change it. Default: 64.
     *
     * <p>With an {@link #okHttpClient} of the caller's, its dispatcher is the caller's to
     * configure and is left as it is; setting this as well makes {@link #build()} fail.
     *
     * @throws IllegalArgumentException if less than 1
     */
    public Builder maxConcurrentRequests(int max) {
      if (max < 1) throw new IllegalArgumentException("maxConcurrentRequests must be >= 1: " + max);
      this.maxConcurrentRequests = max;
      return this;
    }

    static final int DEFAULT_MAX_CONCURRENT_REQUESTS = 64;

    /** The clock {@code Retry-After} dates are measured with when a response has no Date. */
    Builder clock(Clock clock) {
      this.clock = requireNonNull(clock, "clock == null");
      return this;
    }

    /**
     * Builds the client.
     *
     * @throws IllegalStateException if no base URL was set; if {@link #failsafePolicies} were
     *     given together with {@link #retryOptions} or a {@link #circuitBreaker}, which they
     *     replace; if {@link #maxConcurrentRequests} was set for a caller's
     *     {@link #okHttpClient}, or changed for a client derived with
     *     {@link RestClient#newBuilder()}; without a {@link #codec} and Jackson 2 (says why)
     */
    public RestClient build() {
      BuilderRules.check(this);
      return new RestClient(this);
    }
  }
}
