package io.restsdk.core;

import io.restsdk.core.internal.UrlRedactor;
import java.lang.System.Logger.Level;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CancellationException;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.Request;
import org.jspecify.annotations.Nullable;

/**
 * A client's {@link CallListener}, as the request flow calls it: builds the events, computes a
 * call's outcome, masks credentials, and keeps a listener's exception from reaching the call.
 * A client without listeners has none (its field is null), so each event costs a null check.
 */
final class Observation {
  /** The route of a call made neither through a resource nor with a named route. */
  static final String NO_ROUTE = "none";

  private final CallListener listener;

  Observation(CallListener listener) {
    this.listener = listener;
  }

  /** The observation of {@code listeners}, or null when there are none. */
  static @Nullable Observation of(List<CallListener> listeners) {
    return listeners.isEmpty() ? null : new Observation(CallListener.all(listeners));
  }

  CallListener.Call start(String method, String route, HttpUrl url, boolean async) {
    CallListener.Call call = new CallListener.Call(method, route, url, async);
    safely(() -> listener.onCallStart(call));
    return call;
  }

  /** Builds the attempt of {@code hop} about to send {@code request} and tells the listener. */
  CallListener.Attempt attemptStart(CallListener.Call call, Exchange.Hop<?> hop, boolean first,
      Request request) {
    CallListener.AttemptKind kind = first ? hop.info().kind() : CallListener.AttemptKind.RETRY;
    CallListener.Attempt a = new CallListener.Attempt(call, call.nextAttempt(), kind,
        request.method(), hop.target().shownUrl(), hop.info().revalidating(),
        masked(request.headers(), hop.info().credentials()));
    call.current = a;
    safely(() -> listener.onAttemptStart(a));
    return a;
  }

  /** {@code request} with the headers listeners added to attempt {@code a}. */
  static Request decorate(CallListener.Attempt a, Request request) {
    List<String> added = a.added();
    if (added == null) return request;
    Request.Builder b = request.newBuilder();
    for (int i = 0; i < added.size(); i += 2) b.header(added.get(i), added.get(i + 1));
    return b.build();
  }

  /** Ends attempt {@code a} and tells the listener, unless it ended already. */
  void attemptEnd(CallListener.Attempt a, @Nullable Throwable failure) {
    if (a.status() == 0 && failure instanceof ApiException e) a.status(e.status());
    if (a.end(failure)) safely(() -> listener.onAttemptEnd(a));
  }

  /**
   * Ends the call's attempt still open with {@code failure}, so that it ends before the retry,
   * give-up or call end that follows from it: on the async path the attempt's own completion
   * may be told later (or never, when the deadline cut it short).
   */
  private void closeCurrent(CallListener.Call call, @Nullable Throwable failure) {
    CallListener.Attempt open = call.current;
    if (open != null) attemptEnd(open, failure == null ? null : Exchange.unwrap(failure));
  }

  void retry(CallListener.Call call, RetryListener.RetryEvent event) {
    closeCurrent(call, event.failure());
    safely(() -> listener.onRetry(call, event));
  }

  void giveUp(CallListener.Call call, RetryListener.GiveUpEvent event) {
    closeCurrent(call, event.failure());
    safely(() -> listener.onGiveUp(call, event));
  }

  void breaker(CallListener.BreakerState from, CallListener.BreakerState to) {
    safely(() -> listener.onBreakerStateChange(from, to));
  }

  void cache(CallListener.CacheEventKind kind, EtagCache cache) {
    EtagCache.Stats stats = cache.stats();
    safely(() -> listener.onCacheEvent(kind, stats));
  }

  /** Ends {@code call} with {@code value} (an {@link ApiResponse}) or {@code failure}. */
  void end(CallListener.Call call, @Nullable Object value, @Nullable Throwable failure) {
    closeCurrent(call, failure);
    if (failure != null) {
      Throwable t = Exchange.unwrap(failure);
      call.end(outcome(t), t instanceof ApiException a ? a.status() : 0, t);
      if (t instanceof TransportException te
          && te.kind() == TransportException.Kind.DEADLINE_EXCEEDED) {
        safely(() -> listener.onDeadlineExceeded(call));
      }
    } else if (value instanceof ApiResponse.Ok<?> ok) {
      boolean cached = ok.entity().revalidated();
      call.end(cached ? "NOT_MODIFIED_FROM_CACHE" : "OK",
          cached ? 304 : ok.entity().status(), null);
    } else if (value instanceof ApiResponse.Created<?> c) {
      call.end("CREATED", c.status(), null);
    } else if (value instanceof ApiResponse.NoContent<?> n) {
      call.end("NO_CONTENT", n.status(), null);
    } else if (value instanceof ApiResponse.NotModified<?> n) {
      call.end("NOT_MODIFIED", n.status(), null);
    } else {
      call.end("OK", 0, null);
    }
    safely(() -> listener.onCallEnd(call));
  }

  /** A failure's outcome name: the ApiException's or exception's kind, the transport kind. */
  static String outcome(Throwable t) {
    if (t instanceof TransportException te) return te.kind().name();
    if (t instanceof CancellationException) return "CANCELLED";
    String name = t.getClass().getSimpleName();
    if (name.endsWith("Exception") && name.length() > "Exception".length()) {
      name = name.substring(0, name.length() - "Exception".length());
    }
    StringBuilder out = new StringBuilder(name.length() + 4);
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      if (i > 0 && Character.isUpperCase(ch)) out.append('_');
      out.append(Character.toUpperCase(ch));
    }
    return out.toString();
  }

  /**
   * {@code headers} with every credential's value replaced: {@code Authorization},
   * {@code Proxy-Authorization}, {@code Cookie}, the request's credential headers, and names
   * that look secret ({@link UrlRedactor#isSecretName}).
   */
  static Headers masked(Headers headers, Set<String> credentials) {
    Headers.Builder b = new Headers.Builder();
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i);
      b.addUnsafeNonAscii(name, isCredential(name, credentials) ? Scrubber.REDACTED
          : headers.value(i));
    }
    return b.build();
  }

  private static boolean isCredential(String name, Set<String> credentials) {
    String n = name.toLowerCase(Locale.ROOT);
    return OriginPolicy.isCredential(name, credentials) || n.equals("authorization")
        || n.equals("proxy-authorization") || n.equals("cookie")
        || UrlRedactor.isSecretName(n) && !n.equals("idempotency-key");
  }

  private static void safely(Runnable call) {
    try {
      call.run();
    } catch (RuntimeException e) {
      RestClient.LOG.log(Level.WARNING, "CallListener threw; ignored", e);
    }
  }

  /** Several listeners, called in turn; see {@link CallListener#all}. */
  static final class Composite implements CallListener {
    private final List<CallListener> listeners;

    Composite(List<CallListener> listeners) {
      this.listeners = listeners;
    }

    @Override
    public void onCallStart(Call call) {
      for (CallListener l : listeners) safely(() -> l.onCallStart(call));
    }

    @Override
    public void onAttemptStart(Attempt attempt) {
      for (CallListener l : listeners) safely(() -> l.onAttemptStart(attempt));
    }

    @Override
    public void onAttemptEnd(Attempt attempt) {
      for (CallListener l : listeners) safely(() -> l.onAttemptEnd(attempt));
    }

    @Override
    public void onRetry(Call call, RetryListener.RetryEvent event) {
      for (CallListener l : listeners) safely(() -> l.onRetry(call, event));
    }

    @Override
    public void onGiveUp(Call call, RetryListener.GiveUpEvent event) {
      for (CallListener l : listeners) safely(() -> l.onGiveUp(call, event));
    }

    @Override
    public void onDeadlineExceeded(Call call) {
      for (CallListener l : listeners) safely(() -> l.onDeadlineExceeded(call));
    }

    @Override
    public void onCallEnd(Call call) {
      for (CallListener l : listeners) safely(() -> l.onCallEnd(call));
    }

    @Override
    public void onBreakerStateChange(BreakerState from, BreakerState to) {
      for (CallListener l : listeners) safely(() -> l.onBreakerStateChange(from, to));
    }

    @Override
    public void onCacheEvent(CacheEventKind kind, EtagCache.Stats stats) {
      for (CallListener l : listeners) safely(() -> l.onCacheEvent(kind, stats));
    }
  }
}
