package io.restsdk.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.SocketEffect;
import org.jspecify.annotations.Nullable;

/**
 * Scripted misbehaviour of a {@link MockApiServer}: failures (statuses, dropped connections,
 * stalls, slow bodies) and deliberate contract violations. Each method scripts a fault for the
 * next {@code times} requests that match a method and a path, in the order the faults were
 * scripted; {@link #ANY} matches any method or path. Paths are absolute ({@code /v1/books/1}) or
 * relative to the base URL ({@code books/1}); a trailing {@code /*} matches everything below.
 *
 * <pre>{@code
 * Faults faults = server.faults();
 * faults.failNext(2, "GET", "books/1", 503).withRetryAfter("1");   // then the real response
 * faults.closeSocketBeforeResponse(1, "PUT", "books/1").afterProcessing();
 * faults.stall(1, Faults.ANY, "authors/*");
 * faults.createdWithoutLocation(1, "books");                       // a contract violation
 * }</pre>
 *
 * <p>This is the only class of the testkit that uses mockwebserver3's fault API ({@code
 * SocketEffect}, throttling, delays), so that changes to that API touch only this file.
 */
public final class Faults {
  /** Matches any method or any path. */
  public static final String ANY = "*";

  private static final String SCRIPTED_MESSAGE = "Scripted failure";

  private final List<ScriptedFault> scripted = new ArrayList<>();
  private final String basePath;

  Faults(String basePath) {
    this.basePath = basePath;
  }

  /**
   * Answers the next {@code times} matching requests with {@code status} instead of processing
   * them. Statuses that carry a body by contract get the sanitized {@code {code,type,message}}
   * body (a 500 never leaks internals); 204, 304, 401 and 404 get none.
   */
  public ScriptedFault failNext(int times, String method, String path, int status) {
    if (status < 200 || status > 599) {
      throw new IllegalArgumentException("Not a final status code: " + status);
    }
    return add(new ScriptedFault(ScriptedFault.Kind.STATUS, times, method, path, status, 0, Duration.ZERO));
  }

  /** Answers the next {@code times} requests, whatever they are, with {@code status}. */
  public ScriptedFault failNext(int times, int status) {
    return failNext(times, ANY, ANY, status);
  }

  /**
   * Closes the connection after reading the request and before sending any response byte; the
   * client sees an {@link java.io.IOException}. The request is not processed unless {@link
   * ScriptedFault#afterProcessing()} is called.
   */
  public ScriptedFault closeSocketBeforeResponse(int times, String method, String path) {
    return add(kind(ScriptedFault.Kind.CLOSE_BEFORE_RESPONSE, times, method, path));
  }

  /**
   * Processes the request, sends the headers and half of the body, then closes the connection.
   * A response without a body is sent whole and the connection is closed after it.
   */
  public ScriptedFault closeSocketMidBody(int times, String method, String path) {
    return add(kind(ScriptedFault.Kind.CLOSE_MID_BODY, times, method, path));
  }

  /**
   * Never answers: the connection stays open and silent until the client gives up (its read
   * timeout) or the server is closed. The request is not processed unless {@link
   * ScriptedFault#afterProcessing()} is called.
   */
  public ScriptedFault stall(int times, String method, String path) {
    return add(kind(ScriptedFault.Kind.STALL, times, method, path));
  }

  /** Sends the real response body at most {@code bytesPerPeriod} bytes per {@code period}. */
  public ScriptedFault throttle(int times, String method, String path, long bytesPerPeriod, Duration period) {
    if (bytesPerPeriod < 1 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("bytesPerPeriod and period must be positive");
    }
    return add(new ScriptedFault(
        ScriptedFault.Kind.THROTTLE, times, method, path, 0, bytesPerPeriod, period));
  }

  /** Waits {@code delay} before sending the real response's headers. */
  public ScriptedFault delay(int times, String method, String path, Duration delay) {
    if (delay.isNegative()) {
      throw new IllegalArgumentException("delay must not be negative");
    }
    return add(new ScriptedFault(ScriptedFault.Kind.DELAY, times, method, path, 0, 0, delay));
  }

  /** Contract violation: the next POSTs to {@code path} create the item but omit {@code Location}. */
  public ScriptedFault createdWithoutLocation(int times, String path) {
    return add(kind(ScriptedFault.Kind.CREATED_WITHOUT_LOCATION, times, "POST", path));
  }

  /**
   * Contract deviation: the next POSTs to {@code path} create the item and answer 201 with the
   * created item as body (what a GET of its {@code Location} answers), with {@code Location} and
   * {@code ETag}, as Spring Data REST does; in the server's {@link ResponseStyle}, with its
   * content type. sdk-core in lenient mode uses that body and skips the GET; in strict mode it is
   * a {@code ContractViolation} after the item was created. {@link
   * MockApiServer.Builder#createdWithBody(boolean)} does this for every POST.
   */
  public ScriptedFault createdWithBody(int times, String path) {
    return add(kind(ScriptedFault.Kind.CREATED_WITH_BODY, times, "POST", path));
  }

  /**
   * Contract violation: the next GETs of {@code path} answer 304 without an ETag, whether or not
   * the client sent {@code If-None-Match} with an ETag it had been given.
   */
  public ScriptedFault notModifiedWithoutEtag(int times, String path) {
    return add(kind(ScriptedFault.Kind.NOT_MODIFIED_WITHOUT_ETAG, times, "GET", path));
  }

  /**
   * Contract violation: the next matching requests get a 500 whose body is a raw Java stack trace
   * in {@code text/plain}, instead of the sanitized JSON error.
   */
  public ScriptedFault rawStackTrace(int times, String method, String path) {
    return add(kind(ScriptedFault.Kind.RAW_STACK_TRACE, times, method, path));
  }

  /** The faults that still have uses left, in matching order. */
  public synchronized List<ScriptedFault> pending() {
    scripted.removeIf(fault -> fault.remaining() == 0);
    return List.copyOf(scripted);
  }

  /** Removes every scripted fault. */
  public synchronized void clear() {
    scripted.clear();
  }

  private ScriptedFault kind(ScriptedFault.Kind kind, int times, String method, String path) {
    return new ScriptedFault(kind, times, method, path, 0, 0, Duration.ZERO);
  }

  private synchronized ScriptedFault add(ScriptedFault fault) {
    scripted.add(fault);
    return fault;
  }

  // ---- used by the dispatcher ----

  /** Finds and consumes the first fault matching the request, or returns {@code null}. */
  synchronized @Nullable ScriptedFault match(String method, String path) {
    Iterator<ScriptedFault> it = scripted.iterator();
    while (it.hasNext()) {
      ScriptedFault fault = it.next();
      if (fault.tryConsume(method, path, basePath)) {
        if (fault.remaining() == 0) {
          it.remove();
        }
        return fault;
      }
    }
    return null;
  }

  /** Whether the fault answers instead of the server, so that the request is not processed. */
  static boolean replacesProcessing(ScriptedFault fault) {
    return switch (fault.kind) {
      case STATUS, NOT_MODIFIED_WITHOUT_ETAG, RAW_STACK_TRACE -> true;
      case CLOSE_BEFORE_RESPONSE, STALL -> !fault.isAfterProcessing();
      default -> false;
    };
  }

  /** The reply of a fault that answers instead of the server. */
  static Reply replacement(ScriptedFault fault) {
    return switch (fault.kind) {
      case STATUS -> statusReply(fault);
      case NOT_MODIFIED_WITHOUT_ETAG -> Reply.noBody(304);
      case RAW_STACK_TRACE -> rawStackTraceReply();
      default -> Reply.noBody(0); // no response is sent at all
    };
  }

  /** The status that reaches the client, or 0 when the fault sends no response. */
  static int sentStatus(Reply reply, @Nullable ScriptedFault fault) {
    if (fault != null && (fault.kind == ScriptedFault.Kind.CLOSE_BEFORE_RESPONSE || fault.kind == ScriptedFault.Kind.STALL)) {
      return 0;
    }
    return reply.status;
  }

  /** Turns a reply into a mockwebserver3 response, applying the fault's wire-level effect. */
  static MockResponse toResponse(Reply reply, @Nullable ScriptedFault fault) {
    if (fault != null) {
      violateContract(reply, fault);
    }
    MockResponse.Builder builder = new MockResponse.Builder().code(reply.status == 0 ? 500 : reply.status);
    for (Map.Entry<String, String> header : reply.headers.entrySet()) {
      builder.setHeader(header.getKey(), header.getValue());
    }
    boolean hasBody = reply.body != null;
    if (reply.body != null) {
      builder.body(reply.body);
    }
    if (fault == null) {
      return builder.build();
    }
    switch (fault.kind) {
      case CLOSE_BEFORE_RESPONSE -> builder.onResponseStart(new SocketEffect.CloseSocket());
      case STALL -> builder.onResponseStart(SocketEffect.Stall.INSTANCE);
      case CLOSE_MID_BODY -> {
        if (hasBody) {
          builder.onResponseBody(new SocketEffect.CloseSocket());
        } else {
          builder.onResponseEnd(new SocketEffect.CloseSocket());
        }
      }
      case THROTTLE -> builder.throttleBody(fault.bytesPerPeriod, fault.duration.toNanos(), TimeUnit.NANOSECONDS);
      case DELAY -> builder.headersDelay(fault.duration.toNanos(), TimeUnit.NANOSECONDS);
      default -> {
        // status replacements and header-level violations need no socket effect
      }
    }
    return builder.build();
  }

  private static void violateContract(Reply reply, ScriptedFault fault) {
    if (reply.status != 201) {
      return;
    }
    if (fault.kind == ScriptedFault.Kind.CREATED_WITHOUT_LOCATION) {
      reply.headers.remove("Location");
    } else if (fault.kind == ScriptedFault.Kind.CREATED_WITH_BODY) {
      // The created item, as Spring Data REST and many others send it (with its ETag).
      String location = reply.headers.getOrDefault("Location", "");
      String id = location.substring(location.lastIndexOf('/') + 1);
      reply.body = reply.created != null ? reply.created : "{\"id\":\"" + id + "\"}";
      reply.headers.put("Content-Type", reply.createdType);
    }
  }

  private static Reply statusReply(ScriptedFault fault) {
    int status = fault.status;
    Reply reply = switch (status) {
      case 204, 304, 404 -> Reply.noBody(status);
      case 401 -> Reply.noBody(401).header("WWW-Authenticate", "Bearer");
      default -> Reply.error(status, SCRIPTED_MESSAGE);
    };
    String retryAfter = fault.retryAfter();
    if (retryAfter != null) {
      reply.header("Retry-After", retryAfter);
    }
    return reply;
  }

  private static Reply rawStackTraceReply() {
    String trace = "java.lang.NullPointerException: Cannot invoke \"String.length()\" because \"title\" is null\n"
        + "\tat com.example.api.BookService.validate(BookService.java:87)\n"
        + "\tat com.example.api.BookService.save(BookService.java:42)\n"
        + "\tat com.example.api.BookController.put(BookController.java:61)\n"
        + "\tat java.base/jdk.internal.reflect.DirectMethodHandleAccessor.invoke(DirectMethodHandleAccessor.java:103)\n"
        + "\tat java.base/java.lang.Thread.run(Thread.java:1583)\n";
    return Reply.noBody(500).header("Content-Type", "text/plain; charset=utf-8").withBody(trace);
  }
}
