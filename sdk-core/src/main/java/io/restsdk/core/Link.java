package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One hypermedia link: a relation name and the absolute URI it points to, from an RFC 8288
 * {@code Link} header or a HAL {@code _links} object (see {@link Links}).
 *
 * <pre>{@code
 * Link author = book.links().get("author").orElseThrow();
 * Author a = client.get(author.href(), Author.class);
 * }</pre>
 *
 * @param rel the relation, e.g. {@code next}, {@code self}, {@code author} (lower-cased when it
 *     is a registered relation name, as RFC 8288 compares those case-insensitively)
 * @param href the target, resolved against the URL of the response the link came with
 * @param templated true for a HAL link whose {@code href} is a URI template (RFC 6570), e.g.
 *     {@code .../books{?page,size}}: its {@code href} is the template with the
 *     {@code {...}} expressions removed
 * @param title the link's title, if it has one
 * @param type the media type hint, if it has one
 */
public record Link(String rel, URI href, boolean templated, @Nullable String title,
    @Nullable String type) {

  /** Checks that rel and href are present and rel is not blank. */
  public Link {
    requireNonNull(rel, "rel == null");
    requireNonNull(href, "href == null");
    if (rel.isBlank()) throw new IllegalArgumentException("rel is blank");
  }

  /** A plain link: not templated, no title, no type. */
  public static Link of(String rel, URI href) {
    return new Link(rel, href, false, null, null);
  }
}
