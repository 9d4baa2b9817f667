package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.RetryOptions;
import java.util.UUID;
import mockwebserver3.MockResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Automatic {@code Idempotency-Key} on POST: one fresh key per call, the same on each attempt. */
@Timeout(20)
class IdempotencyKeyTest extends RetryFixture {

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void everyPostGetsAFreshKeyKeptAcrossAttempts(boolean async) throws Exception {
    client.close();
    client = builder().autoIdempotencyKeys(true).build();
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    server.enqueue(json(200, BOOK));
    ApiRequest post = ApiRequest.post("books").body(new Book("a", "b"));
    send(async, client, post, Book.class);
    send(async, client, post, Book.class);
    String first = take().getHeaders().get("Idempotency-Key");
    String retried = take().getHeaders().get("Idempotency-Key");
    String next = take().getHeaders().get("Idempotency-Key");
    UUID.fromString(first);
    assertEquals(first, retried);
    assertNotEquals(first, next);
  }

  @Test
  void anExplicitKeyWinsAndOtherMethodsGetNone() throws Exception {
    client.close();
    client = builder().autoIdempotencyKeys(true).build();
    server.enqueue(json(200, BOOK));
    server.enqueue(json(200, BOOK));
    server.enqueue(json(200, BOOK));
    client.send(ApiRequest.post("books").idempotencyKey("mine"), Book.class);
    client.send(ApiRequest.get("books/1"), Book.class);
    client.send(ApiRequest.patch("books/1").body(new Book("a", "b")), Book.class);
    assertEquals("mine", take().getHeaders().get("Idempotency-Key"));
    assertNull(take().getHeaders().get("Idempotency-Key"));
    assertNull(take().getHeaders().get("Idempotency-Key"));
  }

  @Test
  void offByDefaultSoAPostWithout503RetryAfterIsNotRetried() {
    server.enqueue(status(503));
    server.enqueue(json(200, BOOK));
    ApiException e = assertThrows(ApiException.class,
        () -> client.send(ApiRequest.post("books").body(new Book("a", "b")), Book.class));
    assertEquals(503, e.status());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void okHttpNeverResendsAPostAfter503WithRetryAfter() {
    client.close();
    client = builder().retryOptions(RetryOptions.none()).build();
    server.enqueue(new MockResponse.Builder().code(503).addHeader("Retry-After", "0").build());
    server.enqueue(json(200, BOOK));
    ApiException e = assertThrows(ApiException.class,
        () -> client.send(ApiRequest.post("books").body(new Book("a", "b")), Book.class));
    assertEquals(503, e.status());
    assertEquals(1, server.getRequestCount(), "with retries off, OkHttp did not send it again");
    assertEquals("0", e.headers().get("Retry-After"), "the header the server sent is kept");
  }
}
