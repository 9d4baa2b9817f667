package io.restsdk.bench;

import io.restsdk.core.EtagCache;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryOptions;
import java.net.URI;

/**
 * restsdk as a user writes it: a {@link Resource} per collection. Three configurations:
 *
 * <ul>
 *   <li>{@link #withCache}: the ETag cache on (the default) and retries off, so that it does
 *       what the hand-written contenders do and nothing more;
 *   <li>{@link #withoutCache}: the cache off too; it then has no 304 path;
 *   <li>{@link #defaults}: every default, retries (3 attempts) included: what a user gets from
 *       {@code RestClient.builder().baseUrl(url).build()};
 *   <li>{@link #reusingDecoded}: as {@link #withCache}, with
 *       {@code reuseDecodedBodies(true)}: a 304 returns the item decoded from the 200 before it
 *       ({@link Item} is a record of immutable values), as {@code okhttp_reuse} does by hand.
 * </ul>
 */
final class RestSdkContender implements Contender {
  private final RestClient client;
  private final Resource<Item> items;
  private final boolean cache;

  private RestSdkContender(RestClient client, boolean cache) {
    this.client = client;
    this.items = client.resource("items", Item.class);
    this.cache = cache;
  }

  static RestSdkContender withCache(URI base) {
    return new RestSdkContender(RestClient.builder().baseUrl(base.toString())
        .retryOptions(RetryOptions.none())
        .build(), true);
  }

  static RestSdkContender withoutCache(URI base) {
    return new RestSdkContender(RestClient.builder().baseUrl(base.toString())
        .retryOptions(RetryOptions.none())
        .etagCache(EtagCache.disabled())
        .build(), false);
  }

  static RestSdkContender reusingDecoded(URI base) {
    return new RestSdkContender(RestClient.builder().baseUrl(base.toString())
        .retryOptions(RetryOptions.none())
        .reuseDecodedBodies(true)
        .build(), true);
  }

  static RestSdkContender defaults(URI base) {
    return new RestSdkContender(RestClient.builder().baseUrl(base.toString()).build(), true);
  }

  @Override
  public Item get(String id) {
    return items.get(id);
  }

  @Override
  public Item revalidate(String id) {
    if (!cache) {
      throw new UnsupportedOperationException("restsdk without its ETag cache does not revalidate");
    }
    return items.get(id); // the cache sends If-None-Match and answers the 304
  }

  @Override
  public Item create(Item item) {
    return items.create(item).body(); // POST → 201 → GET Location
  }

  @Override
  public Item modify(String id) {
    return items.modify(id, x -> x.withStock(x.stock() + 1)).body(); // GET, PUT If-Match
  }

  @Override
  public void close() {
    client.close();
  }
}
