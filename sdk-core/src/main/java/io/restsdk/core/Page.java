package io.restsdk.core;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * One page of a collection: its items, the way to the next page and the totals the server sent.
 * Get the first with {@link Resource#list(Query)}, the next with {@link Resource#next(Page)}, or
 * let {@link Resource#stream(Query)} walk them all.
 *
 * <p>The next page is, in this order: a {@code Link: <…>; rel="next"} header (RFC 8288), a HAL
 * {@code _links.next}, or the field a {@link Paging} names. The items are a plain JSON array
 * body, the single array of a HAL {@code _embedded} (a HAL collection without
 * {@code _embedded} is an empty page, as Spring Data REST sends it), the single array-valued
 * property of a JSON object, or the array a {@link Paging#itemsAt(String)} names.
 *
 * <p>Immutable and thread-safe (as far as the item objects are).
 *
 * <pre>{@code
 * Page<Book> page = books.list(Query.of("size", "50"));
 * page.items().forEach(System.out::println);
 * page.totalElements().ifPresent(n -> System.out.println(n + " in all"));
 * Optional<Page<Book>> more = books.next(page);
 * }</pre>
 *
 * @param <T> the item type
 */
public final class Page<T> {
  private final List<T> items;
  private final List<Entity<T>> entities;
  private final Links links;
  private final Pages.Totals totals;
  private final @Nullable URI next;
  private final URI uri;
  private final @Nullable ETag etag;
  private final int status;
  private final Headers headers;
  private final boolean revalidated;
  /** The pages of this listing so far, for loop detection and the origin rule. */
  final Pages.Trail trail;

  Page(List<T> items, List<Entity<T>> entities, Links links, Pages.Totals totals,
      @Nullable URI next, Entity<?> from, Pages.Trail trail) {
    this.items = List.copyOf(items);
    this.entities = List.copyOf(entities);
    this.links = links;
    this.totals = totals;
    this.next = next;
    this.uri = from.location();
    this.etag = from.etag();
    this.status = from.status();
    this.headers = from.headers();
    this.revalidated = from.revalidated();
    this.trail = trail;
  }

  /** The items of this page, in the server's order (unmodifiable; empty for an empty page). */
  public List<T> items() {
    return items;
  }

  /**
   * The items as entities, one per item in the same order. A HAL item's {@code location} is its
   * {@code _links.self} and its links are its {@code _links}; any other item's location is
   * {@link #uri()}. An item's ETag is null (the page's ETag is the page's); its status, headers
   * and {@code revalidated} are the page's.
   */
  public List<Entity<T>> entities() {
    return entities;
  }

  /** The page's links: its {@code Link} headers, then a HAL body's {@code _links}. */
  public Links links() {
    return links;
  }

  /**
   * How many items the collection holds, when the server said: a HAL {@code page.totalElements}
   * (as Spring Data REST sends) or an {@code X-Total-Count} header.
   */
  public OptionalLong totalElements() {
    return totals.totalElements() == null ? OptionalLong.empty()
        : OptionalLong.of(totals.totalElements());
  }

  /** How many pages there are, when the server said ({@code page.totalPages}). */
  public OptionalInt totalPages() {
    return optional(totals.totalPages());
  }

  /** This page's number, when the server said ({@code page.number}; Spring counts from 0). */
  public OptionalInt number() {
    return optional(totals.number());
  }

  /** The page size the server used, when it said ({@code page.size}). */
  public OptionalInt size() {
    return optional(totals.size());
  }

  /** The URI of the next page; empty on the last page. */
  public Optional<URI> nextUri() {
    return Optional.ofNullable(next);
  }

  /** True when there is a next page. */
  public boolean hasNext() {
    return next != null;
  }

  /** The URL this page came from (after a redirect: where the body came from). */
  public URI uri() {
    return uri;
  }

  /** The page's ETag, when the server sent a valid one. */
  public @Nullable ETag etag() {
    return etag;
  }

  /** The HTTP status of the page (200, also after a 304 answered from the cache). */
  public int status() {
    return status;
  }

  /** The page's response headers (after a 304: the stored ones refreshed by the 304). */
  public Headers headers() {
    return headers;
  }

  /** True when the page came from the ETag cache after a 304. */
  public boolean revalidated() {
    return revalidated;
  }

  private static OptionalInt optional(@Nullable Integer n) {
    return n == null ? OptionalInt.empty() : OptionalInt.of(n);
  }

  @Override
  public String toString() {
    return "Page{" + items.size() + " items, "
        + io.restsdk.core.internal.UrlRedactor.redact(okhttp3.HttpUrl.get(uri))
        + (next == null ? ", last" : ", next=" + io.restsdk.core.internal.UrlRedactor.redact(
            okhttp3.HttpUrl.get(next)))
        + "}";
  }
}
