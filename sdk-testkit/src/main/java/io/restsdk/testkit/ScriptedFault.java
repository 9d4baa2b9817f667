package io.restsdk.testkit;

import java.time.Duration;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * One scripted fault, as returned by the methods of {@link Faults}: it applies to the next
 * {@code times} requests that match its method and path, then expires.
 *
 * <pre>{@code
 * ScriptedFault fault = server.faults().failNext(2, "GET", "books/1", 503).withRetryAfter("1");
 * // ... run the code under test ...
 * assertEquals(0, fault.remaining());
 * }</pre>
 */
public final class ScriptedFault {
  /** What the fault does; the wire-level part lives in {@link Faults}. */
  enum Kind {
    STATUS("status"),
    CLOSE_BEFORE_RESPONSE("close socket before response"),
    CLOSE_MID_BODY("close socket mid-body"),
    STALL("stall"),
    THROTTLE("throttle"),
    DELAY("delay"),
    CREATED_WITHOUT_LOCATION("201 without Location"),
    CREATED_WITH_BODY("201 with a body"),
    NOT_MODIFIED_WITHOUT_ETAG("304 without a prior ETag"),
    RAW_STACK_TRACE("500 with a raw stack trace");

    final String description;

    Kind(String description) {
      this.description = description;
    }
  }

  final Kind kind;
  final String method;
  final String path;
  final int status;
  final long bytesPerPeriod;
  final Duration duration;
  private int remaining;
  private int applied;
  private @Nullable String retryAfter;
  private boolean afterProcessing;

  ScriptedFault(Kind kind, int times, String method, String path, int status, long bytesPerPeriod, Duration duration) {
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, was " + times);
    }
    this.kind = kind;
    this.remaining = times;
    this.method = method.equals(Faults.ANY) ? Faults.ANY : method.toUpperCase(Locale.ROOT);
    this.path = path;
    this.status = status;
    this.bytesPerPeriod = bytesPerPeriod;
    this.duration = duration;
  }

  /**
   * Adds a {@code Retry-After} header (delay-seconds or an HTTP date) to the scripted response.
   * Only meaningful for {@link Faults#failNext(int, String, String, int)}.
   */
  public synchronized ScriptedFault withRetryAfter(String value) {
    this.retryAfter = value;
    return this;
  }

  /**
   * Lets the server process the request for real before the fault hits. For {@link
   * Faults#closeSocketBeforeResponse} and {@link Faults#stall} this models the hardest case for a
   * client: the write happened, but the client never learns it. By default those faults drop the
   * request unprocessed.
   */
  public synchronized ScriptedFault afterProcessing() {
    this.afterProcessing = true;
    return this;
  }

  /** How many more matching requests this fault will hit. */
  public synchronized int remaining() {
    return remaining;
  }

  /** How many requests this fault has hit so far. */
  public synchronized int applied() {
    return applied;
  }

  synchronized @Nullable String retryAfter() {
    return retryAfter;
  }

  synchronized boolean isAfterProcessing() {
    return afterProcessing;
  }

  /** Consumes one use if the request matches and uses are left. */
  synchronized boolean tryConsume(String requestMethod, String requestPath, String basePath) {
    if (remaining == 0 || !PathPattern.matches(method, path, requestMethod, requestPath, basePath)) {
      return false;
    }
    remaining--;
    applied++;
    return true;
  }

  /** A short description, used in {@link RecordedCall#fault()}. */
  String describe() {
    return switch (kind) {
      case STATUS -> "status " + status;
      case THROTTLE -> "throttle " + bytesPerPeriod + " bytes per " + duration.toMillis() + " ms";
      case DELAY -> "delay " + duration.toMillis() + " ms";
      default -> kind.description;
    };
  }

  @Override
  public synchronized String toString() {
    return describe() + " on " + method + " " + path + " (remaining " + remaining + ")";
  }
}
