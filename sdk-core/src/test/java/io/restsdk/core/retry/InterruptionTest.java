package io.restsdk.core.retry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.failsafe.RetryPolicy;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiRequest;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import io.restsdk.core.RetryListener.GiveUpReason;
import io.restsdk.core.RetryOptions;
import io.restsdk.core.TransportException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An interrupted thread ends its call at once with {@link TransportException.Kind#INTERRUPTED},
 * its interrupt flag set again, never retried, and never with a Failsafe exception.
 */
@Timeout(20)
class InterruptionTest extends RetryFixture {
  private final CountDownLatch retryScheduled = new CountDownLatch(1);
  private final AtomicReference<Throwable> thrown = new AtomicReference<>();
  private final AtomicBoolean flagAfter = new AtomicBoolean();

  /** Runs a GET on a new thread, interrupts it once a retry is scheduled, and waits for it. */
  private TransportException interruptedWhileWaitingToRetry(RestClient c) throws Exception {
    always(status(503));
    Thread caller = new Thread(() -> {
      try {
        c.send(ApiRequest.get("books/1"), Book.class);
      } catch (Throwable t) {
        thrown.set(t);
        flagAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    assertTrue(retryScheduled.await(5, TimeUnit.SECONDS), "a retry was scheduled");
    caller.interrupt();
    caller.join(5_000);
    assertTrue(flagAfter.get(), "the interrupt flag is set again");
    assertEquals(1, server.getRequestCount(), "never retried");
    TransportException e = assertInstanceOf(TransportException.class, thrown.get());
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind(), e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(503, assertInstanceOf(ApiException.class, e.getCause()).status());
    return e;
  }

  @Test
  void anInterruptDuringTheBackoffEndsTheCallAtOnce() throws Exception {
    client.close();
    client = builder()
        .retryOptions(RetryOptions.builder().backoff(Duration.ofSeconds(10), Duration.ofSeconds(10))
            .jitter(0).build())
        .retryListener(new RetryListener() {
          @Override
          public void onRetry(RetryEvent event) {
            retryScheduled.countDown();
          }

          @Override
          public void onGiveUp(GiveUpEvent event) {
            giveUps.add(event);
          }
        })
        .build();
    TransportException e = interruptedWhileWaitingToRetry(client);
    assertEquals("GET " + url("books/1") + ": interrupted (the request may have reached the"
        + " server): interrupted while waiting 10000 ms to retry", e.getMessage());
    assertEquals(1, giveUps.size());
    assertEquals(GiveUpReason.INTERRUPTED, giveUps.get(0).reason());
  }

  @Test
  void anInterruptFromInsideOnRetryEndsTheCallAsInterruptedWithoutAFailsafeType() {
    client.close();
    Thread caller = Thread.currentThread();
    client = builder()
        .retryListener(new RetryListener() {
          @Override
          public void onRetry(RetryEvent event) {
            retries.add(event);
            caller.interrupt(); // on the calling thread, before the wait for the retry starts
          }

          @Override
          public void onGiveUp(GiveUpEvent event) {
            giveUps.add(event);
          }
        })
        .build();
    always(status(503));
    TransportException e;
    try {
      e = org.junit.jupiter.api.Assertions.assertThrows(TransportException.class,
          () -> client.send(ApiRequest.get("books/1"), Book.class));
    } finally {
      flagAfter.set(Thread.interrupted());
    }
    assertTrue(flagAfter.get(), "the interrupt flag is set again");
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind(), e.getMessage());
    assertEquals(1, server.getRequestCount(), "never retried");
    assertEquals(1, retries.size());
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertTrue(!t.getClass().getName().startsWith("dev.failsafe."), t.toString());
    }
  }

  @Test
  void anAttemptWhoseThreadWasInterruptedIsNotRetried() throws Exception {
    client.close();
    client = builder().readTimeout(Duration.ofMillis(300)).build();
    server.enqueue(new MockResponse.Builder().onResponseStart(SocketEffect.Stall.INSTANCE).build());
    Thread caller = new Thread(() -> {
      try {
        client.send(ApiRequest.get("books/1"), Book.class);
      } catch (Throwable t) {
        thrown.set(t);
        flagAfter.set(Thread.currentThread().isInterrupted());
      }
    });
    caller.start();
    take(); // the attempt is in flight
    caller.interrupt();
    caller.join(5_000);
    assertTrue(flagAfter.get(), "the interrupt flag is set again");
    TransportException e = assertInstanceOf(TransportException.class, thrown.get());
    assertEquals(TransportException.Kind.INTERRUPTED, e.kind(), e.getMessage());
    assertEquals(1, e.attempts());
    assertEquals(1, server.getRequestCount(), "never retried");
    assertTrue(retries.isEmpty());
    assertEquals(GiveUpReason.INTERRUPTED, giveUps.get(0).reason());
  }

  @Test
  void anInterruptDuringAFailsafeRetryDelayEndsTheCallWithTheSdksException() throws Exception {
    client.close();
    RetryPolicy<Object> retry = RetryPolicy.builder()
        .handleIf(e -> e instanceof ApiException a && a.status() == 503)
        .withDelay(Duration.ofSeconds(10))
        .onRetryScheduled(event -> retryScheduled.countDown())
        .build();
    client = RestClient.builder().baseUrl(url("")).bearerToken(TOKEN).okHttpClient(ok)
        .retryListener(listener).failsafePolicies(retry).build();
    interruptedWhileWaitingToRetry(client);
    assertEquals(GiveUpReason.INTERRUPTED, giveUps.get(0).reason());
  }
}
