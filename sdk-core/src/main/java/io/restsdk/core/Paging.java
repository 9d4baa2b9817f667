package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.Json;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a collection's pages keep their items and the way to the next page, for the servers
 * whose pages say so in the body rather than in a {@code Link} header or HAL {@code _links}.
 * Give it to a resource with {@link Resource#withPaging(Paging)}.
 *
 * <p>Whatever the configuration, the next page is found in this order: a {@code Link} header
 * with {@code rel="next"} (RFC 8288); a HAL {@code _links.next}; then the field configured here
 * ({@link #nextLinkAt} or {@link #cursorAt}). Items are, in this order: at {@link #itemsAt} when
 * it is set; the body itself when it is a JSON array; the single array in a HAL
 * {@code _embedded}; the single array-valued property of a JSON object.
 *
 * <p>Places are JSON pointers (RFC 6901): {@code "/data"}, {@code "/links/next"}, {@code ""}
 * for the body itself. Immutable and thread-safe.
 *
 * <pre>{@code
 * // {"data":[...], "next_cursor":"abc"} → GET books?cursor=abc
 * Resource<Book> books = client.resource("books", Book.class)
 *     .withPaging(Paging.cursorAt("/next_cursor", "cursor").withItemsAt("/data"));
 * // {"results":[...], "links":{"next":"/v1/books?page=3"}}
 * Resource<Book> others = client.resource("books", Book.class)
 *     .withPaging(Paging.nextLinkAt("/links/next").withItemsAt("/results"));
 * }</pre>
 */
public final class Paging {
  private static final Paging DEFAULTS = new Paging(null, null, null, null);

  private final @Nullable String items;
  private final @Nullable String nextLink;
  private final @Nullable String cursor;
  private final @Nullable String cursorParam;

  private Paging(@Nullable String items, @Nullable String nextLink, @Nullable String cursor,
      @Nullable String cursorParam) {
    this.items = items;
    this.nextLink = nextLink;
    this.cursor = cursor;
    this.cursorParam = cursorParam;
  }

  /**
   * The defaults: items are the body's array, HAL {@code _embedded}'s single array, or the
   * single array-valued property of an object; the next page only from a {@code Link} header or
   * HAL {@code _links.next}.
   */
  public static Paging defaults() {
    return DEFAULTS;
  }

  /**
   * Items are the array at {@code pointer}; the next page as by default.
   *
   * @throws IllegalArgumentException if {@code pointer} is not a JSON pointer
   */
  public static Paging itemsAt(String pointer) {
    return DEFAULTS.withItemsAt(pointer);
  }

  /**
   * The next page's URL, absolute or relative to the page's, is the string at {@code pointer};
   * a missing, {@code null} or empty value means this is the last page.
   *
   * @throws IllegalArgumentException if {@code pointer} is not a JSON pointer
   */
  public static Paging nextLinkAt(String pointer) {
    return DEFAULTS.withNextLinkAt(pointer);
  }

  /**
   * The next page is the same list URL with the query parameter {@code param} set to the token
   * (string or number) at {@code pointer}, e.g. {@code cursorAt("/next_cursor", "cursor")}; a
   * missing, {@code null} or empty token means this is the last page.
   *
   * @throws IllegalArgumentException if {@code pointer} is not a JSON pointer or {@code param}
   *     is empty
   */
  public static Paging cursorAt(String pointer, String param) {
    return DEFAULTS.withCursorAt(pointer, param);
  }

  /** This configuration with items at {@code pointer}; see {@link #itemsAt(String)}. */
  public Paging withItemsAt(String pointer) {
    return new Paging(check(pointer), nextLink, cursor, cursorParam);
  }

  /**
   * This configuration with the next page's URL at {@code pointer} (replacing a cursor); see
   * {@link #nextLinkAt(String)}.
   */
  public Paging withNextLinkAt(String pointer) {
    return new Paging(items, check(pointer), null, null);
  }

  /**
   * This configuration with a cursor at {@code pointer} sent as {@code param} (replacing a next
   * link); see {@link #cursorAt(String, String)}.
   */
  public Paging withCursorAt(String pointer, String param) {
    requireNonNull(param, "param == null");
    if (param.isBlank()) throw new IllegalArgumentException("cursor query parameter is blank");
    return new Paging(items, null, check(pointer), param);
  }

  /** The JSON pointer of the items, if set. */
  public @Nullable String items() {
    return items;
  }

  /** The JSON pointer of the next page's URL, if set. */
  public @Nullable String nextLink() {
    return nextLink;
  }

  /** The JSON pointer of the cursor token, if set. */
  public @Nullable String cursor() {
    return cursor;
  }

  /** The query parameter that carries the cursor token, if a cursor is set. */
  public @Nullable String cursorParam() {
    return cursorParam;
  }

  private static String check(String pointer) {
    requireNonNull(pointer, "pointer == null");
    String problem = Json.pointerProblem(pointer);
    if (problem != null) {
      throw new IllegalArgumentException("not a JSON pointer (RFC 6901, e.g. \"/data\"): "
          + pointer + ": it " + problem);
    }
    return pointer;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Paging p && Objects.equals(items, p.items)
        && Objects.equals(nextLink, p.nextLink) && Objects.equals(cursor, p.cursor)
        && Objects.equals(cursorParam, p.cursorParam);
  }

  @Override
  public int hashCode() {
    return Objects.hash(items, nextLink, cursor, cursorParam);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Paging{");
    if (items != null) sb.append("items=").append(items).append(' ');
    if (nextLink != null) sb.append("nextLink=").append(nextLink).append(' ');
    if (cursor != null) sb.append("cursor=").append(cursor).append("→").append(cursorParam);
    String s = sb.toString().trim();
    return (s.equals("Paging{") ? "Paging{defaults" : s) + "}";
  }
}
