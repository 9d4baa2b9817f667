package io.restsdk.etag.redis;

import io.restsdk.core.EtagStore;
import java.time.Duration;

/** The contract against the Redis store with its in-process front cache, as it ships. */
@RequiresRedis
class RedisWithFrontContractTest extends EtagStoreContract {
  @Override
  EtagStore create(long maxBytes) {
    return RedisEtagStore.builder(RedisServer.shared().uri())
        .prefix(Redis.uniquePrefix())
        .maxBytes(maxBytes)
        .frontMaxBytes(32 * 1024)
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
