package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.DecodeException;
import io.restsdk.core.RestClient;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.zip.GZIPOutputStream;
import mockwebserver3.MockResponse;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import okio.Buffer;

/**
 * Arbitrary bodies (binary, any text, truncated JSON, deeply nested JSON, JSON of another shape,
 * bodies beyond the size cap, plain or gzip-compressed) answered with a success status end in a
 * {@link DecodeException} that names the wanted type and keeps the status (or in the value, when
 * the bytes really are that type's JSON); answered with a failing status they end in the
 * {@link ApiException} of that status whose kept text stays within the error-body cap. The
 * client reads no further than its caps, so huge and compressed-huge bodies cost no memory.
 *
 * <p>Bounded tries in the normal build; {@code mvn -pl sdk-core verify -Pfuzz} runs longer (see
 * {@link StatusOutcomePropertyTest}).
 */
class BodyDecodingPropertyTest {
  private static final String TOKEN = "tok-bodies-7e02";
  private static final int MAX_BODY = 16 << 10;
  private static final int MAX_ERROR = 2 << 10;
  private static final ObjectMapper JACKSON = new ObjectMapper()
      .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

  private final PropertyServer fixture = new PropertyServer(Duration.ofSeconds(5));

  /** A body and how it was made, shown briefly when a sample fails. */
  record Body(String kind, byte[] bytes, boolean gzip) {
    @Override
    public String toString() {
      String head = new String(bytes, 0, Math.min(bytes.length, 40), StandardCharsets.ISO_8859_1)
          .replaceAll("[^\\x20-\\x7e]", "?");
      return kind + (gzip ? " gzip" : "") + " " + bytes.length + " bytes \"" + head + "\"";
    }

    /** The bytes sent: compressed when {@link #gzip}. */
    Buffer wire() {
      if (!gzip) return new Buffer().write(bytes);
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try (GZIPOutputStream z = new GZIPOutputStream(out)) {
        z.write(bytes);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return new Buffer().write(out.toByteArray());
    }
  }

  @AfterProperty
  void close() {
    fixture.close();
  }

  @Provide
  Arbitrary<Body> bodies() {
    Arbitrary<Body> plain = Arbitraries.oneOf(
        Arbitraries.bytes().array(byte[].class).ofMinSize(1).ofMaxSize(2_000).map(b -> body("binary", b)),
        Arbitraries.strings().all().ofMinLength(1).ofMaxLength(500).map(s -> body("text", utf8(s))),
        Arbitraries.integers().between(1, ITEM_JSON_TEXT.length() - 1)
            .map(n -> body("truncated", utf8(ITEM_JSON_TEXT.substring(0, n)))),
        Arbitraries.integers().between(500, 50_000)
            .map(d -> body("nested arrays", utf8("[".repeat(d) + "]".repeat(d)))),
        Arbitraries.integers().between(500, 5_000)
            .map(d -> body("nested objects", utf8("{\"name\":".repeat(d) + "1" + "}".repeat(d)))),
        Arbitraries.integers().between(500, 50_000)
            .map(d -> body("unclosed nesting", utf8("[{\"a\":".repeat(d / 6 + 1)))),
        Arbitraries.of("[]", "1", "\"s\"", "null", "true", "[{}]", "{\"count\":\"x\"}",
            "{\"count\":1e999999}", "{\"name\":\"\\ud800\"", "\ufeff{}", "{}{}")
            .map(s -> body("other shape", utf8(s))),
        Arbitraries.integers().between(MAX_BODY + 1, 4 * MAX_BODY)
            .map(n -> body("huge", utf8("[" + "1,".repeat(n / 2) + "1]"))));
    Arbitrary<Body> bomb = Arbitraries.integers().between(MAX_BODY + 1, 256 * MAX_BODY)
        .map(n -> new Body("huge", new byte[n], true));
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(8, plain),
        net.jqwik.api.Tuple.of(1, plain.map(b -> new Body(b.kind, b.bytes, true))),
        net.jqwik.api.Tuple.of(1, bomb));
  }

  private static final String ITEM_JSON_TEXT = "{\"name\":\"a long enough name\",\"count\":12345}";

  private static Body body(String kind, byte[] bytes) {
    return new Body(kind, bytes, false);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Provide
  Arbitrary<Integer> successes() {
    return Arbitraries.of(200, 202, 203, 206, 299);
  }

  @Provide
  Arbitrary<Integer> failures() {
    return Arbitraries.of(400, 401, 403, 404, 409, 412, 418, 422, 429, 500, 502, 503, 599);
  }

  private RestClient client() {
    return fixture.client(TOKEN).maxBodyBytes(MAX_BODY).maxErrorBodyBytes(MAX_ERROR).build();
  }

  private void answer(int status, Body body) {
    MockResponse.Builder b = new MockResponse.Builder().code(status)
        .addHeader("Content-Type", "application/json").body(body.wire());
    if (body.gzip) b.addHeader("Content-Encoding", "gzip");
    MockResponse r = b.build();
    fixture.answer(req -> r);
  }

  @Property
  void anUndecodableSuccessBodyIsADecodeExceptionNamingTheTypeAndKeepingTheStatus(
      @ForAll("bodies") Body body, @ForAll("successes") int status, @ForAll Path path,
      @ForAll boolean resource) {
    answer(status, body);
    String what = status + " with " + body + " on " + path + (resource ? " via Resource.get" : "");
    Outcome o;
    try (RestClient client = client()) {
      o = resource
          ? path.run(() -> client.resource("things", Item.class).get("1"),
              () -> client.resource("things", Item.class).async().get("1"))
          : path.run(() -> client.send(ApiRequest.get("things/1"), Item.class),
              () -> client.sendAsync(ApiRequest.get("things/1"), Item.class));
    }
    o.assertDocumented(what);
    if (!o.failed()) {
      assertTrue(body.bytes.length <= MAX_BODY && decodes(body.bytes),
          what + ": decoded " + o.value() + " from a body that is not an Item's JSON");
    } else if (o.thrown() instanceof DecodeException d) {
      assertEquals(status, d.status(), what);
      assertEquals(Item.class, d.targetType(), what);
      assertTrue(d.getMessage().contains("→ " + status + " "), what + ": " + d.getMessage());
      assertTrue(d.getMessage().contains("cannot decode the body as " + Item.class.getName()),
          what + ": " + d.getMessage());
      if (body.bytes.length > MAX_BODY) {
        assertTrue(d.getMessage().contains("exceeds " + MAX_BODY + " bytes"),
            what + ": " + d.getMessage());
      }
    } else {
      fail(what + ": expected a DecodeException, got " + o, o.thrown());
    }
    fixture.assertNoCallLeft(what);
  }

  @Property
  void anArbitraryErrorBodyIsKeptWithinTheCap(@ForAll("bodies") Body body,
      @ForAll("failures") int status, @ForAll Path path) {
    answer(status, body);
    String what = status + " with " + body + " on " + path;
    Outcome o;
    try (RestClient client = client()) {
      o = path.run(() -> client.send(ApiRequest.get("things/1"), Item.class),
          () -> client.sendAsync(ApiRequest.get("things/1"), Item.class));
    }
    o.assertDocumented(what);
    if (!(o.thrown() instanceof ApiException a)) {
      fail(what + ": expected the ApiException of " + status + ", got " + o, o.thrown());
      return;
    }
    assertEquals(status, a.status(), what);
    a.errorBody().ifPresent(t -> assertTrue(t.length() <= MAX_ERROR,
        what + ": kept " + t.length() + " chars of error body"));
    a.error().ifPresent(e -> assertTrue(e.message().length() <= MAX_ERROR,
        what + ": an error message of " + e.message().length() + " chars"));
    assertTrue(a.getMessage().length() <= MAX_ERROR + 200,
        what + ": a message of " + a.getMessage().length() + " chars");
    fixture.assertNoCallLeft(what);
  }

  private static boolean decodes(byte[] bytes) {
    try {
      return JACKSON.readValue(bytes, Item.class) != null;
    } catch (IOException e) {
      return false;
    }
  }
}
