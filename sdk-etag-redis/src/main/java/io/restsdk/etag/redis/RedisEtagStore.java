package io.restsdk.etag.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.util.Objects.requireNonNull;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;
import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.EtagCache;
import io.restsdk.core.EtagStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * An {@link EtagStore} shared by a fleet through Redis, so that an unchanged body is downloaded
 * once by the fleet: every other instance revalidates with the shared ETag and gets a 304.
 *
 * <ul>
 *   <li><b>Keys.</b> An entry lives under {@code PREFIX e:<SHA-256 of the full CacheKey>}
 *       (URL, principal hash, {@code Accept}); the value carries that digest again and is only
 *       served for it. The URL and the principal are never written, only hashes; neither are
 *       response headers that are credentials ({@code Set-Cookie}, {@code Authorization}, …).
 *   <li><b>Atomic.</b> Body, ETag and headers are one Redis hash written by one Lua script, and
 *       the meta record carries the body's length and CRC-32: a reader never sees a body with
 *       another version's tag.
 *   <li><b>Invalidation.</b> Each URL has an index set of its entries (every principal, every
 *       {@code Accept}); {@link #invalidate} drops them all in one script, one round trip.
 *   <li><b>Budget.</b> The store counts the bytes it holds and evicts the least recently used
 *       entries beyond {@link Builder#maxBytes}; every key also has a TTL ({@link Builder#ttl}).
 *   <li><b>Front cache.</b> A small in-process cache answers repeated lookups without a round
 *       trip. It stays correct because the SDK revalidates every read with the server.
 *   <li><b>Failure is never fatal.</b> Every Redis call is bounded by {@link Builder#timeout};
 *       after {@link Builder#breaker failures in a row} the store stops trying for a while and
 *       works from the front cache. A failure, a timeout or a value it did not write is a miss,
 *       never an exception; {@link #stats()} counts them and a rate-limited
 *       {@link System.Logger} warning reports them. Invalidations that could not reach Redis are
 *       replayed when it answers again.
 * </ul>
 *
 * <pre>{@code
 * RedisEtagStore store = RedisEtagStore.builder("rediss://etag-cache.internal:6379")
 *     .maxBytes(512L << 20)
 *     .timeout(Duration.ofMillis(50))
 *     .build();
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .etagCache(EtagCache.using(store))
 *     .build();
 * ...
 * store.close(); // after the clients that use it
 * }</pre>
 */
public final class RedisEtagStore implements EtagStore, AutoCloseable {
  private static final int MAX_PENDING_INVALIDATIONS = 10_000;

  private final RedisClient client;
  private final ClientResources resources;
  private final RedisURI uri;
  private final String prefix;
  private final byte[] entryPrefix;
  private final byte[][] bookkeeping;
  private final long maxBytes;
  private final long ttlMillis;
  private final long timeoutNanos;
  private final @Nullable FrontCache front;
  private final Breaker breaker;
  private final String getSha = digest(Scripts.GET);
  private final String putSha = digest(Scripts.PUT);
  private final String refreshSha = digest(Scripts.REFRESH);
  private final String invalidateSha = digest(Scripts.INVALIDATE);

  private final Object connectLock = new Object();
  private volatile @Nullable StatefulRedisConnection<byte[], byte[]> connection;
  private @Nullable CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connecting;
  private volatile boolean closed;

  private final Set<String> pendingInvalidations = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean pendingAll = new AtomicBoolean();
  private final AtomicLong lastEvictions = new AtomicLong();

  private final LongAdder frontHits = new LongAdder();
  private final LongAdder redisHits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder writes = new LongAdder();
  private final LongAdder refreshes = new LongAdder();
  private final LongAdder failures = new LongAdder();
  private final LongAdder timeouts = new LongAdder();
  private final LongAdder skipped = new LongAdder();
  private final LongAdder foreign = new LongAdder();

  private RedisEtagStore(Builder b) {
    this.uri = b.uri;
    this.prefix = b.prefix;
    this.entryPrefix = (prefix + "e:").getBytes(UTF_8);
    this.bookkeeping = new byte[][] {key("lru"), key("size"), key("bytes"), key("evictions")};
    this.maxBytes = b.maxBytes;
    this.ttlMillis = Math.max(1, b.ttl.toMillis());
    this.timeoutNanos = b.timeout.toNanos();
    this.front = b.frontMaxBytes == 0 ? null : new FrontCache(b.frontMaxBytes);
    this.breaker = new Breaker(b.failureThreshold, b.openFor, b.warnEvery,
        uri.getHost() + ":" + uri.getPort());
    Duration reconnectCeiling = b.openFor.compareTo(Duration.ofMillis(10)) < 0
        ? Duration.ofMillis(10) : b.openFor;
    this.resources = ClientResources.builder()
        .ioThreadPoolSize(2)
        .computationThreadPoolSize(2)
        .reconnectDelay(Delay.exponential(Duration.ofMillis(5), reconnectCeiling, 2,
            TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        // Not connected: fail at once, the breaker and the front cache take over.
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .requestQueueSize(b.maxQueuedCommands)
        .timeoutOptions(TimeoutOptions.enabled(b.timeout))
        .socketOptions(SocketOptions.builder().connectTimeout(connectTimeout(b.timeout))
            .keepAlive(true).build())
        .build());
    connectInBackground(); // so the first lookup does not wait for a connection
  }

  /** Connecting may take longer than a command (TLS, AUTH); calls still wait only their timeout. */
  private static Duration connectTimeout(Duration timeout) {
    Duration floor = Duration.ofSeconds(2);
    return timeout.compareTo(floor) < 0 ? floor : timeout;
  }

  /**
   * A builder for a store on the Redis at {@code redisUri}: {@code redis://host:6379},
   * {@code redis://user:password@host:6379/0} (ACL user, or only a password for {@code AUTH}),
   * {@code rediss://host:6380} for TLS (see the module README).
   *
   * @throws IllegalArgumentException if {@code redisUri} is not a Redis URI
   */
  public static Builder builder(String redisUri) {
    requireNonNull(redisUri, "redisUri == null");
    return new Builder(RedisURI.create(redisUri));
  }

  /** A builder for a store on the Redis {@code uri} describes (credentials, TLS, database). */
  public static Builder builder(RedisURI uri) {
    return new Builder(requireNonNull(uri, "uri == null"));
  }

  // ------------------------------------------------------------------ EtagStore

  @Override
  public @Nullable CachedResponse get(CacheKey key) {
    requireNonNull(key, "key == null");
    if (front != null) {
      CachedResponse r = front.get(key);
      if (r != null) {
        frontHits.increment();
        return r;
      }
    }
    flushPendingInvalidations();
    byte[] digest = EntryCodec.keyDigest(key);
    List<Object> reply = script("get", getSha, Scripts.GET, ScriptOutputType.MULTI,
        new byte[][] {entryKey(digest)});
    if (reply == null || reply.isEmpty()) {
      misses.increment();
      return null;
    }
    CachedResponse r = reply.size() == 2
        ? EntryCodec.decode(digest, (byte[]) reply.get(0), (byte[]) reply.get(1)) : null;
    if (r == null) { // not a value this store wrote for this key: ignored, a 200 overwrites it
      foreign.increment();
      misses.increment();
      return null;
    }
    redisHits.increment();
    if (front != null) front.put(key, r);
    return r;
  }

  @Override
  public void put(CacheKey key, CachedResponse response) {
    requireNonNull(key, "key == null");
    requireNonNull(response, "response == null");
    CachedResponse r = EntryCodec.withoutCredentials(response);
    CachedResponse before = front == null ? null : front.get(key);
    if (front != null) front.put(key, r);
    flushPendingInvalidations();
    byte[] digest = EntryCodec.keyDigest(key);
    byte[] entry = entryKey(digest);
    byte[] meta = EntryCodec.meta(digest, r);
    byte[] token = EntryCodec.token(r);
    long size = entry.length + meta.length + token.length + r.body().length + 64L;
    byte[] index = indexKey(key.url());
    if (size > maxBytes) { // too large to keep: never leave an older body behind
      invalidate(key.url());
      return;
    }
    if (before != null && before.body() == r.body() && before.etag().equals(r.etag())) {
      // The same body with refreshed headers (a 304): write only the headers if Redis still
      // holds this version, else the whole entry.
      Long done = script("refresh", refreshSha, Scripts.REFRESH, ScriptOutputType.INTEGER,
          new byte[][] {entry, index}, token, meta, num(ttlMillis), num(size));
      if (done == null) return;
      if (done == 1L) {
        refreshes.increment();
        return;
      }
    }
    List<Object> reply = script("put", putSha, Scripts.PUT, ScriptOutputType.MULTI,
        new byte[][] {entry, index}, token, meta, r.body(), num(ttlMillis), num(maxBytes),
        num(size));
    if (reply != null) writes.increment();
  }

  @Override
  public void invalidate(String url) {
    requireNonNull(url, "url == null");
    if (front != null) front.invalidate(url);
    flushPendingInvalidations();
    Long n = script("invalidate", invalidateSha, Scripts.INVALIDATE, ScriptOutputType.INTEGER,
        new byte[][] {indexKey(url)});
    if (n == null) remember(url);
  }

  /**
   * Removes every entry under the prefix (every key the store wrote, and anything else there),
   * with {@code SCAN} and {@code UNLINK} in batches; replayed later if Redis cannot be reached.
   */
  @Override
  public void invalidateAll() {
    if (front != null) front.clear();
    pendingInvalidations.clear();
    if (!deleteAll()) pendingAll.set(true);
  }

  /** The bytes the shared store holds (all instances), or -1 when Redis cannot be reached. */
  @Override
  public long bytesInUse() {
    byte[] v = call("bytes", c -> c.get(bookkeeping[2]).thenApply(b -> b == null ? new byte[0] : b));
    if (v == null) return -1;
    if (v.length == 0) return 0;
    try {
      return Long.parseLong(new String(v, UTF_8));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Entries evicted from the shared store to stay within the budget, by any instance. */
  @Override
  public long evictionCount() {
    byte[] v = call("evictions", c -> c.get(bookkeeping[3]));
    if (v != null) {
      try {
        lastEvictions.set(Long.parseLong(new String(v, UTF_8)));
      } catch (NumberFormatException e) {
        // garbage: the next eviction resets it
      }
    }
    return lastEvictions.get();
  }

  /** A snapshot of this instance's counters. */
  public Stats stats() {
    return new Stats(frontHits.sum(), redisHits.sum(), misses.sum(), writes.sum(),
        refreshes.sum(), failures.sum(), timeouts.sum(), skipped.sum(), foreign.sum(),
        breaker.opens(), breaker.isOpen());
  }

  /** The key prefix all of this store's keys start with. */
  public String prefix() {
    return prefix;
  }

  /** Closes the connection and the client's threads; later calls are misses. */
  @Override
  public void close() {
    closed = true;
    StatefulRedisConnection<byte[], byte[]> c;
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> f;
    synchronized (connectLock) {
      c = connection;
      f = connecting;
      connection = null;
      connecting = null;
    }
    if (c != null) c.close();
    if (f != null) f.thenAccept(StatefulRedisConnection::closeAsync);
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }

  @Override
  public String toString() {
    return "RedisEtagStore{" + uri.getHost() + ":" + uri.getPort() + ", prefix=" + prefix + ", "
        + stats() + "}";
  }

  // ------------------------------------------------------------------ Redis calls

  private <T> @Nullable T script(String op, String sha, String text, ScriptOutputType type,
      byte[][] keys, byte[]... args) {
    byte[][] allKeys = new byte[bookkeeping.length + keys.length][];
    System.arraycopy(bookkeeping, 0, allKeys, 0, bookkeeping.length);
    System.arraycopy(keys, 0, allKeys, bookkeeping.length, keys.length);
    byte[][] allArgs = new byte[args.length + 1][];
    allArgs[0] = entryPrefix;
    System.arraycopy(args, 0, allArgs, 1, args.length);
    return call(op, c -> {
      CompletionStage<T> bySha = c.evalsha(sha, type, allKeys, allArgs);
      return bySha.exceptionallyCompose(e -> unwrap(e) instanceof RedisNoScriptException
          ? c.<T>eval(text, type, allKeys, allArgs) // a restarted or flushed Redis
          : CompletableFuture.failedFuture(e));
    });
  }

  /** Runs one command within the timeout; null when the breaker is open or the call failed. */
  private <T> @Nullable T call(String op,
      Function<RedisAsyncCommands<byte[], byte[]>, CompletionStage<T>> command) {
    if (closed) return null;
    if (!breaker.allow()) {
      skipped.increment();
      return null;
    }
    long deadline = System.nanoTime() + timeoutNanos;
    CompletableFuture<T> f = null;
    try {
      StatefulRedisConnection<byte[], byte[]> c = connection(deadline);
      f = command.apply(c.async()).toCompletableFuture();
      T value = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      breaker.success();
      return value;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      if (f != null) f.cancel(true);
      return null; // not Redis's fault: no failure counted
    } catch (TimeoutException e) {
      if (f != null) f.cancel(true);
      timeouts.increment();
      fail(op, new TimeoutException("no answer within " + Duration.ofNanos(timeoutNanos)));
      return null;
    } catch (ExecutionException e) {
      fail(op, unwrap(e));
      return null;
    } catch (RuntimeException e) { // Lettuce rejecting a command, a closed client
      fail(op, e);
      return null;
    }
  }

  private void fail(String op, Throwable cause) {
    if (closed) return;
    failures.increment();
    breaker.failure(op, cause);
  }

  private StatefulRedisConnection<byte[], byte[]> connection(long deadline)
      throws InterruptedException, ExecutionException, TimeoutException {
    StatefulRedisConnection<byte[], byte[]> c = connection;
    if (c != null) return c;
    return connectInBackground().get(Math.max(0, deadline - System.nanoTime()),
        TimeUnit.NANOSECONDS);
  }

  /** The connection, or the attempt in progress, or a new attempt. */
  private CompletableFuture<StatefulRedisConnection<byte[], byte[]>> connectInBackground() {
    CompletableFuture<StatefulRedisConnection<byte[], byte[]>> f;
    synchronized (connectLock) {
      if (connection != null) return CompletableFuture.completedFuture(connection);
      if (closed) return CompletableFuture.failedFuture(new IllegalStateException("closed"));
      f = connecting;
      if (f == null) {
        CompletableFuture<StatefulRedisConnection<byte[], byte[]>> started =
            client.connectAsync(ByteArrayCodec.INSTANCE, uri).toCompletableFuture();
        f = started;
        connecting = started;
        started.whenComplete((conn, e) -> {
          synchronized (connectLock) {
            if (connecting == started) connecting = null;
            if (e == null && !closed) connection = conn;
          }
          if (e == null && closed) conn.closeAsync();
        });
      }
    }
    return f;
  }

  // ------------------------------------------------------------------ invalidations

  private void remember(String url) {
    if (pendingInvalidations.size() >= MAX_PENDING_INVALIDATIONS) {
      pendingAll.set(true);
      pendingInvalidations.clear();
    } else {
      pendingInvalidations.add(url);
    }
  }

  /** Replays the invalidations that could not reach Redis, before anything else is read. */
  private void flushPendingInvalidations() {
    if (pendingAll.get()) {
      if (pendingAll.compareAndSet(true, false) && !deleteAll()) pendingAll.set(true);
      return;
    }
    if (pendingInvalidations.isEmpty()) return;
    List<String> urls = new ArrayList<>();
    for (Iterator<String> it = pendingInvalidations.iterator(); it.hasNext() && urls.size() < 500;) {
      urls.add(it.next());
    }
    byte[][] keys = urls.stream().map(this::indexKey).toArray(byte[][]::new);
    Long n = script("invalidate", invalidateSha, Scripts.INVALIDATE, ScriptOutputType.INTEGER,
        keys);
    if (n != null) urls.forEach(pendingInvalidations::remove);
  }

  private boolean deleteAll() {
    ScanArgs match = ScanArgs.Builder.matches(globEscape(prefix) + "*").limit(1000);
    ScanCursor cursor = ScanCursor.INITIAL;
    do {
      ScanCursor from = cursor;
      KeyScanCursor<byte[]> page = call("invalidateAll", c -> c.scan(from, match));
      if (page == null) return false;
      List<byte[]> keys = page.getKeys();
      if (!keys.isEmpty()) {
        byte[][] batch = keys.toArray(byte[][]::new);
        if (call("invalidateAll", c -> c.unlink(batch)) == null) return false;
      }
      cursor = page;
    } while (!cursor.isFinished());
    return true;
  }

  // ------------------------------------------------------------------ keys

  private byte[] key(String suffix) {
    return (prefix + suffix).getBytes(UTF_8);
  }

  private byte[] entryKey(byte[] digest) {
    return (prefix + "e:" + EntryCodec.hex(digest)).getBytes(UTF_8);
  }

  private byte[] indexKey(String url) {
    return (prefix + "u:" + EntryCodec.urlDigest(url)).getBytes(UTF_8);
  }

  private static byte[] num(long n) {
    return Long.toString(n).getBytes(UTF_8);
  }

  static String globEscape(String s) {
    StringBuilder b = new StringBuilder(s.length() + 4);
    for (char ch : s.toCharArray()) {
      if (ch == '*' || ch == '?' || ch == '[' || ch == ']' || ch == '\\') b.append('\\');
      b.append(ch);
    }
    return b.toString();
  }

  private static String digest(String script) {
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-1").digest(script.getBytes(UTF_8));
      return EntryCodec.hex(d);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-1 is required of every JVM", e);
    }
  }

  private static Throwable unwrap(Throwable e) {
    while ((e instanceof ExecutionException || e instanceof java.util.concurrent.CompletionException)
        && e.getCause() != null) {
      e = e.getCause();
    }
    return e;
  }

  /**
   * This instance's counters since it was made.
   *
   * <pre>{@code
   * RedisEtagStore.Stats s = store.stats();
   * if (s.breakerOpen()) alert("ETag store on Redis unreachable: " + s);
   * }</pre>
   *
   * @param frontHits lookups answered by the in-process front cache, no round trip
   * @param redisHits lookups answered by Redis
   * @param misses lookups that found nothing usable (absent, foreign, or Redis unreachable)
   * @param writes entries written to Redis whole
   * @param refreshes header-only refreshes (a 304 confirmed the body Redis holds)
   * @param failures Redis calls that failed or timed out
   * @param timeouts of those, the ones that timed out
   * @param skipped calls not sent because the breaker was open
   * @param foreign values under the prefix this store did not write for the key: ignored
   * @param breakerOpens times the breaker opened
   * @param breakerOpen whether it is open now
   */
  public record Stats(long frontHits, long redisHits, long misses, long writes, long refreshes,
      long failures, long timeouts, long skipped, long foreign, long breakerOpens,
      boolean breakerOpen) {}

  /**
   * Settings of a {@link RedisEtagStore}; every one has a default.
   *
   * <pre>{@code
   * RedisEtagStore store = RedisEtagStore.builder("redis://localhost:6379")
   *     .prefix("{billing-api-etags}:")   // one prefix per API and environment
   *     .maxBytes(256L << 20).ttl(Duration.ofHours(12))
   *     .frontMaxBytes(8L << 20)
   *     .timeout(Duration.ofMillis(100)).breaker(3, Duration.ofSeconds(10))
   *     .build();
   * }</pre>
   */
  public static final class Builder {
    private final RedisURI uri;
    private String prefix = "{restsdk-etag}:";
    private long maxBytes = 256L << 20;
    private Duration ttl = Duration.ofDays(1);
    private long frontMaxBytes = 8L << 20;
    private Duration timeout = Duration.ofMillis(100);
    private int failureThreshold = 3;
    private Duration openFor = Duration.ofSeconds(10);
    private Duration warnEvery = Duration.ofMinutes(1);
    private int maxQueuedCommands = 10_000;

    private Builder(RedisURI uri) {
      this.uri = uri;
    }

    /**
     * The prefix of every key (default {@code {restsdk-etag}:}). Its braces are a Redis Cluster
     * hash tag: the store's keys share one slot, as its scripts need.
     *
     * @throws IllegalArgumentException if blank
     */
    public Builder prefix(String prefix) {
      requireNonNull(prefix, "prefix == null");
      if (prefix.isBlank()) throw new IllegalArgumentException("prefix is blank");
      this.prefix = prefix;
      return this;
    }

    /**
     * The byte budget of the shared store (default 256 MiB): bodies, headers, keys and a fixed
     * overhead per entry. Beyond it the least recently used entries are evicted.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder maxBytes(long maxBytes) {
      if (maxBytes <= 0) throw new IllegalArgumentException("maxBytes must be positive: " + maxBytes);
      this.maxBytes = maxBytes;
      return this;
    }

    /**
     * How long an entry lives after it was last written or refreshed (default one day).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder ttl(Duration ttl) {
      this.ttl = positive(ttl, "ttl");
      return this;
    }

    /**
     * The in-process front cache's budget (default 8 MiB); 0 turns it off, every lookup then
     * asks Redis.
     *
     * @throws IllegalArgumentException if negative
     */
    public Builder frontMaxBytes(long frontMaxBytes) {
      if (frontMaxBytes < 0) {
        throw new IllegalArgumentException("frontMaxBytes is negative: " + frontMaxBytes);
      }
      this.frontMaxBytes = frontMaxBytes;
      return this;
    }

    /**
     * The longest one store operation waits for Redis, connecting included (default 100 ms).
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * After {@code failureThreshold} failures in a row, no call goes to Redis for
     * {@code openFor}; then one call tries (default 3 failures, 10 s).
     *
     * @throws IllegalArgumentException if the threshold or the duration is not positive
     */
    public Builder breaker(int failureThreshold, Duration openFor) {
      if (failureThreshold <= 0) {
        throw new IllegalArgumentException("failureThreshold must be positive: " + failureThreshold);
      }
      this.failureThreshold = failureThreshold;
      this.openFor = positive(openFor, "openFor");
      return this;
    }

    /**
     * At most one warning per period about failing Redis calls (default one minute); the
     * breaker opening always warns.
     *
     * @throws IllegalArgumentException if not positive
     */
    public Builder warnEvery(Duration period) {
      this.warnEvery = positive(period, "period");
      return this;
    }

    /** A store with these settings; it connects on first use, so Redis may be down now. */
    public RedisEtagStore build() {
      return new RedisEtagStore(this);
    }

    private static Duration positive(Duration d, String name) {
      requireNonNull(d, name + " == null");
      if (d.isNegative() || d.isZero()) throw new IllegalArgumentException(name + " must be positive: " + d);
      return d;
    }
  }
}
