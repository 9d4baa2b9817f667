package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * A representation of a resource: its decoded body with the URI, {@code ETag}, status and
 * headers it came with.
 *
 * <p>Pass an entity back to {@link Resource#update(Entity)} to write with
 * {@code If-Match: etag}, so a concurrent change is reported as
 * {@link ApiException.PreconditionFailed} instead of being overwritten.
 *
 * <pre>{@code
 * Entity<Book> e = books.getEntity("42");
 * books.update(e.withBody(e.body().withTitle("New title")));
 * }</pre>
 *
 * @param body the decoded body ({@code null} only when the caller asked for {@code Void})
 * @param etag the entity tag, when the server sent a valid one
 * @param status the HTTP status of the response the body came from (200, or 200 after a 304),
 *     or 201 for a created resource read back from its {@code Location}
 * @param headers the response headers (after a 304: the stored headers refreshed by the 304)
 * @param location the URI of the resource (after a redirect: the URL the body came from)
 * @param revalidated true when the body came from the ETag cache after a 304
 * @param <T> the body type
 */
public record Entity<T>(
    T body, @Nullable ETag etag, int status, Headers headers, URI location, boolean revalidated) {

  /** Checks that headers and location are present. */
  public Entity {
    requireNonNull(headers, "headers == null");
    requireNonNull(location, "location == null");
  }

  /** This entity with another body: same location and ETag, for a conditional update. */
  public <U> Entity<U> withBody(U newBody) {
    requireNonNull(newBody, "newBody == null");
    return new Entity<>(newBody, etag, status, headers, location, revalidated);
  }
}
