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
 * <p><b>Hypermedia.</b> {@link #links()} holds the response's links, read from its
 * {@code Link} headers (RFC 8288) and from its body: a HAL body's {@code _links} (any JSON body
 * that has them: {@code application/hal+json}, HAL-FORMS, plain {@code application/json}) or a
 * JSON:API body's {@code data.links}, relationships and top-level {@code links}. Header links
 * come first, so for a relation both give, {@link Links#get} returns the header's. Every
 * {@code href} is absolute, resolved against the URL the body came from. After a 304 the links
 * are those of the cached body and of the stored headers the 304 refreshed.
 * {@link Resource#follow(Entity, String, Class)} reads a link's target through the ETag cache.
 *
 * <p><b>Associations.</b> A HAL server such as Spring Data REST sends an association only as a
 * link, {@code "_links":{"author":{"href":".../authors/7"}}}, never as a property. A property of
 * the body type of type {@link URI} that the JSON object leaves out is filled with the
 * {@code href} of the link of the same JSON name (not {@code self}): absolute, a templated one
 * without its {@code {...}} expressions. A property the object does have, even {@code null}, is
 * left as sent; {@code String} properties are never filled, since a string that happens to share
 * a relation's name ({@code type}, {@code next}) is not a link. Written back, a {@code URI}
 * property is the linked resource's URI as a JSON string, which is how such servers take
 * associations on a write.
 *
 * <pre>{@code
 * record Book(String title, URI author) {}  // {"title":"Dune","_links":{"author":{"href":…}}}
 * Entity<Book> book = books.getEntity("42");
 * URI who = book.body().author();           // https://api.example.com/authors/7
 * Entity<Author> author = books.follow(book, "author", Author.class);
 * }</pre>
 *
 * @param body the decoded body ({@code null} only when the caller asked for {@code Void})
 * @param etag the entity tag, when the server sent a valid one
 * @param status the HTTP status of the response the body came from (200, or 200 after a 304),
 *     or 201 for a created resource read back from its {@code Location}
 * @param headers the response headers (after a 304: the stored headers refreshed by the 304)
 * @param location the URI of the resource (after a redirect: the URL the body came from)
 * @param revalidated true when the body came from the ETag cache after a 304
 * @param links the response's hypermedia links: its {@code Link} headers', then its body's
 *     (HAL {@code _links}, JSON:API {@code links}); see {@link Links}
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
