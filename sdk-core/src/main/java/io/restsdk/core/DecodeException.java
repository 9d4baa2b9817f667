package io.restsdk.core;

import java.lang.reflect.Type;

/**
 * A successful response whose body could not be turned into the caller's type: malformed JSON,
 * JSON of another shape, a media type that is not JSON, or a body larger than the client's cap.
 *
 * <pre>{@code
 * try {
 *   books.get("42");
 * } catch (DecodeException e) {
 *   log.warn("status " + e.status() + ", wanted " + e.targetType().getTypeName());
 * }
 * }</pre>
 */
public final class DecodeException extends SdkException {
  private static final long serialVersionUID = 1L;
  private final String method;
  private final String url;
  private final int status;
  private final transient Type targetType;

  DecodeException(
      String method, String url, int status, Type targetType, String reason, Throwable cause) {
    super(message(method, url, status, targetType, reason), cause);
    this.method = method;
    this.url = url;
    this.status = status;
    this.targetType = plain(targetType);
  }

  DecodeException(String method, String url, int status, Type targetType, String reason) {
    super(message(method, url, status, targetType, reason));
    this.method = method;
    this.url = url;
    this.status = status;
    this.targetType = plain(targetType);
  }

  /** The type as the caller named it (a class, or the generic type of a TypeRef). */
  private static Type plain(Type t) {
    return t;
  }

  private static String message(
      String method, String url, int status, Type targetType, String reason) {
    return method + " " + url + " → " + status + " " + io.restsdk.core.internal.ReasonPhrases.of(status)
        + ": cannot decode the body as " + name(targetType) + ": " + reason;
  }

  private static String name(Type t) {
    return t.getTypeName();
  }

  /** The request method. */
  public String method() {
    return method;
  }

  /** The request URL, with secrets redacted. */
  public String url() {
    return url;
  }

  /** The HTTP status of the response whose body failed to decode. */
  public int status() {
    return status;
  }

  /** The type the caller asked for. */
  public Type targetType() {
    return targetType;
  }
}
