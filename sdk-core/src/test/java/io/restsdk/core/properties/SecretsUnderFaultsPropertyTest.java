package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiRequest;
import io.restsdk.core.LocationNotFollowedException;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TokenProvider;
import io.restsdk.core.TransportException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import mockwebserver3.SocketEffect;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.From;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Random sequences of server faults (errors that echo the request's credentials, raw stack
 * traces, broken and stalled connections, bodies that fail to decode, a {@code Location} with a
 * token in it, a 401 and a token refresh), answered to random requests carrying random
 * credentials (a bearer token, a refreshed token, a credential header, a secret query parameter
 * and a request body), on clients with and without retries and a circuit breaker, and with the
 * calling thread interrupted while a retry waits:
 *
 * <ul>
 *   <li>no credential shows in any exception's message, {@code toString()}, cause or suppressed
 *       exception, in a retry listener's events, or in any log record of the SDK or OkHttp;
 *   <li>what is thrown is an {@code SdkException}, and no Failsafe type ({@code dev.failsafe.*})
 *       is thrown or reachable from what is;
 *   <li>an interrupted call ends at once as {@link TransportException.Kind#INTERRUPTED} with the
 *       thread's interrupt flag set again;
 *   <li>every response is closed (OkHttp calls started == calls ended).
 * </ul>
 *
 * <p>Bounded tries in the normal build; {@code mvn -pl sdk-core verify -Pfuzz} runs longer (see
 * {@link StatusOutcomePropertyTest}).
 */
class SecretsUnderFaultsPropertyTest {
  private static final String ITEM_JSON = "{\"name\":\"n\",\"count\":1}";
  /** A stall costs one read timeout per attempt: short, and stalls are rare in the sequences. */
  private final PropertyServer fixture = new PropertyServer(Duration.ofMillis(200));

  /** One answer of the server. */
  enum Fault {
    FINE, ECHOING_ERROR, STACK_TRACE, UNAUTHORIZED, BUSY, CLOSE_BEFORE_RESPONSE,
    CLOSE_DURING_BODY, STALL, ECHOING_UNDECODABLE_BODY, LOCATION_WITH_TOKEN,
    CROSS_ORIGIN_LOCATION_WITH_TOKEN
  }

  /** The request sent. */
  enum Op {
    GET, PUT, POST, POST_WITH_IDEMPOTENCY_KEY, DELETE, RESOURCE_GET, RESOURCE_CREATE
  }

  @AfterProperty
  void close() {
    fixture.close();
  }

  /** Token-like strings (RFC 6750 b64token characters) with a tag that keeps them apart. */
  private static Arbitrary<String> secret(String tag) {
    return Arbitraries.strings().withCharRange('a', 'z').withCharRange('A', 'Z')
        .withCharRange('0', '9').withChars("-._~+/").ofMinLength(6).ofMaxLength(48)
        .map(s -> tag + s);
  }

  @Provide
  Arbitrary<Tuple.Tuple5<String, String, String, String, String>> secrets() {
    return Arbitraries.strings().withCharRange('a', 'z').ofLength(4).flatMap(run ->
        net.jqwik.api.Combinators.combine(secret("Tk" + run), secret("Rf" + run),
            secret("Ky" + run), secret("Qs" + run), secret("Bd" + run)).as(Tuple::of));
  }

  @Provide
  Arbitrary<Fault> faults() {
    return Arbitraries.frequencyOf(
        Tuple.of(4, Arbitraries.just(Fault.ECHOING_ERROR)),
        Tuple.of(2, Arbitraries.just(Fault.FINE)),
        Tuple.of(2, Arbitraries.just(Fault.STACK_TRACE)),
        Tuple.of(2, Arbitraries.just(Fault.UNAUTHORIZED)),
        Tuple.of(2, Arbitraries.just(Fault.BUSY)),
        Tuple.of(2, Arbitraries.just(Fault.CLOSE_BEFORE_RESPONSE)),
        Tuple.of(2, Arbitraries.just(Fault.CLOSE_DURING_BODY)),
        Tuple.of(1, Arbitraries.just(Fault.STALL)),
        Tuple.of(2, Arbitraries.just(Fault.ECHOING_UNDECODABLE_BODY)),
        Tuple.of(1, Arbitraries.just(Fault.LOCATION_WITH_TOKEN)),
        Tuple.of(1, Arbitraries.just(Fault.CROSS_ORIGIN_LOCATION_WITH_TOKEN)));
  }

  @Provide
  Arbitrary<Integer> errorStatuses() {
    return Arbitraries.oneOf(Arbitraries.of(400, 403, 404, 409, 412, 429, 500, 502, 503),
        Arbitraries.integers().between(400, 599));
  }

  @Property
  void noCredentialLeaksAndNoFailsafeTypeEscapesUnderRandomFaults(
      @ForAll("secrets") Tuple.Tuple5<String, String, String, String, String> secrets,
      @ForAll @Size(min = 1, max = 4) List<@From("faults") Fault> faults,
      @ForAll("errorStatuses") int errorStatus, @ForAll Op op, @ForAll Path path,
      @ForAll boolean retries, @ForAll boolean breaker, @ForAll boolean interruptOnRetry) {
    check(fixture, secrets, faults, errorStatus, op, path, retries, breaker, interruptOnRetry);
  }

  /** One sample of the property, on a fixture of the caller's. */
  static void check(PropertyServer fixture,
      Tuple.Tuple5<String, String, String, String, String> secrets, List<Fault> faults,
      int errorStatus, Op op, Path path, boolean retries, boolean breaker,
      boolean interruptOnRetry) {
    String token = secrets.get1();
    String refreshed = secrets.get2();
    String apiKey = secrets.get3();
    String querySecret = secrets.get4();
    String bodySecret = secrets.get5();
    List<String> all = List.of(token, refreshed, apiKey, querySecret, bodySecret);
    String what = faults + " to " + op + " on " + path + (retries ? ", retries" : "")
        + (breaker ? ", breaker" : "") + (interruptOnRetry ? ", interrupt on retry" : "");

    AtomicInteger next = new AtomicInteger();
    String otherOrigin = fixture.url("/").replace("localhost", "127.0.0.1");
    fixture.answer(req -> answer(req, next.getAndIncrement() < faults.size()
        ? faults.get(next.get() - 1) : Fault.FINE, errorStatus, otherOrigin));
    fixture.records.clear();

    Thread caller = Thread.currentThread();
    boolean interrupt = interruptOnRetry && path == Path.SYNC;
    List<Object> events = new CopyOnWriteArrayList<>();
    RetryListener listener = new RetryListener() {
      @Override
      public void onRetry(RetryEvent e) {
        events.add(e);
        // The retry is scheduled and its wait is about to start, on the calling thread.
        if (interrupt && Thread.currentThread() == caller) caller.interrupt();
      }

      @Override
      public void onGiveUp(GiveUpEvent e) {
        events.add(e);
      }
    };
    TokenProvider tokens = new TokenProvider() {
      private volatile String current = token;

      @Override
      public String token() {
        return current;
      }

      @Override
      public Optional<String> refresh(String rejected) {
        current = refreshed;
        return Optional.of(refreshed);
      }
    };
    RestClient.Builder b = fixture.client(token).tokenProvider(tokens).retryListener(listener)
        .retryOptions(retries ? PropertyServer.FAST : RetryOptions.none());
    if (breaker) b.circuitBreaker(2, Duration.ofSeconds(30));
    Outcome outcome;
    boolean interruptedAfter;
    try (RestClient client = b.build()) {
      outcome = run(op, path, client, apiKey, querySecret, bodySecret);
    } finally {
      interruptedAfter = Thread.interrupted(); // never leave the flag set for the next try
    }

    outcome.assertDocumented(what);
    if (outcome.thrown() != null) {
      Secrets.assertAbsent(all, "the exception (" + what + ")", Secrets.render(outcome.thrown()));
    }
    for (Object e : events) Secrets.assertAbsent(all, "a retry listener event (" + what + ")",
        Secrets.render(e) + (e instanceof RetryListener.RetryEvent r
            ? Secrets.render(r.failure()) : ""));
    Secrets.assertAbsent(all, "the log (" + what + ")", fixture.logText());
    if (interrupt && events.stream().anyMatch(e -> e instanceof RetryListener.RetryEvent)) {
      // After a 201, the interrupted GET of its Location is the cause of the exception that
      // says the resource was created (CONTRACT.md, row 201): the call still ends at once.
      Throwable ended = outcome.thrown() instanceof LocationNotFollowedException l
          ? l.getCause() : outcome.thrown();
      assertTrue(ended instanceof TransportException t
          && t.kind() == TransportException.Kind.INTERRUPTED,
          what + ": interrupted while waiting to retry, ended with " + outcome);
      assertTrue(interruptedAfter, what + ": the interrupt flag was not set again");
      assertEquals(1, events.stream().filter(e -> e instanceof RetryListener.RetryEvent).count(),
          what + ": retried after the interrupt");
    }
    fixture.assertNoCallLeft(what);
  }

  private static Outcome run(Op op, Path path, RestClient client, String apiKey,
      String querySecret, String bodySecret) {
    Item item = new Item(bodySecret, 7);
    if (op == Op.RESOURCE_GET || op == Op.RESOURCE_CREATE) {
      // Resources carry the bearer token only; the other secrets go through send.
      var items = client.resource("items", Item.class);
      return op == Op.RESOURCE_GET
          ? path.run(() -> items.get("1"), () -> items.async().get("1"))
          : path.run(() -> items.create(item), () -> items.async().create(item));
    }
    String target = "items/1?access_token=" + querySecret + "&page=2";
    ApiRequest r = switch (op) {
      case GET -> ApiRequest.get(target);
      case PUT -> ApiRequest.put(target).body(item);
      case POST -> ApiRequest.post(target).body(item);
      case POST_WITH_IDEMPOTENCY_KEY -> ApiRequest.post(target).body(item).idempotencyKey("k-1");
      default -> ApiRequest.delete(target);
    };
    ApiRequest request = r.credentialHeader("X-Api-Key", apiKey);
    return path.run(() -> client.send(request, Item.class),
        () -> client.sendAsync(request, Item.class));
  }

  /** The server's answer; errors echo what the request carried, as careless servers do. */
  private static MockResponse answer(RecordedRequest req, Fault fault, int errorStatus,
      String otherOrigin) {
    String auth = String.valueOf(req.getHeaders().get("Authorization"));
    String key = String.valueOf(req.getHeaders().get("X-Api-Key"));
    // What the request carried, as a careless server echoes it: its credentials and target.
    // (Not its body: a server quoting a request body back is the application's business.)
    String echo = "denied: " + auth + " key " + key + " for " + req.getTarget();
    MockResponse.Builder b = new MockResponse.Builder();
    return switch (fault) {
      case FINE -> switch (req.getMethod()) {
        case "POST" -> b.code(201).addHeader("Location", "/v1/items/9").build();
        case "DELETE" -> b.code(204).build();
        default -> b.code(200).addHeader("ETag", "\"e1\"")
            .addHeader("Content-Type", "application/json").body(ITEM_JSON).build();
      };
      case ECHOING_ERROR -> b.code(errorStatus).addHeader("Content-Type", "application/json")
          .body("{\"code\":" + errorStatus + ",\"type\":\"x\",\"message\":\""
              + echo.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}").build();
      case STACK_TRACE -> b.code(500).addHeader("Content-Type", "text/plain")
          .body(echo + "\n\tat com.example.Auth.check(Auth.java:1)\n").build();
      case UNAUTHORIZED -> b.code(401).addHeader("WWW-Authenticate", "Bearer error=\"invalid_token\"")
          .build();
      case BUSY -> b.code(503).addHeader("Retry-After", "0").body(echo).build();
      case CLOSE_BEFORE_RESPONSE -> b.onResponseStart(new SocketEffect.CloseSocket()).build();
      case CLOSE_DURING_BODY -> b.code(200).addHeader("Content-Type", "application/json")
          .body(ITEM_JSON + " ".repeat(64) + echo).onResponseBody(new SocketEffect.CloseSocket())
          .build();
      case STALL -> b.onResponseStart(SocketEffect.Stall.INSTANCE).build();
      case ECHOING_UNDECODABLE_BODY -> b.code(200).addHeader("Content-Type", "application/json")
          .body("{\"name\": " + auth.replace("Bearer ", "") + ", \"key\": " + key + "}").build();
      case LOCATION_WITH_TOKEN -> b.code(201)
          .addHeader("Location", "/v1/items/9?access_token=" + auth.replace("Bearer ", ""))
          .build();
      case CROSS_ORIGIN_LOCATION_WITH_TOKEN -> b.code(201)
          .addHeader("Location", otherOrigin + "v1/items/9?token=" + auth.replace("Bearer ", ""))
          .build();
    };
  }
}
