package io.restsdk.core;

import java.net.URI;

/**
 * A 201 Created whose resource was not read back: the resource <b>was</b> created (do not
 * create it again), {@link #location()} says where. Raised by {@link Resource#create},
 * {@link AsyncResource#create} and {@link RestClient#send} when they follow {@code Location},
 * either because
 *
 * <ul>
 *   <li>{@code Location} is on another origin than the base URL and the client does not follow
 *       those (see {@link RestClient.Builder#followCrossOriginLocation(boolean)}); there is no
 *       cause; or
 *   <li>the GET of {@code Location} failed (a 404 from a replica that lags behind, a 403, a 500,
 *       a timeout); {@link #getCause()} is that failure, an {@link SdkException}.
 * </ul>
 *
 * <pre>{@code
 * try {
 *   books.create(book);
 * } catch (LocationNotFollowedException e) {
 *   URI created = e.location(); // read it later, or hand it on
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

  LocationNotFollowedException(String message, URI location, SdkException cause) {
    super(message, cause);
    this.location = location;
  }

  /** The URI of the created resource. */
  public URI location() {
    return location;
  }
}
