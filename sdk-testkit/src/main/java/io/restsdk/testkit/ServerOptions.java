package io.restsdk.testkit;

/**
 * The representation options of one server, fixed when it is built.
 *
 * @param style how items, collections and references are rendered
 * @param defaultPageSize the page size of a collection GET that names no {@code size}; 0 means
 *     that a plain-JSON GET without {@code page} and {@code size} returns the whole collection
 * @param maxPageSize the largest {@code size} accepted; larger ones are answered 400
 * @param createdWithBody whether a POST's 201 carries the created item as its body
 */
record ServerOptions(ResponseStyle style, int defaultPageSize, int maxPageSize, boolean createdWithBody) {
  /** Spring Data's default page size, used when a request pages without naming a size. */
  static final int SPRING_PAGE_SIZE = 20;

  static final ServerOptions DEFAULTS = new ServerOptions(ResponseStyle.PLAIN_JSON, 0, 1000, false);

  boolean hal() {
    return style == ResponseStyle.HAL;
  }

  /** The size of a page whose request names none. */
  int effectiveDefaultSize() {
    return defaultPageSize > 0 ? defaultPageSize : Math.min(SPRING_PAGE_SIZE, maxPageSize);
  }
}
