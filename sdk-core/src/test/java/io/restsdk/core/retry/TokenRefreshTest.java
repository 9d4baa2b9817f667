package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.TokenProvider;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import mockwebserver3.MockResponse;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** After a 401 a refreshing provider is asked once and the request replayed once. */
@Timeout(20)
class TokenRefreshTest extends RetryFixture {
  final List<String> rejected = new CopyOnWriteArrayList<>();
  volatile String current = "old-token";

  final TokenProvider refreshing = new TokenProvider() {
    @Override
    public String token() {
      return current;
    }

    @Override
    public Optional<String> refresh(String rejectedToken) {
      rejected.add(rejectedToken);
      current = "new-token";
      return Optional.of(current);
    }
  };

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aRefreshedTokenIsUsedForOneReplay(boolean async) throws Exception {
    client.close();
    client = builder().tokenProvider(refreshing).build();
    server.enqueue(status(401));
    server.enqueue(json(200, BOOK));
    ApiResponse<Book> r = send(async, client,
        ApiRequest.post("books").body(new Book("a", "b")), Book.class);
    assertInstanceOf(ApiResponse.Ok.class, r);
    assertEquals(List.of("old-token"), rejected);
    assertEquals("Bearer old-token", take().getHeaders().get("Authorization"));
    assertEquals("Bearer new-token", take().getHeaders().get("Authorization"));
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aSecond401SurfacesUnauthorized(boolean async) {
    client.close();
    client = builder().tokenProvider(refreshing).build();
    server.enqueue(status(401));
    server.enqueue(status(401));
    ApiException.Unauthorized e = assertThrows(ApiException.Unauthorized.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(1, rejected.size());
    assertEquals(2, server.getRequestCount());
    assertEquals(2, e.attempts());
    assertEquals(1, e.getSuppressed().length);
  }

  @Test
  void asyncRefreshAndTokensNeverRunOnOkHttpsThreads() {
    List<String> threads = new CopyOnWriteArrayList<>();
    client.close();
    client = builder().tokenProvider(new TokenProvider() {
      @Override
      public String token() {
        threads.add("token() on " + Thread.currentThread().getName());
        return current;
      }

      @Override
      public Optional<String> refresh(String rejectedToken) {
        threads.add("refresh() on " + Thread.currentThread().getName());
        current = "new-token";
        return Optional.of(current);
      }
    }).build();
    server.enqueue(status(401));
    server.enqueue(new MockResponse.Builder().code(201).addHeader("Location", url("books/9"))
        .build());
    server.enqueue(json(200, BOOK));
    ApiResponse<Book> r = join(client.sendAsync(
        ApiRequest.post("books").body(new Book("a", "b")), Book.class));
    assertInstanceOf(ApiResponse.Created.class, r);
    assertEquals(3, server.getRequestCount());
    assertEquals(3, threads.size(), threads.toString()); // first token, refresh, Location's token
    for (String t : threads) assertFalse(t.contains("OkHttp"), t);
  }

  @Test
  void theAsyncPathAsksForARefreshWithRefreshAsync() throws Exception {
    client.close();
    client = builder().tokenProvider(new TokenProvider() {
      @Override
      public String token() {
        return current;
      }

      @Override
      public Optional<String> refresh(String rejectedToken) {
        throw new AssertionError("the async path must not block on refresh()");
      }

      @Override
      public CompletableFuture<Optional<String>> refreshAsync(String rejectedToken) {
        rejected.add(rejectedToken);
        return CompletableFuture.completedFuture(Optional.of("async-token"));
      }
    }).build();
    server.enqueue(status(401));
    server.enqueue(json(200, BOOK));
    join(client.sendAsync(ApiRequest.get("books/1"), Book.class));
    assertEquals(List.of("old-token"), rejected);
    assertEquals("Bearer old-token", take().getHeaders().get("Authorization"));
    assertEquals("Bearer async-token", take().getHeaders().get("Authorization"));
  }

  @Test
  void aFailedAsyncRefreshFailsTheCallWithItsOwnException() {
    client.close();
    client = builder().tokenProvider(new TokenProvider() {
      @Override
      public String token() {
        return current;
      }

      @Override
      public CompletableFuture<Optional<String>> refreshAsync(String rejectedToken) {
        return CompletableFuture.failedFuture(new IllegalStateException("vault down"));
      }
    }).build();
    server.enqueue(status(401));
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> join(client.sendAsync(ApiRequest.get("books/1"), Book.class)));
    assertEquals("vault down", e.getMessage());
    assertEquals(1, server.getRequestCount());
  }

  @Test
  void aProviderThatCannotRefreshMeansOneAttempt() {
    server.enqueue(status(401));
    ApiException.Unauthorized e = assertThrows(ApiException.Unauthorized.class,
        () -> client.send(ApiRequest.get("books/1"), Book.class));
    assertEquals(1, server.getRequestCount());
    assertEquals(1, e.attempts());
  }
}
