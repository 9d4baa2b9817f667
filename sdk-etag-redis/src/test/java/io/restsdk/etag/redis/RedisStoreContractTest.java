package io.restsdk.etag.redis;

import io.restsdk.core.EtagStore;
import java.time.Duration;

/**
 * The contract against the Redis store without its front cache: every call goes to the real
 * Redis server.
 */
@RequiresRedis
class RedisStoreContractTest extends EtagStoreContract {
  @Override
  EtagStore create(long maxBytes) {
    return RedisEtagStore.builder(RedisServer.shared().uri())
        .prefix(Redis.uniquePrefix())
        .maxBytes(maxBytes)
        .frontMaxBytes(0)
        .timeout(Duration.ofSeconds(5))
        .build();
  }
}
