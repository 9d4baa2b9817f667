package io.restsdk.core;

import io.restsdk.core.internal.ReasonPhrases;
import org.jspecify.annotations.Nullable;

/**
 * A redirect (301, 302, 303, 307, 308) the client would not follow: too many in a row, a loop,
 * another origin where the client was told not to go there, a request body that would go to
 * another origin, or a {@code Location} that is no usable URL. See
 * {@link RestClient.Builder#followRedirects(boolean)} for the rules. Never retried.
 *
 * <p>The message names the method, the redacted URLs and the status, never a credential or a
 * request body.
 *
 * <pre>{@code
 * try {
 *   books.get("42");
 * } catch (RedirectException e) {
 *   if (e.reason() == RedirectException.Reason.LOOP) log.warn(e.getMessage());
 * }
 * }</pre>
 */
public final class RedirectException extends SdkException {
  private static final long serialVersionUID = 1L;

  /** Why a redirect was not followed. */
  public enum Reason {
    /** More redirects in a row than the client follows (see {@link RestClient.Builder#followRedirects}). */
    TOO_MANY,
    /** The redirect leads back to a URL this call already requested. */
    LOOP,
    /**
     * The redirect leads to another origin and the client does not follow those (see
     * {@link RestClient.Builder#followCrossOriginRedirects(boolean)}).
     */
    CROSS_ORIGIN,
    /** A 307 or 308 (or a 301/302 of a non-POST write) would re-send the body to another origin. */
    BODY_TO_OTHER_ORIGIN,
    /** The {@code Location} is missing, is no URI reference, or is not http(s). */
    INVALID_LOCATION
  }

  private final Reason reason;
  private final String method;
  private final String url;
  private final int status;
  private final @Nullable String location;

  RedirectException(Reason reason, String method, String url, int status,
      @Nullable String location, String detail) {
    super(method + " " + url + " → " + status + " " + ReasonPhrases.of(status)
        + (location == null ? "" : " to " + location) + ": redirect not followed: " + detail);
    this.reason = reason;
    this.method = method;
    this.url = url;
    this.status = status;
    this.location = location;
  }

  /** Why the redirect was not followed. */
  public Reason reason() {
    return reason;
  }

  /** The method of the request that was redirected. */
  public String method() {
    return method;
  }

  /** The redacted URL of the request that was redirected. */
  public String url() {
    return url;
  }

  /** The redirect's status, e.g. 302. */
  public int status() {
    return status;
  }

  /** The redacted URL the redirect pointed to; null when there was no usable one. */
  public @Nullable String location() {
    return location;
  }
}
