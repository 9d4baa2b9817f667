package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * Hears what a {@link RestClient} does, for metrics, traces and logs: each logical call (one
 * {@code send}, one {@code get} or {@code create} of a {@link Resource}) from start to end,
 * each HTTP attempt it makes (retries, a redirect, the {@code GET} of a 201's {@code Location},
 * the re-read after a 304 the cache could not answer), its retries and give-ups, the circuit
 * breaker's state changes and the ETag cache's hits, misses and stores. Registered with
 * {@link RestClient.Builder#callListener}; a client without one pays a null check per event.
 *
 * <p>Events carry no full URL with ids as a name: {@link Call#route()} is the resource's
 * collection path or a name the caller gave ({@link ApiRequest#route(String)}), fit for a
 * metric tag. URLs ({@link Call#url()}, {@link Attempt#url()}) have secret query values and
 * user info redacted, and {@link Attempt#requestHeaders()} has every credential masked.
 *
 * <p>Called on the thread that runs the step: the caller's for a sync call, an OkHttp or timer
 * thread on the async path, where {@link #onCallEnd} runs when the future completes.
 * Implementations must be thread-safe and quick; an exception a listener throws is logged and
 * otherwise ignored. Every method has an empty default.
 *
 * <pre>{@code
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .callListener(new CallListener() {
 *       public void onCallEnd(CallListener.Call call) {
 *         stats.record(call.method() + " " + call.route(), call.outcome(), call.durationNanos());
 *       }
 *     })
 *     .build();
 * }</pre>
 */
public interface CallListener {
  /** A logical call starts; its first attempt follows. */
  default void onCallStart(Call call) {}

  /**
   * An HTTP attempt of {@code attempt.call()} is about to be sent. The listener may add headers
   * to it with {@link Attempt#header} (a trace context's {@code traceparent}).
   */
  default void onAttemptStart(Attempt attempt) {}

  /** The attempt ended: {@link Attempt#status()} or {@link Attempt#failure()} say how. */
  default void onAttemptEnd(Attempt attempt) {}

  /** An attempt failed and is retried after {@code event.delay()}. */
  default void onRetry(Call call, RetryListener.RetryEvent event) {}

  /** The call stopped retrying a retryable failure (see {@link RetryListener#onGiveUp}). */
  default void onGiveUp(Call call, RetryListener.GiveUpEvent event) {}

  /** The call ended with {@link TransportException.Kind#DEADLINE_EXCEEDED}. */
  default void onDeadlineExceeded(Call call) {}

  /**
   * The call ended: {@link Call#outcome()}, {@link Call#status()} and
   * {@link Call#durationNanos()} are set.
   */
  default void onCallEnd(Call call) {}

  /** The client's circuit breaker changed state (see {@link RestClient.Builder#circuitBreaker}). */
  default void onBreakerStateChange(BreakerState from, BreakerState to) {}

  /**
   * The client's ETag cache answered a 304 ({@link CacheEventKind#HIT}), had nothing to
   * revalidate ({@link CacheEventKind#MISS}) or kept a body ({@link CacheEventKind#STORE});
   * {@code stats} is the cache's state just after.
   */
  default void onCacheEvent(CacheEventKind kind, EtagCache.Stats stats) {}

  /**
   * The name of a failure as {@link Call#outcome()} gives it ({@code NOT_FOUND},
   * {@code TIMEOUT}, {@code CIRCUIT_OPEN}, …): a low-cardinality tag for a retry's cause.
   *
   * @throws NullPointerException if {@code failure} is null
   */
  static String kindOf(Throwable failure) {
    return Observation.outcome(Exchange.unwrap(requireNonNull(failure, "failure == null")));
  }

  /** One listener that calls each of {@code listeners} in turn. */
  static CallListener all(List<CallListener> listeners) {
    List<CallListener> copy = List.copyOf(listeners);
    return copy.size() == 1 ? copy.get(0) : new Observation.Composite(copy);
  }

  /** The states of a circuit breaker. */
  enum BreakerState {
    /** Requests are sent. */
    CLOSED,
    /** Requests fail at once with {@link CircuitOpenException}. */
    OPEN,
    /** One trial request is let through. */
    HALF_OPEN
  }

  /** What the ETag cache did. */
  enum CacheEventKind {
    /** A 304 was answered from the cache. */
    HIT,
    /** A GET found nothing to revalidate. */
    MISS,
    /** A response body was kept. */
    STORE
  }

  /** Why an attempt was sent. */
  enum AttemptKind {
    /** The call's first request. */
    INITIAL,
    /** The same request again, after a retryable failure or a 401 with a refreshed token. */
    RETRY,
    /** A redirect's target. */
    REDIRECT,
    /** The {@code GET} of a 201's {@code Location}. */
    LOCATION,
    /** The unconditional re-read after a 304 whose entry had left the cache. */
    REGET,
    /** The re-read that checks whether a lost attempt succeeded (a 412 or 409 after it). */
    OUTCOME_CHECK
  }

  /**
   * One logical call. Its identity and target are set when it starts; its result when it ends.
   * A listener may keep its own per-call state with {@link #attribute(Object, Object)}.
   *
   * <pre>{@code
   * public void onCallStart(CallListener.Call call) { call.attribute(KEY, System.nanoTime()); }
   * }</pre>
   */
  final class Call {
    private final String method;
    private final String route;
    private final String url;
    private final String scheme;
    private final String host;
    private final int port;
    private final boolean async;
    private final long startNanos = System.nanoTime();
    private final java.util.concurrent.ConcurrentHashMap<Object, Object> attributes =
        new java.util.concurrent.ConcurrentHashMap<>(4);
    private volatile String outcome = "";
    private volatile int status;
    private volatile @org.jspecify.annotations.Nullable Throwable failure;
    private volatile long durationNanos = -1;
    private final java.util.concurrent.atomic.AtomicInteger attempts =
        new java.util.concurrent.atomic.AtomicInteger();
    /** The attempt last started; the observation ends it, if still open, before the call. */
    volatile @org.jspecify.annotations.Nullable Attempt current;

    Call(String method, String route, okhttp3.HttpUrl url, boolean async) {
      this.method = method;
      this.route = route;
      this.url = io.restsdk.core.internal.UrlRedactor.redact(url);
      this.scheme = url.scheme();
      this.host = url.host();
      this.port = url.port();
      this.async = async;
    }

    /** The method of the call's first request, e.g. {@code GET}. */
    public String method() {
      return method;
    }

    /**
     * A low-cardinality name of what is called, never holding an id: the route given with
     * {@link ApiRequest#route(String)}, else the {@link Resource}'s collection path (e.g.
     * {@code books}), else {@code "none"}.
     */
    public String route() {
      return route;
    }

    /** The first request's URL, secret query values and user info redacted. */
    public String url() {
      return url;
    }

    /** {@code http} or {@code https}. */
    public String scheme() {
      return scheme;
    }

    /** The first request's host. */
    public String host() {
      return host;
    }

    /** The first request's port. */
    public int port() {
      return port;
    }

    /** Whether the call runs on the async path. */
    public boolean isAsync() {
      return async;
    }

    /** {@link System#nanoTime()} when the call started. */
    public long startNanos() {
      return startNanos;
    }

    /**
     * How the call ended, once it has (else empty): {@code OK}, {@code NOT_MODIFIED_FROM_CACHE}
     * (a 304 answered from the ETag cache), {@code NOT_MODIFIED} (the caller's own validator),
     * {@code CREATED}, {@code NO_CONTENT}; for a failure, the {@link ApiException}'s kind
     * ({@code NOT_FOUND}, {@code SERVICE_UNAVAILABLE}, {@code CONTRACT_VIOLATION}, …), the
     * {@link TransportException.Kind} ({@code CONNECT}, {@code TIMEOUT},
     * {@code DEADLINE_EXCEEDED}, …), {@code CANCELLED}, or the exception's kind
     * ({@code CIRCUIT_OPEN}, {@code DECODE}, {@code LOCATION_NOT_FOLLOWED}, …).
     */
    public String outcome() {
      return outcome;
    }

    /**
     * The status that decided the outcome (201 for a created item whose {@code Location} was
     * read, 304 for an answer from the cache), or 0 when there was none (an I/O failure).
     */
    public int status() {
      return status;
    }

    /** {@code 2xx} … {@code 5xx} for {@link #status()}, or {@code none}. */
    public String statusClass() {
      return statusClass(status);
    }

    /** The exception the call ended with, or null for a success. */
    public @org.jspecify.annotations.Nullable Throwable failure() {
      return failure;
    }

    /** How long the call took, once it ended; -1 before. */
    public long durationNanos() {
      return durationNanos;
    }

    /** A listener's value for {@code key}, or null. */
    public @org.jspecify.annotations.Nullable Object attribute(Object key) {
      return attributes.get(requireNonNull(key, "key == null"));
    }

    /** Keeps {@code value} under {@code key} for the rest of the call. */
    public void attribute(Object key, Object value) {
      attributes.put(requireNonNull(key, "key == null"), requireNonNull(value, "value == null"));
    }

    /** How many attempts the call sent, so far. */
    public int attempts() {
      return attempts.get();
    }

    int nextAttempt() {
      return attempts.incrementAndGet();
    }

    void end(String outcome, int status, @org.jspecify.annotations.Nullable Throwable failure) {
      this.outcome = outcome;
      this.status = status;
      this.failure = failure;
      this.durationNanos = System.nanoTime() - startNanos;
    }

    static String statusClass(int status) {
      return status < 100 || status > 599 ? "none" : (status / 100) + "xx";
    }

    @Override
    public String toString() {
      return "Call{" + method + " " + route + (outcome.isEmpty() ? "" : " " + outcome) + "}";
    }
  }

  /**
   * One HTTP attempt of a {@link Call}.
   *
   * <pre>{@code
   * public void onAttemptEnd(CallListener.Attempt a) {
   *   log.info(a.method() + " " + a.url() + " " + a.status() + " (" + a.kind() + ")");
   * }
   * }</pre>
   */
  final class Attempt {
    private final Call call;
    private final int number;
    private final AttemptKind kind;
    private final String method;
    private final String url;
    private final boolean revalidating;
    private final okhttp3.Headers requestHeaders;
    private final long startNanos = System.nanoTime();
    private java.util.@org.jspecify.annotations.Nullable List<String> added;
    private volatile int status;
    private volatile @org.jspecify.annotations.Nullable Throwable failure;
    private volatile long durationNanos = -1;
    private final java.util.concurrent.atomic.AtomicBoolean ended =
        new java.util.concurrent.atomic.AtomicBoolean();

    Attempt(Call call, int number, AttemptKind kind, String method, String url,
        boolean revalidating, okhttp3.Headers requestHeaders) {
      this.call = call;
      this.number = number;
      this.kind = kind;
      this.method = method;
      this.url = url;
      this.revalidating = revalidating;
      this.requestHeaders = requestHeaders;
    }

    /** The call it belongs to. */
    public Call call() {
      return call;
    }

    /** The attempt's number in its call, from 1. */
    public int number() {
      return number;
    }

    /** Why it was sent. */
    public AttemptKind kind() {
      return kind;
    }

    /** Its method. */
    public String method() {
      return method;
    }

    /** Its URL, secret query values and user info redacted. */
    public String url() {
      return url;
    }

    /** Whether it revalidates an ETag cache entry ({@code If-None-Match} from the cache). */
    public boolean isRevalidation() {
      return revalidating;
    }

    /**
     * Its request headers as the client set them, every credential's value replaced by
     * {@code REDACTED}: {@code Authorization}, {@code Proxy-Authorization}, {@code Cookie},
     * {@link ApiRequest#credentialHeader credential headers} and names that look secret
     * ({@code X-Api-Key}, {@code X-Signature}, …).
     */
    public okhttp3.Headers requestHeaders() {
      return requestHeaders;
    }

    /**
     * Adds a header to this attempt's request; only during {@link #onAttemptStart}.
     *
     * @throws IllegalArgumentException for a name or value OkHttp rejects
     */
    public synchronized void header(String name, String value) {
      new okhttp3.Headers.Builder().add(name, value); // checks both
      if (added == null) added = new java.util.ArrayList<>(2);
      added.add(name);
      added.add(value);
    }

    synchronized java.util.@org.jspecify.annotations.Nullable List<String> added() {
      return added;
    }

    /** The response's status, or 0 when none came (an I/O failure, not ended yet). */
    public int status() {
      return status;
    }

    /** What the attempt failed with (a failing status included), or null. */
    public @org.jspecify.annotations.Nullable Throwable failure() {
      return failure;
    }

    /** How long it took, once it ended; -1 before. */
    public long durationNanos() {
      return durationNanos;
    }

    void status(int status) {
      this.status = status;
    }

    /** Ends the attempt; false when it had ended already. */
    boolean end(@org.jspecify.annotations.Nullable Throwable failure) {
      if (!ended.compareAndSet(false, true)) return false;
      this.failure = failure;
      this.durationNanos = System.nanoTime() - startNanos;
      return true;
    }

    @Override
    public String toString() {
      return "Attempt{" + number + " " + kind + " " + method + " " + url + "}";
    }
  }
}
