package io.restsdk.bench;

import io.restsdk.core.EtagCache;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import java.net.URI;

/**
 * restsdk as a user writes it: a {@link Resource} per collection. The ETag cache is on by
 * default; {@link #withoutCache} turns it off, and then {@link #revalidate} has no 304 path.
 */
final class RestSdkContender implements Contender {
  private final RestClient client;
  private final Resource<Item> items;
  private final boolean cache;

  private RestSdkContender(URI base, boolean cache) {
    RestClient.Builder b = RestClient.builder().baseUrl(base.toString());
    if (!cache) b.etagCache(EtagCache.disabled());
    this.client = b.build();
    this.items = client.resource("items", Item.class);
    this.cache = cache;
  }

  static RestSdkContender withCache(URI base) {
    return new RestSdkContender(base, true);
  }

  static RestSdkContender withoutCache(URI base) {
    return new RestSdkContender(base, false);
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
    return items.modify(id, x -> x.withStock(x.stock() + 1)); // GET, PUT If-Match
  }

  @Override
  public void close() {
    client.close();
  }
}
