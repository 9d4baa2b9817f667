package io.restsdk.testkit;

/**
 * How a {@link MockApiServer} renders items, collections and references; chosen with {@link
 * MockApiServer.Builder#style(ResponseStyle)}.
 *
 * <pre>{@code
 * MockApiServer hal = MockApiServer.builder()
 *     .style(ResponseStyle.HAL)
 *     .collection("books", c -> c.reference("author", "authors"))
 *     .build();
 * // GET /v1/books/1 -> {"title":..,"id":"1","_links":{"self":..,"book":..,"author":..}}
 * }</pre>
 */
public enum ResponseStyle {
  /**
   * Plain JSON (the default): an item is its stored document, a reference is a field holding the
   * target's URI, a collection is a JSON array. A collection is paged when the request names
   * {@code page} or {@code size} (or when {@link MockApiServer.Builder#defaultPageSize(int)} is
   * set): the page's items as an array, with an RFC 8288 {@code Link} header ({@code first},
   * {@code prev}, {@code self}, {@code next}, {@code last}) and {@code X-Total-Count}.
   */
  PLAIN_JSON,

  /**
   * HAL, as Spring Data REST sends it ({@code application/hal+json}): an item carries {@code
   * _links} ({@code self}, its singular relation such as {@code book}, and one link per declared
   * reference instead of the reference field); a collection is always paged, as {@code
   * {"_embedded":{"books":[..]},"_links":{..},"page":{..}}}, without {@code _embedded} when
   * empty.
   */
  HAL
}
