package io.restsdk.testkit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * One page of a collection, as asked for by the {@code page} (zero-based) and {@code size} query
 * parameters, Spring Data's names; and the navigation links of that page. Other query parameters
 * are kept in the links, unchanged.
 */
final class PageRequest {
  static final String PAGE = "page";
  static final String SIZE = "size";

  final int number;
  final int size;
  private final HttpUrl url;

  private PageRequest(int number, int size, HttpUrl url) {
    this.number = number;
    this.size = size;
    this.url = url;
  }

  /**
   * The page a collection GET asks for, or {@code null} when it asks for the whole collection (a
   * plain-JSON GET without {@code page} and {@code size}, on a server without a default page size).
   *
   * @throws ApiHandler.BadRequest when {@code page} or {@code size} is not a number in range
   */
  static @Nullable PageRequest of(HttpUrl url, ServerOptions options) throws ApiHandler.BadRequest {
    String page = url.queryParameter(PAGE);
    String size = url.queryParameter(SIZE);
    if (page == null && size == null && !options.hal() && options.defaultPageSize() == 0) {
      return null;
    }
    int number = page == null ? 0 : parse(PAGE, page, 0, Integer.MAX_VALUE);
    int pageSize = size == null ? options.effectiveDefaultSize() : parse(SIZE, size, 1, options.maxPageSize());
    return new PageRequest(number, pageSize, url);
  }

  private static int parse(String name, String value, int min, int max) throws ApiHandler.BadRequest {
    long parsed;
    try {
      parsed = Long.parseLong(value.trim());
    } catch (NumberFormatException e) {
      throw new ApiHandler.BadRequest(
          "The query parameter '" + name + "' must be a whole number from " + min + " to " + max + ", was '" + value + "'");
    }
    if (parsed < min || parsed > max) {
      throw new ApiHandler.BadRequest(
          "The query parameter '" + name + "' must be from " + min + " to " + max + ", was " + parsed);
    }
    return (int) parsed;
  }

  /** The items of this page out of all of them, in order. */
  <T> List<T> slice(List<T> all) {
    long from = Math.min((long) number * size, all.size());
    long to = Math.min(from + size, all.size());
    return new ArrayList<>(all.subList((int) from, (int) to));
  }

  /** How many pages {@code total} items make. */
  int totalPages(int total) {
    return (int) ((total + (long) size - 1) / size);
  }

  /**
   * The navigation links, in Spring's order and by Spring's rule: {@code first} and {@code last}
   * only when there is a previous or a next page, {@code prev} when this is not page 0, {@code
   * next} when a later page has items, {@code self} always.
   */
  Map<String, HttpUrl> links(int total) {
    int pages = totalPages(total);
    boolean hasPrevious = number > 0;
    boolean hasNext = number + 1 < pages;
    Map<String, HttpUrl> links = new LinkedHashMap<>();
    if (hasPrevious || hasNext) {
      links.put("first", pageUrl(0));
    }
    if (hasPrevious) {
      links.put("prev", pageUrl(number - 1));
    }
    links.put("self", pageUrl(number));
    if (hasNext) {
      links.put("next", pageUrl(number + 1));
    }
    if (hasPrevious || hasNext) {
      links.put("last", pageUrl(Math.max(pages - 1, 0)));
    }
    return links;
  }

  /** The links as one RFC 8288 {@code Link} header value. */
  String linkHeader(int total) {
    StringBuilder header = new StringBuilder();
    links(total).forEach((rel, href) -> {
      if (header.length() > 0) {
        header.append(", ");
      }
      header.append('<').append(href).append(">; rel=\"").append(rel).append('"');
    });
    return header.toString();
  }

  /** The ETag of this page of a collection at a revision; it changes whenever the collection does. */
  String etag(CollectionState collection) {
    return "\"c" + collection.revision + "-p" + number + "-s" + size + "\"";
  }

  private HttpUrl pageUrl(int page) {
    return url.newBuilder()
        .removeAllQueryParameters(PAGE)
        .removeAllQueryParameters(SIZE)
        .addQueryParameter(PAGE, Integer.toString(page))
        .addQueryParameter(SIZE, Integer.toString(size))
        .build();
  }
}
