package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.Bulkhead;
import dev.failsafe.CircuitBreaker;
import dev.failsafe.Policy;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.CircuitOpenException;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.SdkException;
import io.restsdk.core.TransportException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The caller's own Failsafe policies: whatever they throw reaches the caller as an
 * {@link SdkException}, never as a Failsafe type; they cannot be mixed with the built-in ones.
 */
@Timeout(20)
class FailsafePoliciesTest extends RetryFixture {

  @SafeVarargs @SuppressWarnings("varargs") // the array is only copied into a List
  private RestClient withPolicies(Policy<Object>... policies) {
    return RestClient.builder().baseUrl(url("")).bearerToken(TOKEN).okHttpClient(ok)
        .retryListener(listener).failsafePolicies(policies).build();
  }

  private static void assertNoFailsafeType(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      assertFalse(c.getClass().getName().startsWith("dev.failsafe"), "Failsafe type in " + t);
      for (Throwable s : c.getSuppressed()) assertNoFailsafeType(s);
    }
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aFailsafeTimeoutIsATransportTimeout(boolean async) throws Exception {
    client.close();
    client = withPolicies(dev.failsafe.Timeout.of(Duration.ofMillis(100)));
    server.enqueue(new MockResponse.Builder().headersDelay(400, TimeUnit.MILLISECONDS)
        .body(BOOK).build());
    TransportException e = assertThrows(TransportException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(TransportException.Kind.TIMEOUT, e.kind());
    assertEquals("GET " + url("books/1") + ": timed out (the request may have reached the"
        + " server): a Failsafe Timeout policy ended the attempt", e.getMessage());
    assertNoFailsafeType(e);
    if (async) {
      assertTrue(callFailed.await(5, TimeUnit.SECONDS), "the OkHttp call was cancelled");
    }
  }

  private final CountDownLatch callFailed = new CountDownLatch(1);

  @Override
  protected void onCallFailed(okhttp3.Call call, java.io.IOException ioe) {
    callFailed.countDown();
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aFullBulkheadIsARejectedCall(boolean async) throws Exception {
    client.close();
    client = withPolicies(Bulkhead.of(1));
    CountDownLatch release = new CountDownLatch(1);
    CountDownLatch inFlight = new CountDownLatch(1);
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
        inFlight.countDown();
        release.await(10, TimeUnit.SECONDS);
        return json(200, BOOK);
      }
    });
    CompletableFuture<ApiResponse<Book>> first =
        client.sendAsync(ApiRequest.get("books/1"), Book.class);
    assertTrue(inFlight.await(5, TimeUnit.SECONDS));
    TransportException e = assertThrows(TransportException.class,
        () -> send(async, client, ApiRequest.get("books/2"), Book.class));
    release.countDown();
    assertEquals(TransportException.Kind.REJECTED, e.kind());
    assertFalse(e.mayHaveReachedServer());
    assertTrue(e.getMessage().startsWith("GET " + url("books/2") + ": rejected by the client's"
        + " policies (the request was not sent): refused by the Failsafe policies"
        + " (BulkheadFullException"), e.getMessage());
    assertNoFailsafeType(e);
    join(first);
    assertEquals(1, server.getRequestCount());
  }

  @ParameterizedTest(name = "async={0}")
  @ValueSource(booleans = {false, true})
  void aFailsafeCircuitBreakerIsACircuitOpenExceptionWithoutAFailsafeCause(boolean async) {
    client.close();
    CircuitBreaker<Object> breaker = CircuitBreaker.builder()
        .withDelay(Duration.ofMinutes(1)).build();
    breaker.open();
    client = withPolicies(breaker);
    CircuitOpenException e = assertThrows(CircuitOpenException.class,
        () -> send(async, client, ApiRequest.get("books/1"), Book.class));
    assertEquals(0, e.attempts());
    assertNoFailsafeType(e);
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void failsafePoliciesCannotBeMixedWithRetryOptionsOrACircuitBreaker() {
    String expected = "failsafePolicies replace retryOptions and circuitBreaker; set one or the"
        + " other (failsafePolicies() with no policies restores the built-in ones)";
    RestClient.Builder b = RestClient.builder().baseUrl(url(""))
        .failsafePolicies(Bulkhead.of(1));
    assertEquals(expected, assertThrows(IllegalStateException.class,
        () -> b.retryOptions(RetryOptions.none()).build()).getMessage());
    RestClient.Builder c = RestClient.builder().baseUrl(url(""))
        .circuitBreaker(3, Duration.ofSeconds(1)).failsafePolicies(Bulkhead.of(1));
    assertEquals(expected, assertThrows(IllegalStateException.class, c::build).getMessage());
    c.noCircuitBreaker().build().close();
    b.failsafePolicies().build().close();
  }
}
