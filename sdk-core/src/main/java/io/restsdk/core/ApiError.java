package io.restsdk.core;

import static java.util.Objects.requireNonNull;

/**
 * The error a server described in a 4xx or 5xx body: {@code {"code","type","message"}}.
 *
 * <p>Parsed from the contract's shape, from RFC 9457 problem details ({@code status},
 * {@code title}, {@code detail}) and from any JSON object with a {@code message}; parts the
 * server left out are filled from the status code.
 *
 * <pre>{@code
 * try {
 *   books.create(book);
 * } catch (ApiException.BadRequest e) {
 *   e.error().ifPresent(err -> log(err.code() + " " + err.message()));
 * }
 * }</pre>
 *
 * @param code the server's error code (the HTTP status when the body had none)
 * @param type a short error type, e.g. {@code Bad Request}
 * @param message what went wrong, as the server put it
 */
public record ApiError(int code, String type, String message) {
  /** Checks that no part is null. */
  public ApiError {
    requireNonNull(type, "type == null");
    requireNonNull(message, "message == null");
  }
}
