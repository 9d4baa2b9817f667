package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.ContractMode;
import io.restsdk.core.DecodeException;
import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.TransportException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;

/**
 * Any status from 100 to 599, answered to any method or resource operation, ends in exactly one
 * documented outcome, the same on the sync and the async path: a success variant carrying that
 * status, or the {@link ApiException} of that status, or (where the contract says so) a
 * {@link DecodeException} or {@link ApiException.ContractViolation} carrying it; never a raw
 * exception; and no response is left open.
 *
 * <p>Like every property in this package it runs a bounded number of tries in the normal build
 * ({@code jqwik.tries.default} in {@code src/test/resources/junit-platform.properties}). To run
 * the properties longer: {@code mvn -pl sdk-core verify -Pfuzz} (5,000 tries each; the
 * {@code fuzz} profile in sdk-core's POM), {@code -Pfuzz -Dfuzz.tries=N} for another count. A
 * failure prints its shrunk sample and seed; {@code @Property(seed = "…")} replays it.
 */
class StatusOutcomePropertyTest {
  private static final String TOKEN = "tok-status-9c41";
  private static final String ITEM = "{\"name\":\"a\",\"count\":1}";
  /** The status rows the contract names, each with its own exception type. */
  private static final Map<Integer, Class<? extends ApiException>> NAMED = Map.of(
      400, ApiException.BadRequest.class, 401, ApiException.Unauthorized.class,
      403, ApiException.Forbidden.class, 404, ApiException.NotFound.class,
      409, ApiException.Conflict.class, 412, ApiException.PreconditionFailed.class,
      500, ApiException.InternalServerError.class);
  /** Statuses OkHttp's redirect following, and the SDK's, treat as redirects. */
  private static final Set<Integer> REDIRECTS = Set.of(300, 301, 302, 303, 307, 308);
  /** Rows whose response the contract says has no body. */
  private static final Set<Integer> BODYLESS = Set.of(201, 204, 304, 401, 404);

  private final PropertyServer fixture = new PropertyServer(Duration.ofSeconds(2));

  /** The request an operation sends, and how the SDK is asked to send it. */
  enum Op {
    SEND_GET("GET"), SEND_HEAD("HEAD"), SEND_OPTIONS("OPTIONS"), SEND_POST("POST"),
    SEND_PUT("PUT"), SEND_PATCH("PATCH"), SEND_DELETE("DELETE"),
    RESOURCE_GET("GET"), RESOURCE_CREATE("POST"), RESOURCE_UPDATE("PUT"),
    RESOURCE_DELETE("DELETE");

    final String method;

    Op(String method) {
      this.method = method;
    }

    boolean needsBody() {
      return this == RESOURCE_GET || this == RESOURCE_CREATE;
    }

    Outcome run(RestClient client, Path path) {
      Resource<Item> items = client.resource("things", Item.class);
      Item item = new Item("b", 2);
      return switch (this) {
        case RESOURCE_GET -> path.run(() -> items.getEntity("1"),
            () -> items.async().getEntity("1"));
        case RESOURCE_CREATE -> path.run(() -> items.create(item),
            () -> items.async().create(item));
        case RESOURCE_UPDATE -> path.run(() -> items.update("1", item),
            () -> items.async().update("1", item));
        case RESOURCE_DELETE -> path.run(() -> {
          items.delete("1");
          return null;
        }, () -> items.async().delete("1"));
        default -> {
          ApiRequest r = ApiRequest.of(method, "things/1");
          if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("OPTIONS")
              && !method.equals("DELETE")) {
            r = r.body(item);
          }
          ApiRequest request = r;
          yield path.run(() -> client.send(request, Item.class),
              () -> client.sendAsync(request, Item.class));
        }
      };
    }
  }

  /** What the answer carries besides its status. */
  enum Shape {
    NO_BODY, ITEM_JSON, ERROR_JSON, TEXT;

    MockResponse.Builder apply(MockResponse.Builder b) {
      return switch (this) {
        case NO_BODY -> b;
        case ITEM_JSON -> b.addHeader("Content-Type", "application/json").body(ITEM);
        case ERROR_JSON -> b.addHeader("Content-Type", "application/json")
            .body("{\"code\":0,\"type\":\"t\",\"message\":\"m\"}");
        case TEXT -> b.addHeader("Content-Type", "text/plain").body("plain words");
      };
    }
  }

  @AfterProperty
  void close() {
    fixture.close();
  }

  /**
   * Any status from 100 to 599; half of the tries draw from the rows the contract names and the
   * codes with a meaning of their own to HTTP clients, which a uniform draw would rarely hit.
   */
  @Provide
  Arbitrary<Integer> statuses() {
    return Arbitraries.oneOf(
        Arbitraries.of(100, 101, 103, 200, 201, 202, 203, 204, 205, 206, 300, 301, 302, 303, 304,
            305, 307, 308, 400, 401, 403, 404, 405, 407, 408, 409, 410, 412, 413, 421, 429, 500,
            501, 502, 503, 504),
        Arbitraries.integers().between(100, 599));
  }

  @Property
  void everyStatusEndsInExactlyOneDocumentedOutcome(
      @ForAll("statuses") int status, @ForAll Op op, @ForAll Shape shape,
      @ForAll boolean location, @ForAll ContractMode mode) {
    check(fixture, status, op, shape, location, mode);
  }

  /** One sample of the property, on a fixture of the caller's. */
  static void check(PropertyServer fixture, int status, Op op, Shape shape, boolean location,
      ContractMode mode) {
    // The status goes to the operation's URL; a followed Location or redirect reads an item.
    MockResponse.Builder answer = shape.apply(new MockResponse.Builder().code(status));
    if (location) answer.addHeader("Location", "/v1/created/1");
    // An interim status (1xx) where the final one was due: the server then hangs up, so the
    // client is not left waiting for the final answer until its read timeout.
    if (status < 200) answer.onResponseEnd(new SocketEffect.CloseSocket());
    MockResponse first = answer.build();
    // A server sends no body to a HEAD; mockwebserver would, and break the connection's framing.
    MockResponse firstToHead = new MockResponse.Builder(first).body("").build();
    MockResponse item = new MockResponse.Builder().code(200).addHeader("ETag", "\"c1\"")
        .addHeader("Content-Type", "application/json").body(ITEM).build();
    MockResponse itemToHead = new MockResponse.Builder(item).body("").build();
    fixture.answer(req -> {
      boolean head = req.getMethod().equals("HEAD");
      return req.getUrl().encodedPath().startsWith("/v1/things")
          ? head ? firstToHead : first
          : head ? itemToHead : item;
    });
    Outcome sync;
    Outcome async;
    try (RestClient client = fixture.client(TOKEN).contractMode(mode).build()) {
      sync = op.run(client, Path.SYNC);
      async = op.run(client, Path.ASYNC);
    }
    String what = op + " answered " + status + " " + shape + (location ? " with Location" : "")
        + " in " + mode;
    for (Outcome o : new Outcome[] {sync, async}) {
      o.assertDocumented(what);
      expect(op, status, shape, location, mode, o, what);
    }
    if (status >= 200) { // after an interim status and a hang-up, which failure comes first races
      assertEquals(sync.kind(), async.kind(), what + ": the sync and async paths differ");
    }
    fixture.assertNoCallLeft(what);
  }

  private static void expect(Op op, int s, Shape shape, boolean location, ContractMode mode,
      Outcome o, String what) {
    String got = what + " → " + o;
    boolean bodySent = shape != Shape.NO_BODY && !op.method.equals("HEAD");
    if (s < 200) { // an interim answer where a final one was due: a broken exchange, or its status
      assertTrue(o.thrown() instanceof TransportException || apiStatus(o) == s, got);
    } else if (s >= 400) {
      assertEquals(s, apiStatus(o), got);
      Class<? extends ApiException> named = NAMED.get(s);
      if (mode == ContractMode.STRICT && BODYLESS.contains(s) && bodySent) {
        assertTrue(o.thrown() instanceof ApiException.ContractViolation, got);
      } else if (named != null) {
        assertEquals(named, o.thrown().getClass(), got);
      } else {
        // The general kind, or a typed one added for this status (e.g. 429, 503): never the
        // type of another named row.
        assertTrue(NAMED.values().stream().noneMatch(c -> c.isInstance(o.thrown()))
            && !(o.thrown() instanceof ApiException.ContractViolation), got);
      }
    } else if (s >= 300) {
      if (s == 304) { // no If-None-Match was sent
        assertTrue(o.thrown() instanceof ApiException.ContractViolation
            && apiStatus(o) == 304, got);
      } else if (location && REDIRECTS.contains(s) && !o.failed()) {
        success(op, o, 200, got); // followed to the item
      } else {
        assertEquals(s, apiStatus(o), got);
      }
    } else if (OKHTTP_REFUSES_BODY.contains(s) && bodySent && o.thrown() instanceof TransportException) {
      return; // OkHttp refuses a 204/205 with a Content-Length: an I/O failure, documented
    } else if (mode == ContractMode.STRICT && BODYLESS.contains(s) && bodySent) {
      assertTrue(o.thrown() instanceof ApiException.ContractViolation && apiStatus(o) == s, got);
    } else if (s == 201) {
      created(op, shape, location, mode, o, got);
    } else {
      boolean decodable = bodySent && shape != Shape.TEXT;
      if (s == 202 && op == Op.RESOURCE_CREATE) {
        // Accepted, not created yet, whatever the body (which describes the request, not the
        // resource): the SDK's contract violation now, a typed "accepted" result to come.
        assertTrue(!o.failed() || o.thrown() instanceof ApiException.ContractViolation, got);
      } else if (decodable || op == Op.RESOURCE_DELETE) {
        success(op, o, s, got);
      } else if (bodySent) { // a text body where JSON was wanted
        if (o.failed()) decodeFailure(o, s, got);
        else success(op, o, s, got);
      } else if (op.needsBody()) { // a bodiless success where a body was needed
        // A 202 may become a typed "accepted" result, returned or thrown: any documented one.
        if (s == 202) return;
        assertTrue(o.thrown() instanceof ApiException.ContractViolation
            || s == 200 && o.thrown() instanceof DecodeException, got);
        assertEquals(s, o.status(), got);
      } else if (s == 200 && (op == Op.SEND_GET || op == Op.SEND_OPTIONS) && o.failed()) {
        decodeFailure(o, s, got); // an empty 200 to a read: the body the caller wanted is not there
      } else {
        success(op, o, s, got); // an empty 2xx to a write (or a HEAD) is a success
      }
    }
  }

  private static final Set<Integer> OKHTTP_REFUSES_BODY = Set.of(204, 205);

  private static void created(Op op, Shape shape, boolean location, ContractMode mode, Outcome o,
      String got) {
    // Lenient: a 201 body is the created entity only when it says so (an ETag, a
    // Content-Location or a HAL self link equal to the Location; CreatedBody); these 201s say
    // nothing of the kind, so the Location is read back whatever the body (an item, an error).
    Item read = new Item("a", 1);
    if (!location) {
      if (op.needsBody() || mode == ContractMode.STRICT) {
        assertTrue(o.thrown() instanceof ApiException.ContractViolation && apiStatus(o) == 201,
            got);
      } else if (op == Op.RESOURCE_DELETE) {
        success(op, o, 201, got);
      } else if (op == Op.RESOURCE_UPDATE) {
        Entity<?> e = assertInstance(Entity.class, o, got);
        assertEquals(201, e.status(), got);
        assertEquals(new Item("b", 2), e.body(), got + ": nothing read back, the value sent");
      } else {
        ApiResponse.Created<?> c = assertCreated(o, got);
        assertEquals(null, c.location(), got);
      }
    } else if (op == Op.RESOURCE_DELETE) {
      success(op, o, 201, got);
    } else if (op == Op.RESOURCE_GET) {
      // a 201 where the item was read: a contract violation, or the entity it points to
      assertTrue(o.thrown() instanceof ApiException.ContractViolation && apiStatus(o) == 201
          || o.value() instanceof Entity<?>, got);
    } else if (op == Op.RESOURCE_CREATE || op == Op.RESOURCE_UPDATE) {
      Entity<?> e = assertInstance(Entity.class, o, got);
      assertEquals(201, e.status(), got + ": the created entity says 201");
      assertEquals(read, e.body(), got);
    } else {
      ApiResponse.Created<?> c = assertCreated(o, got);
      assertNotNull(c.location(), got);
      assertNotNull(c.entity(), got);
      assertEquals(read, c.entity().body(), got);
    }
  }

  private static ApiResponse.Created<?> assertCreated(Outcome o, String got) {
    ApiResponse.Created<?> c = assertInstance(ApiResponse.Created.class, o, got);
    assertEquals(201, c.status(), got);
    return c;
  }

  /** A success whose status is {@code s}; a void operation returns nothing. */
  private static void success(Op op, Outcome o, int s, String got) {
    if (o.failed()) fail(got, o.thrown());
    if (op == Op.RESOURCE_DELETE) {
      assertEquals(null, o.value(), got);
      return;
    }
    assertTrue(o.value() instanceof ApiResponse<?> || o.value() instanceof Entity<?>, got);
    assertEquals(s, o.status(), got);
  }

  private static void decodeFailure(Outcome o, int s, String got) {
    DecodeException d = assertInstance(DecodeException.class, o, got);
    assertEquals(s, d.status(), got);
    assertEquals(Item.class, d.targetType(), got);
  }

  private static int apiStatus(Outcome o) {
    return o.thrown() instanceof ApiException a ? a.status() : -1;
  }

  private static <X> X assertInstance(Class<X> type, Outcome o, String got) {
    if (o.failed() && !type.isInstance(o.thrown())) fail(got, o.thrown());
    Object v = o.failed() ? o.thrown() : o.value();
    if (!type.isInstance(v)) fail(got + ": expected a " + type.getSimpleName());
    return type.cast(v);
  }
}
