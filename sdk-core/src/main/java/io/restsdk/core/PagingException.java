package io.restsdk.core;

/**
 * The next page of a list was not fetched: its link leads back to a page of the same listing
 * (a server bug that would otherwise page forever), or to another origin where the client does
 * not go. Never retried; the pages before it were delivered.
 *
 * <p>The message names the redacted URL of the page and of the next one, never a credential.
 *
 * <pre>{@code
 * try {
 *   books.stream().forEach(this::index);
 * } catch (PagingException e) {
 *   if (e.reason() == PagingException.Reason.LOOP) log.warn(e.getMessage());
 * }
 * }</pre>
 */
public final class PagingException extends SdkException {
  private static final long serialVersionUID = 1L;

  /** Why the next page was not fetched. */
  public enum Reason {
    /** The next link (or cursor) leads to a page this listing already fetched. */
    LOOP,
    /**
     * The next link leads to another origin and the client does not follow those (see
     * {@link RestClient.Builder#followCrossOriginRedirects(boolean)}).
     */
    CROSS_ORIGIN
  }

  private final Reason reason;
  private final String url;
  private final String next;

  PagingException(Reason reason, String url, String next, String detail) {
    super("page " + url + ": next page " + next + " not fetched: " + detail);
    this.reason = reason;
    this.url = url;
    this.next = next;
  }

  /** Why the next page was not fetched. */
  public Reason reason() {
    return reason;
  }

  /** The redacted URL of the page whose next link was refused. */
  public String url() {
    return url;
  }

  /** The redacted URL of the next page that was not fetched. */
  public String next() {
    return next;
  }
}
