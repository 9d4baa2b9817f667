package io.restsdk.etag.redis;

import io.restsdk.core.EtagStore;
import io.restsdk.core.internal.InMemoryEtagStore;

/** The contract against sdk-core's in-memory store: the reference the Redis store matches. */
class InMemoryStoreContractTest extends EtagStoreContract {
  @Override
  EtagStore create(long maxBytes) {
    return new InMemoryEtagStore(maxBytes);
  }
}
