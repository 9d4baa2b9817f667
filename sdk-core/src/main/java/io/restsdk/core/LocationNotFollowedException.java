package io.restsdk.core;

import java.net.URI;

/**
 * A 201 whose {@code Location} points to another origin than the base URL, which the client was
 * not allowed to follow (see {@link RestClient.Builder#followCrossOriginLocation(boolean)}).
 * The resource was created; only reading it back was refused.
 *
 * <pre>{@code
 * try {
 *   books.create(book);
 * } catch (LocationNotFollowedException e) {
 *   URI created = e.location();
 * }
 * }</pre>
 */
public final class LocationNotFollowedException extends SdkException {
  private static final long serialVersionUID = 1L;
  private final URI location;

  LocationNotFollowedException(String message, URI location) {
    super(message);
    this.location = location;
  }

  /** The URI of the created resource. */
  public URI location() {
    return location;
  }
}
