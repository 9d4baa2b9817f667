package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.List;
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
 * @param links the response's hypermedia links: its {@code Link} headers and, for a HAL body,
 *     its {@code _links} (see {@link Links})
 * @param <T> the body type
 */
public record Entity<T>(T body, @Nullable ETag etag, int status, Headers headers, URI location,
    boolean revalidated, Links links) {

  /** Checks that headers, location and links are present. */
  public Entity {
    requireNonNull(headers, "headers == null");
    requireNonNull(location, "location == null");
    requireNonNull(links, "links == null");
  }

  /** An entity without links. */
  public Entity(@Nullable T body, @Nullable ETag etag, int status, Headers headers, URI location,
      boolean revalidated) {
    this(body, etag, status, headers, location, revalidated, Links.empty());
  }

  /**
   * The URI of the resource: its {@code self} link when the body or headers have one, otherwise
   * {@link #location()}.
   */
  public URI uri() {
    return links.href("self").orElse(location);
  }

  /**
   * The resource's id as the server names it: the last path segment of {@link #uri()},
   * percent-decoded, e.g. {@code "42"} for {@code https://api.example.com/books/42}. Pass it to
   * {@link Resource#get(String)} and the other operations by id.
   *
   * @throws IllegalStateException if the URI's path has no non-empty last segment (e.g. the
   *     resource is the server's root)
   */
  public String id() {
    okhttp3.HttpUrl url = okhttp3.HttpUrl.get(uri());
    List<String> segments = url.pathSegments();
    String last = segments.isEmpty() ? "" : segments.get(segments.size() - 1);
    if (last.isEmpty()) {
      throw new IllegalStateException("the URI has no last path segment to be an id: "
          + io.restsdk.core.internal.UrlRedactor.redact(url));
    }
    return last;
  }

  /** This entity with another body: same location, ETag and links, for a conditional update. */
  public <U> Entity<U> withBody(U newBody) {
    requireNonNull(newBody, "newBody == null");
    return new Entity<>(newBody, etag, status, headers, location, revalidated, links);
  }
}
