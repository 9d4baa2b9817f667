package io.restsdk.core;

import io.restsdk.core.internal.ReasonPhrases;
import io.restsdk.core.internal.RetryAfter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A response whose status the contract counts as a failure. The hierarchy is sealed: a switch
 * over it is exhaustive, and one {@code catch (ApiException e)} catches every failing status.
 *
 * <p>Messages read {@code PUT https://api.example.com/v1/books/42 → 412 Precondition Failed: …}
 * with the server's {@code message} appended when it sent one; URLs have secret-looking query
 * parameters redacted; no token, cookie or request body is ever included.
 *
 * <pre>{@code
 * try {
 *   books.delete("7");
 * } catch (ApiException e) {
 *   String what = switch (e) {
 *     case ApiException.NotFound nf -> "already gone";
 *     case ApiException.Conflict c -> "still referenced: " + c.error().map(ApiError::message).orElse("");
 *     default -> e.getMessage();
 *   };
 * }
 * }</pre>
 */
public abstract sealed class ApiException extends SdkException
    permits ApiException.BadRequest,
        ApiException.Unauthorized,
        ApiException.Forbidden,
        ApiException.NotFound,
        ApiException.Conflict,
        ApiException.PreconditionFailed,
        ApiException.InternalServerError,
        ApiException.TooManyRequests,
        ApiException.ServiceUnavailable,
        ApiException.Other,
        ApiException.ContractViolation {
  private static final long serialVersionUID = 1L;

  private final String method;
  private final String url;
  private final int status;
  private final transient Headers headers;
  private final @Nullable ApiError error;
  private final @Nullable String errorBody;

  ApiException(Failure f, String detail) {
    super(message(f, detail));
    this.method = f.method();
    this.url = f.url();
    this.status = f.status();
    this.headers = f.headers();
    this.error = f.error();
    this.errorBody = f.body();
  }

  private static String message(Failure f, String detail) {
    StringBuilder sb = new StringBuilder()
        .append(f.method()).append(' ').append(f.url())
        .append(" → ").append(f.status()).append(' ').append(ReasonPhrases.of(f.status()));
    if (!detail.isEmpty()) sb.append(": ").append(detail);
    else if (f.error() != null && !f.error().message().isEmpty()) {
      sb.append(": ").append(f.error().message());
    }
    return sb.toString();
  }

  /** The request method, e.g. {@code PUT}. */
  public String method() {
    return method;
  }

  /** The request URL with secret-looking query parameters redacted. */
  public String url() {
    return url;
  }

  /** The HTTP status code. */
  public int status() {
    return status;
  }

  /** The response headers. */
  public Headers headers() {
    return headers;
  }

  /** The error the server described in the body, when the body was JSON. */
  public Optional<ApiError> error() {
    return Optional.ofNullable(error);
  }

  /**
   * The response body as text, capped (see {@link RestClient.Builder#maxErrorBodyBytes(int)}),
   * when the server sent one; for diagnostics only.
   */
  public Optional<String> errorBody() {
    return Optional.ofNullable(errorBody);
  }

  /** True for statuses the contract lets a retry policy try again (429, 502, 503, 504, and 500). */
  public boolean isRetryable() {
    return status == 429 || status == 500 || status == 502 || status == 503 || status == 504;
  }

  /** The parts of a failed response an {@link ApiException} is built from. */
  record Failure(
      String method, String url, int status, Headers headers,
      @Nullable ApiError error, @Nullable String body) {}

  /** 400: the request was malformed; {@link #error()} holds the server's description if any. */
  public static final class BadRequest extends ApiException {
    private static final long serialVersionUID = 1L;

    BadRequest(Failure f) {
      super(f, "");
    }
  }

  /** 401: the token was missing, invalid or expired. */
  public static final class Unauthorized extends ApiException {
    private static final long serialVersionUID = 1L;

    Unauthorized(Failure f) {
      super(f, "");
    }
  }

  /** 403: the caller may not do this to this resource; never retried. */
  public static final class Forbidden extends ApiException {
    private static final long serialVersionUID = 1L;

    Forbidden(Failure f) {
      super(f, "");
    }
  }

  /** 404: no such resource; the client evicted its cached copy. */
  public static final class NotFound extends ApiException {
    private static final long serialVersionUID = 1L;

    NotFound(Failure f) {
      super(f, "");
    }
  }

  /** 409: a referential-integrity or uniqueness violation; never retried blindly. */
  public static final class Conflict extends ApiException {
    private static final long serialVersionUID = 1L;

    Conflict(Failure f) {
      super(f, "");
    }
  }

  /**
   * 412: an {@code If-Match} precondition failed, so someone else changed the resource; the
   * client evicted its stale cached copy.
   */
  public static sealed class PreconditionFailed extends ApiException permits AlreadyExists {
    private static final long serialVersionUID = 1L;
    private final @Nullable ETag sentEtag;

    PreconditionFailed(Failure f, @Nullable ETag sentEtag) {
      this(f, sentEtag, "");
    }

    private PreconditionFailed(Failure f, @Nullable ETag sentEtag, String detail) {
      super(f, detail);
      this.sentEtag = sentEtag;
    }

    /** The {@code If-Match} entity tag the request carried, when it carried exactly one. */
    public Optional<ETag> sentEtag() {
      return Optional.ofNullable(sentEtag);
    }
  }

  /**
   * 412 to a create-if-absent ({@code If-None-Match: *}, as {@link Resource#createIfAbsent}
   * sends): the item already exists, and was not written. The client's cached copy of it, if
   * any, is kept: the 412 says nothing about whether that copy is current. A
   * {@code catch (PreconditionFailed e)} catches it too.
   *
   * <pre>{@code
   * try {
   *   books.createIfAbsent("isbn-9780441013593", dune);
   * } catch (ApiException.AlreadyExists e) {
   *   log.info(e.getMessage()); // PUT https://…/books/isbn-9780441013593 → 412 Precondition
   * }                           // Failed: already exists (the PUT sent If-None-Match: *) …
   * }</pre>
   */
  public static final class AlreadyExists extends PreconditionFailed {
    private static final long serialVersionUID = 1L;

    AlreadyExists(Failure f) {
      super(f, null, detail(f));
    }

    private static String detail(Failure f) {
      String what = "already exists (the " + f.method() + " sent If-None-Match: *, which writes"
          + " only an item that does not exist yet); nothing was written";
      String server = f.error() == null ? "" : f.error().message();
      return server.isEmpty() ? what : what + "; " + server;
    }
  }

  /** 500: an unexpected server failure, with the server's sanitized error. */
  public static final class InternalServerError extends ApiException {
    private static final long serialVersionUID = 1L;

    InternalServerError(Failure f) {
      super(f, "");
    }
  }

  /**
   * 429: the server is limiting this client's rate and did not process the request, so the
   * client retries it whatever its method, waiting what {@link #retryAfter()} asks when that
   * fits the retry budget (see {@link RetryOptions}); when it does not, the call gives up at once
   * with this exception, whose message says when the server takes calls again.
   *
   * <pre>{@code
   * catch (ApiException.TooManyRequests e) {
   *   e.retryAt().ifPresent(at -> scheduler.resumeAt(at));
   * }
   * }</pre>
   */
  public static final class TooManyRequests extends ApiException {
    private static final long serialVersionUID = 1L;
    private final RetryHint hint;

    TooManyRequests(Failure f) {
      this(f, RetryHint.of(f.headers()));
    }

    private TooManyRequests(Failure f, RetryHint hint) {
      super(f, hint.detail(f));
      this.hint = hint;
    }

    /**
     * How long the server asked the client to wait ({@code Retry-After}, seconds or a date,
     * measured from the response's {@code Date}); empty when it sent no valid one. A value too
     * large to mean anything reads as about 31,700 years.
     */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(hint.delay);
    }

    /** When the server takes calls again, by its {@code Retry-After}; empty without one. */
    public Optional<Instant> retryAt() {
      return Optional.ofNullable(hint.at);
    }
  }

  /**
   * 503: the server is overloaded or down for maintenance. Retried for idempotent requests and
   * those with an {@code Idempotency-Key}; with a {@code Retry-After} the server also said it
   * did not process the request, so any request is retried, waiting what {@link #retryAfter()}
   * asks when that fits the retry budget (see {@link RetryOptions}), else the call gives up at
   * once with this exception, whose message says when the server takes calls again.
   *
   * <pre>{@code
   * catch (ApiException.ServiceUnavailable e) {
   *   log.warn(e.getMessage()); // "… → 503 Service Unavailable: retry after 3600 s (at …)"
   * }
   * }</pre>
   */
  public static final class ServiceUnavailable extends ApiException {
    private static final long serialVersionUID = 1L;
    private final RetryHint hint;

    ServiceUnavailable(Failure f) {
      this(f, RetryHint.of(f.headers()));
    }

    private ServiceUnavailable(Failure f, RetryHint hint) {
      super(f, hint.detail(f));
      this.hint = hint;
    }

    /**
     * How long the server asked the client to wait ({@code Retry-After}, seconds or a date,
     * measured from the response's {@code Date}); empty when it sent no valid one. A value too
     * large to mean anything reads as about 31,700 years.
     */
    public Optional<Duration> retryAfter() {
      return Optional.ofNullable(hint.delay);
    }

    /** When the server takes calls again, by its {@code Retry-After}; empty without one. */
    public Optional<Instant> retryAt() {
      return Optional.ofNullable(hint.at);
    }
  }

  /** A response's {@code Retry-After}, read once when the exception is made. */
  private record RetryHint(@Nullable Duration delay, @Nullable Instant at)
      implements java.io.Serializable {
    static RetryHint of(Headers headers) {
      Optional<Duration> d;
      try {
        d = RetryAfter.parse(headers.get("Retry-After"), headers.get("Date"), Clock.systemUTC());
      } catch (RuntimeException e) {
        d = Optional.empty(); // a server's header never breaks the mapping
      }
      if (d.isEmpty()) return new RetryHint(null, null);
      Instant from = Instant.now();
      String date = headers.get("Date");
      if (date != null) {
        try {
          from = ZonedDateTime.parse(date.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException ignored) {
          // measured from now, as RetryAfter did
        }
      }
      return new RetryHint(d.get(), from.plus(d.get()));
    }

    /** The message detail: the server's message, then when it takes calls again. */
    String detail(Failure f) {
      String server = f.error() == null ? "" : f.error().message();
      if (delay == null) return server;
      String when = delay.compareTo(RetryAfter.FOREVER) >= 0
          ? "the server's Retry-After is beyond any retry budget"
          : "retry after " + delay.toSeconds() + " s (at " + at + ")";
      return server.isEmpty() ? when : server + "; " + when;
    }
  }

  /**
   * Any other failing status (e.g. 418, 502), and a status outside the contract (an
   * unfollowed 3xx); {@link #status()} tells which.
   */
  public static final class Other extends ApiException {
    private static final long serialVersionUID = 1L;

    Other(Failure f) {
      super(f, "");
    }
  }

  /**
   * The server broke the response-code contract.
   *
   * <p>Raised in every mode when the violation leaves the client unable to give what was asked
   * for: {@code Resource.create} (or a {@code send} in strict mode) answered 201 without a usable
   * {@code Location} (the message then says the request succeeded), {@code Resource.get}
   * answered 201 or by a bodiless 2xx, {@code Resource.create} answered 202 (accepted, not
   * created yet) or by a bodiless 2xx, a 304 to a request that sent no {@code If-None-Match}.
   * Raised only in {@link ContractMode#STRICT} (and logged otherwise) when the answer is still
   * usable: a body where the contract says there is none, a raw stack trace in an error body, a
   * {@code send} answered 201 without a usable {@code Location}.
   */
  public static final class ContractViolation extends ApiException {
    private static final long serialVersionUID = 1L;
    private final String violation;

    ContractViolation(Failure f, String violation) {
      super(f, "contract violation: " + violation);
      this.violation = violation;
    }

    /** What the server did wrong, e.g. {@code 201 without Location}. */
    public String violation() {
      return violation;
    }

    /** Never: a violation is surfaced to the caller, whatever its status. */
    @Override
    public boolean isRetryable() {
      return false;
    }
  }
}
