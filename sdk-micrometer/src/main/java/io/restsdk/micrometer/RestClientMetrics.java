package io.restsdk.micrometer;

import static java.util.Objects.requireNonNull;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.restsdk.core.CallListener;
import io.restsdk.core.EtagCache;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Records what a {@link RestClient} does as Micrometer meters. Every tag is low-cardinality:
 * the method, the route (a {@code Resource}'s collection path or the name given with
 * {@code ApiRequest.route}, never a URL or a path with ids), the status class ({@code 2xx} …
 * {@code 5xx}, {@code none}), and an outcome or reason name; no credential is ever in one.
 *
 * <table>
 *   <caption>Meters</caption>
 *   <tr><th>name</th><th>type</th><th>tags</th></tr>
 *   <tr><td>{@code restsdk.calls}</td><td>timer</td>
 *       <td>method, route, status, outcome ({@link CallListener.Call#outcome()})</td></tr>
 *   <tr><td>{@code restsdk.attempts}</td><td>timer</td><td>method, route, status, kind</td></tr>
 *   <tr><td>{@code restsdk.retries}</td><td>counter</td>
 *       <td>method, route, reason (the failed attempt's outcome, e.g. {@code TIMEOUT})</td></tr>
 *   <tr><td>{@code restsdk.giveups}</td><td>counter</td>
 *       <td>method, route, reason ({@link RetryListener.GiveUpReason})</td></tr>
 *   <tr><td>{@code restsdk.deadline.expiries}</td><td>counter</td><td>method, route</td></tr>
 *   <tr><td>{@code restsdk.breaker.state}</td><td>gauge</td>
 *       <td>state: 1 for the breaker's current state, 0 for the others</td></tr>
 *   <tr><td>{@code restsdk.cache.hits}, {@code .misses}, {@code .stores}</td><td>counter</td>
 *       <td>none (hits: 304s answered from the ETag cache)</td></tr>
 *   <tr><td>{@code restsdk.cache.evictions}</td><td>function counter</td>
 *       <td>none (entries dropped to stay within the byte budget)</td></tr>
 *   <tr><td>{@code restsdk.cache.bytes}</td><td>gauge</td><td>none</td></tr>
 * </table>
 *
 * <p>The tags given to {@link #create(MeterRegistry, Tags)} are added to every meter, e.g. the
 * API's name when several clients record into one registry: the gauges of one registry and tag
 * set are those of the first instance made for it, so give each client its own tags.
 * Thread-safe; one per client.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * RestClient client = RestClientMetrics.create(registry)
 *     .configure(RestClient.builder().baseUrl("https://api.example.com/v1/"))
 *     .build();
 * }</pre>
 */
public final class RestClientMetrics implements CallListener {
  private final MeterRegistry registry;
  private final Tags common;
  private final AtomicReference<BreakerState> breaker = new AtomicReference<>(BreakerState.CLOSED);
  private final AtomicReference<EtagCache.Stats> cache =
      new AtomicReference<>(new EtagCache.Stats(0, 0, 0, 0, 0));
  private final Counter hits;
  private final Counter misses;
  private final Counter stores;

  private RestClientMetrics(MeterRegistry registry, Tags common) {
    this.registry = registry;
    this.common = common;
    for (BreakerState s : BreakerState.values()) {
      Gauge.builder("restsdk.breaker.state", breaker, b -> b.get() == s ? 1 : 0)
          .description("1 for the circuit breaker's current state, 0 for the others")
          .tags(common).tag("state", s.name()).register(registry);
    }
    hits = Counter.builder("restsdk.cache.hits").description("304s answered from the ETag cache")
        .tags(common).register(registry);
    misses = Counter.builder("restsdk.cache.misses")
        .description("GETs for which the ETag cache held nothing to revalidate")
        .tags(common).register(registry);
    stores = Counter.builder("restsdk.cache.stores").description("bodies kept in the ETag cache")
        .tags(common).register(registry);
    FunctionCounter.builder("restsdk.cache.evictions", cache, c -> c.get().evictions())
        .description("entries dropped to stay within the ETag cache's byte budget")
        .tags(common).register(registry);
    Gauge.builder("restsdk.cache.bytes", cache, c -> c.get().bytesInUse())
        .description("bytes the ETag cache holds").baseUnit("bytes")
        .tags(common).register(registry);
  }

  /**
   * Meters on {@code registry}, with no extra tags.
   *
   * @throws NullPointerException if {@code registry} is null
   */
  public static RestClientMetrics create(MeterRegistry registry) {
    return create(registry, Tags.empty());
  }

  /**
   * Meters on {@code registry}, each with {@code tags} as well.
   *
   * @throws NullPointerException if an argument is null
   */
  public static RestClientMetrics create(MeterRegistry registry, Tags tags) {
    return new RestClientMetrics(requireNonNull(registry, "registry == null"),
        requireNonNull(tags, "tags == null"));
  }

  /**
   * Adds these meters to {@code builder}'s client.
   *
   * @return {@code builder}
   */
  public RestClient.Builder configure(RestClient.Builder builder) {
    return requireNonNull(builder, "builder == null").callListener(this);
  }

  @Override
  public void onCallEnd(Call call) {
    Timer.builder("restsdk.calls").description("logical calls of the REST client")
        .tags(common).tags(callTags(call))
        .tag("status", call.statusClass()).tag("outcome", call.outcome())
        .register(registry).record(call.durationNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onAttemptEnd(Attempt attempt) {
    Timer.builder("restsdk.attempts").description("HTTP attempts of the REST client's calls")
        .tags(common).tags(callTags(attempt.call()))
        .tag("status", statusClass(attempt.status())).tag("kind", attempt.kind().name())
        .register(registry).record(Math.max(0, attempt.durationNanos()), TimeUnit.NANOSECONDS);
  }

  @Override
  public void onRetry(Call call, RetryListener.RetryEvent event) {
    Counter.builder("restsdk.retries").description("attempts that failed and were retried")
        .tags(common).tags(callTags(call)).tag("reason", CallListener.kindOf(event.failure()))
        .register(registry).increment();
  }

  @Override
  public void onGiveUp(Call call, RetryListener.GiveUpEvent event) {
    Counter.builder("restsdk.giveups").description("calls that stopped retrying")
        .tags(common).tags(callTags(call)).tag("reason", event.reason().name())
        .register(registry).increment();
  }

  @Override
  public void onDeadlineExceeded(Call call) {
    Counter.builder("restsdk.deadline.expiries").description("calls that ran out of time")
        .tags(common).tags(callTags(call)).register(registry).increment();
  }

  @Override
  public void onBreakerStateChange(BreakerState from, BreakerState to) {
    breaker.set(to);
  }

  @Override
  public void onCacheEvent(CacheEventKind kind, EtagCache.Stats stats) {
    cache.set(stats);
    switch (kind) {
      case HIT -> hits.increment();
      case MISS -> misses.increment();
      case STORE -> stores.increment();
    }
  }

  private static Tags callTags(Call call) {
    return Tags.of("method", call.method(), "route", call.route());
  }

  private static String statusClass(int status) {
    return status < 100 || status > 599 ? "none" : (status / 100) + "xx";
  }

  @Override
  public String toString() {
    return "RestClientMetrics{" + registry.getClass().getSimpleName() + ", " + common + "}";
  }
}
