package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import io.restsdk.core.EtagCache;
import io.restsdk.core.RestClient;
import io.restsdk.core.TransportException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.jspecify.annotations.Nullable;

/**
 * Arbitrary values of the headers the SDK interprets ({@code ETag}, {@code Location},
 * {@code Retry-After}, {@code Content-Type}, {@code Vary}): empty, unquoted, huge, non-ASCII,
 * with CR or LF (written raw by mockwebserver's lenient headers, so they reach the client as the
 * bytes a broken server sends) end in a documented outcome, and leave the ETag cache
 * consistent: after any response it holds nothing for the URL or exactly the body of the last
 * 200 with the ETag that came with it, and a following GET never returns a body that did not
 * come with the ETag it revalidated.
 *
 * <p>Bounded tries in the normal build; {@code mvn -pl sdk-core verify -Pfuzz} runs longer (see
 * {@link StatusOutcomePropertyTest}).
 */
class HeaderValuePropertyTest {
  private static final String TOKEN = "tok-headers-51d7";
  private static final String FIRST = "{\"name\":\"first\",\"count\":1}";
  private static final String SECOND = "{\"name\":\"second\",\"count\":2}";
  private static final List<String> NAMES =
      List.of("ETag", "Location", "Retry-After", "Content-Type", "Vary");

  private final PropertyServer fixture = new PropertyServer(Duration.ofSeconds(5));

  @AfterProperty
  void close() {
    fixture.close();
  }

  @Provide
  Arbitrary<String> names() {
    return Arbitraries.of(NAMES);
  }

  @Provide
  Arbitrary<String> values() {
    return Arbitraries.oneOf(
        Arbitraries.just(""),
        Arbitraries.strings().ascii().ofMaxLength(40), // control characters included
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(20), // unquoted
        Arbitraries.strings().alpha().ofMaxLength(12).map(s -> "\"" + s + "\""),
        Arbitraries.strings().alpha().ofMaxLength(12).map(s -> "W/\"" + s + "\""),
        Arbitraries.strings().all().ofMaxLength(20), // any UTF-16, lone surrogates included
        Arbitraries.strings().withChars("\r\n\t \"\\,;=/:*W0aé€\u0000").ofMaxLength(24),
        Arbitraries.integers().between(1_000, 300_000).map("x"::repeat), // huge
        Arbitraries.strings().numeric().ofMinLength(10).ofMaxLength(30), // huge numbers
        Arbitraries.of("-1", "0", "1.5", "99999999999999999999", "Wed, 21 Oct 2015 07:28:00 GMT",
            "Fri, 31 Dec 9999 23:59:59 GMT", "Sun, 06 Nov 1994 08:49:37", "*", "::::",
            "//other.example/x", "http://[::1", "https://127.0.0.1:1/x", "application/json;charset=nope",
            "application/json; charset=utf-16", "text/html", "W/", "\"", "\"a\"b", "a\r\nX-Injected: 1",
            "a\r\n\r\nbody", "\r\n", "\n", "\r", "Accept, Authorization", "Accept-Encoding"));
  }

  @Property
  void arbitraryHeaderValuesLeaveTheCacheConsistent(
      @ForAll("names") String name, @ForAll("values") String value, @ForAll Path path) {
    check(fixture, name, value, path);
  }

  /** One sample of the property, on a fixture of the caller's. */
  static void check(PropertyServer fixture, String name, String value, Path path) {
    RecordingStore store = new RecordingStore();
    // What the server sent with each ETag header value, so a revalidated body can be checked.
    Map<String, String> sentWith = new ConcurrentHashMap<>();
    String[] last200 = {null, null}; // the last 200's body and ETag header value, if tagged
    AtomicInteger busy = new AtomicInteger();
    fixture.answer(req -> answer(req, name, value, sentWith, last200, busy));
    String url = fixture.url("/v1/things/1");
    String what = name + ": " + printable(value) + " on " + path;
    try (RestClient client = fixture.client(TOKEN).etagCache(EtagCache.using(store)).build()) {
      ApiRequest get = ApiRequest.get("things/1");
      Outcome first = path.run(() -> client.send(get, Item.class),
          () -> client.sendAsync(get, Item.class)).assertDocumented(what);
      assertConsistent(store.entries(url), last200, framingBroken(value),
          what + ", first GET → " + first);

      Outcome second = path.run(() -> client.send(get, Item.class),
          () -> client.sendAsync(get, Item.class)).assertDocumented(what);
      if (second.value() instanceof ApiResponse.Ok<?> ok && ok.revalidated()) {
        // Answered from the cache: the body is the one that came with the ETag revalidated.
        String etag = ok.etag().map(ETag::headerValue).orElse(null);
        String body = etag == null ? null : bodyFor(sentWith, etag);
        assertTrue(body != null, what + ": a revalidated body with an ETag the server never sent");
        if (!framingBroken(value)) {
          assertEquals(item(body), ok.body(), what + ": the revalidated body is not the tagged one");
        }
      }
      assertConsistent(store.entries(url), last200, framingBroken(value),
          what + ", second GET → " + second);

      if (name.equals("Retry-After")) {
        for (ApiRequest r : List.of(ApiRequest.get("busy/1"), ApiRequest.post("busy").body(
            new Item("c", 3)))) {
          busy.set(0);
          Outcome o = path.run(() -> client.send(r, Item.class),
              () -> client.sendAsync(r, Item.class)).assertDocumented(what + " " + r.method());
          // Retried to the 200, or given up with the status; a CR/LF in the value may also
          // break the response's framing, and a value beyond OkHttp's 256 KiB of headers is
          // refused: I/O failures.
          assertTrue(!o.failed() || o.thrown() instanceof ApiException a
                  && (a.status() == 503 || a.status() == 429)
                  || (framingBroken(value) || value.length() > 200_000)
                  && o.thrown() instanceof TransportException,
              what + " " + r.method() + ": " + o);
        }
      }
      if (name.equals("Location")) {
        ApiRequest post = ApiRequest.post("made").body(new Item("d", 4));
        path.run(() -> client.send(post, Item.class), () -> client.sendAsync(post, Item.class))
            .assertDocumented(what + " POST");
        path.run(() -> client.resource("made", Item.class).create(new Item("d", 4)),
            () -> client.resource("made", Item.class).async().create(new Item("d", 4)))
            .assertDocumented(what + " create");
      }
    }
    fixture.assertNoCallLeft(what);
  }

  private static MockResponse answer(RecordedRequest req, String name, String value,
      Map<String, String> sentWith, String[] last200, AtomicInteger busy) {
    String p = req.getUrl().encodedPath();
    MockResponse.Builder b = new MockResponse.Builder();
    if (p.startsWith("/v1/busy")) { // busy the first time, then fine
      int n = busy.incrementAndGet();
      if (n % 2 == 1) {
        return b.code(req.getMethod().equals("POST") ? 429 : 503)
            .addHeaderLenient("Retry-After", value).build();
      }
      return b.code(200).addHeader("Content-Type", "application/json").body(FIRST).build();
    }
    if (p.equals("/v1/made") && req.getMethod().equals("POST")) {
      return b.code(201).addHeaderLenient("Location", value).build();
    }
    if (!p.equals("/v1/things/1")) { // a followed Location
      return b.code(200).addHeader("Content-Type", "application/json").body(FIRST).build();
    }
    String inm = req.getHeaders().get("If-None-Match");
    if (inm != null) {
      b.code(304);
      if (name.equals("ETag")) b.addHeaderLenient("ETag", value);
      else b.addHeaderLenient("ETag", inm).addHeaderLenient(name, value);
      return b.build();
    }
    String body = last200[0] == null ? FIRST : SECOND;
    String etag = name.equals("ETag") ? value : body == FIRST ? "\"one\"" : "\"two\"";
    b.code(200).addHeaderLenient("ETag", etag).body(body);
    if (!name.equals("Content-Type")) b.addHeader("Content-Type", "application/json");
    if (!name.equals("ETag")) b.addHeaderLenient(name, value);
    sentWith.put(etag, body);
    last200[0] = body;
    last200[1] = etag;
    return b.build();
  }

  /**
   * The cache holds nothing for the URL, or one entry: the last 200's body with the entity tag
   * that came with it.
   */
  private static void assertConsistent(List<CachedResponse> entries, String[] last200,
      boolean framingBroken, String what) {
    if (entries.isEmpty()) return;
    assertEquals(1, entries.size(), what + ": entries " + entries);
    CachedResponse held = entries.get(0);
    if (last200[0] == null) fail(what + ": an entry without any 200: " + held);
    if (framingBroken) return; // the client read other headers and body than those meant
    assertArrayEquals(last200[0].getBytes(StandardCharsets.UTF_8), held.body(),
        what + ": the cache holds another body than the last 200's");
    Optional<ETag> sent = ETag.parse(last200[1]);
    assertTrue(sent.isPresent(), what + ": a body stored under an ETag that does not parse: "
        + held.etag());
    assertEquals(sent.get(), held.etag(), what + ": the body is stored with another ETag");
  }

  /**
   * A CR or LF in a header value, written raw, ends the header line early (or the whole header
   * block), so the client reads other headers and another body than the server meant to send:
   * the cache can then only be checked for holding at most one entry.
   */
  private static boolean framingBroken(String value) {
    return value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0;
  }

  private static @Nullable String bodyFor(Map<String, String> sentWith, String etagHeader) {
    Optional<ETag> wanted = ETag.parse(etagHeader);
    for (Map.Entry<String, String> e : sentWith.entrySet()) {
      if (ETag.parse(e.getKey()).equals(wanted)) return e.getValue();
    }
    return null;
  }

  private static Item item(String json) {
    return json.equals(FIRST) ? new Item("first", 1) : new Item("second", 2);
  }

  private static String printable(String s) {
    String shown = s.length() > 60 ? s.substring(0, 60) + "…(" + s.length() + " chars)" : s;
    return "\"" + shown.replace("\r", "\\r").replace("\n", "\\n") + "\"";
  }
}
