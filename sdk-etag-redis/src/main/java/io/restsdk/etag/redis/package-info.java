/**
 * An {@link io.restsdk.core.EtagStore} shared by a fleet of instances through Redis:
 * {@link io.restsdk.etag.redis.RedisEtagStore}.
 *
 * <pre>{@code
 * RedisEtagStore store = RedisEtagStore.builder("rediss://etag-cache.internal:6380").build();
 * RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .etagCache(EtagCache.using(store))
 *     .build();
 * }</pre>
 */
@NullMarked
package io.restsdk.etag.redis;

import org.jspecify.annotations.NullMarked;
