package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Drives every error path and checks that no message, {@code toString()} or stack trace
 * carries the token, a credential header, a secret query parameter or a request body.
 */
class SecretLeakTest extends ClientTest {
  private static final String API_KEY = "key-7c1d-leaky";
  private static final String QUERY_SECRET = "qs-99-hidden";
  private static final String BODY_SECRET = "body-4411-private";
  private static final List<String> SECRETS = List.of(TOKEN, API_KEY, QUERY_SECRET, BODY_SECRET);

  private final List<Object> produced = new ArrayList<>();

  private void capture(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      produced.add(e);
      return;
    }
    throw new AssertionError("expected a failure");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void noErrorPathLeaksASecret(Mode mode) {
    ApiRequest leaky = ApiRequest.post("books?access_token=" + QUERY_SECRET + "&page=2")
        .credentialHeader("X-Api-Key", API_KEY)
        .body(new Book(BODY_SECRET, "a"));
    // A server that echoes the request's credentials back in its error: the SDK scrubs them.
    String echo = "{\"code\":400,\"type\":\"Bad Request\",\"message\":\"bad token Bearer " + TOKEN
        + "\"}";
    int[] statuses = {400, 401, 403, 404, 409, 412, 418, 429, 500, 502, 503};
    for (int status : statuses) {
      always(json(status, status == 400 ? echo
          : "{\"code\":" + status + ",\"type\":\"x\",\"message\":\"failed for " + TOKEN + "\"}"));
      capture(() -> mode.send(client, leaky, Book.class));
    }
    always(new MockResponse.Builder().code(500).body("Authorization: Bearer " + TOKEN
        + "\n\tat com.example.Auth.check(Auth.java:1)\n").build());
    capture(() -> mode.send(client, leaky, Book.class));
    RestClient strict = builder().contractMode(ContractMode.STRICT).build();
    capture(() -> mode.send(strict, leaky, Book.class));
    always(json(200, "{\"title\": " + BODY_SECRET));
    capture(() -> mode.send(client, ApiRequest.get("books/1?token=" + QUERY_SECRET), Book.class));
    always(new MockResponse.Builder().code(201).build());
    capture(() -> mode.send(strict, leaky, Book.class));
    strict.close();
    server.setDispatcher(new mockwebserver3.QueueDispatcher());
    server.close();
    capture(() -> mode.send(client, leaky, Book.class));

    produced.add(leaky);
    produced.add(client);
    produced.add(TokenProvider.of(TOKEN));
    assertTrue(produced.size() > 15);
    for (Object o : produced) {
      String all = render(o);
      for (String secret : SECRETS) {
        assertFalse(all.contains(secret), () -> "leaked " + secret + " in " + all);
      }
    }
  }

  @Test
  void errorBodiesKeepTheServersTextButNotTheToken() {
    always(json(409, "{\"code\":409,\"type\":\"Conflict\",\"message\":\"token " + TOKEN
        + " may not\"}"));
    ApiException.Conflict e = org.junit.jupiter.api.Assertions.assertThrows(
        ApiException.Conflict.class, () -> client.send(ApiRequest.delete("a/1"), Void.class));
    assertTrue(e.errorBody().orElseThrow().contains("token REDACTED may not"));
    assertTrue(e.error().orElseThrow().message().contains("REDACTED"));
  }

  @Test
  void aRefreshedTokenEchoedBackIsScrubbedToo() {
    String fresh = "fresh-token-5d2e";
    TokenProvider tokens = new TokenProvider() {
      private volatile String current = TOKEN;

      @Override
      public String token() {
        return current;
      }

      @Override
      public java.util.Optional<String> refresh(String rejected) {
        current = fresh;
        return java.util.Optional.of(fresh);
      }
    };
    client = builder().tokenProvider(tokens).build();
    server.enqueue(status(401));
    server.enqueue(json(400, "{\"message\":\"bad header Bearer " + fresh + "\"}"));
    ApiException.BadRequest e = org.junit.jupiter.api.Assertions.assertThrows(
        ApiException.BadRequest.class, () -> client.send(ApiRequest.get("books/1"), Book.class));
    String all = render(e);
    assertFalse(all.contains(fresh), all);
    assertTrue(e.getMessage().endsWith("bad header Bearer REDACTED"), e.getMessage());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aSecretQueryValueEchoedInAnErrorIsScrubbed(Mode mode) {
    // The server echoes the request target, as sent (the '+' and '/' of a token included).
    String secret = "qs+7/echoed-Q";
    always(json(400, "{\"code\":400,\"type\":\"x\",\"message\":\"denied for"
        + " /v1/books/1?access_token=" + secret + "&page=2\"}"));
    ApiException.BadRequest e = org.junit.jupiter.api.Assertions.assertThrows(
        ApiException.BadRequest.class, () -> mode.send(client,
            ApiRequest.get("books/1?access_token=" + secret + "&page=2"), Book.class));
    String shown = "denied for /v1/books/1?access_token=REDACTED&page=2";
    org.junit.jupiter.api.Assertions.assertEquals(shown, e.error().orElseThrow().message());
    org.junit.jupiter.api.Assertions.assertEquals("GET " + url("books/1")
        + "?access_token=REDACTED&page=2 → 400 Bad Request: " + shown, e.getMessage());
    assertTrue(e.errorBody().orElseThrow().contains(shown), e.errorBody().orElseThrow());
    assertFalse(render(e).contains(secret), render(e));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aTokenEchoedUnquotedInABodyThatFailsToDecodeIsScrubbed(Mode mode) {
    // The parser quotes the token it could not read: all of it, or up to the first '-'.
    for (String token : List.of("Tk3f9a8c7eSecret", "Tk3f9a8c7eSecret-tail")) {
      client.close();
      client = builder().bearerToken(token).build();
      always(json(200, "{\"title\": " + token + ", \"key\": " + API_KEY + "}"));
      DecodeException e = org.junit.jupiter.api.Assertions.assertThrows(DecodeException.class,
          () -> mode.send(client, ApiRequest.get("books/1"), Book.class));
      org.junit.jupiter.api.Assertions.assertEquals("GET " + url("books/1") + " → 200 OK:"
          + " cannot decode the body as io.restsdk.core.Book: Unrecognized token 'REDACTED': was"
          + " expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"
          + " (line 1, column 11)", e.getMessage());
      String all = render(e);
      assertFalse(all.contains("Tk3f9a8c7e"), all);
    }
  }

  private static String render(Object o) {
    StringBuilder sb = new StringBuilder(String.valueOf(o));
    if (o instanceof Throwable t) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      sb.append(w);
      if (t instanceof ApiException api) {
        sb.append(api.url()).append(api.error().map(Object::toString).orElse(""))
            .append(api.errorBody().orElse(""));
      }
    }
    return sb.toString();
  }

  @SuppressWarnings("unused")
  private static <T> T unused(Supplier<T> s) {
    return s.get();
  }
}
