package io.restsdk.core;

import static java.util.Objects.requireNonNull;

/**
 * What an ETag cache entry is stored under: the absolute URL, the principal (a hash of the
 * client's cache partition, or else of the credentials the request was sent with; never the
 * credential itself), and the {@code Accept} header. Two tokens never share an entry.
 *
 * <pre>{@code
 * CacheKey key = new CacheKey("https://api.example.com/v1/books/42", "a1b2c3…", "application/json");
 * }</pre>
 *
 * @param url the absolute request URL
 * @param principal a hash identifying the partition or credential, or {@code anonymous}
 * @param accept the {@code Accept} header sent
 */
public record CacheKey(String url, String principal, String accept) {
  /** Checks that no part is null. */
  public CacheKey {
    requireNonNull(url, "url == null");
    requireNonNull(principal, "principal == null");
    requireNonNull(accept, "accept == null");
  }
}
