package io.restsdk.etag.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AddLifecycleHook;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * Two principals on one Redis never see each other's entries, over random URLs, principals and
 * {@code Accept}s, through two instances (separate front caches) of one store.
 */
@AddLifecycleHook(IsolationPropertyTest.NeedsRedis.class)
class IsolationPropertyTest {
  private static @Nullable RedisEtagStore one;
  private static @Nullable RedisEtagStore two;

  @BeforeContainer
  static void stores() {
    if (RedisServer.unavailable().isPresent()) return;
    String prefix = Redis.uniquePrefix();
    one = RedisEtagStore.builder(RedisServer.shared().uri()).prefix(prefix)
        .timeout(Duration.ofSeconds(5)).build();
    two = RedisEtagStore.builder(RedisServer.shared().uri()).prefix(prefix)
        .timeout(Duration.ofSeconds(5)).build();
  }

  @AfterContainer
  static void close() {
    if (one != null) one.close();
    if (two != null) two.close();
  }

  @Provide
  Arbitrary<String> urls() {
    Arbitrary<String> segment = Arbitraries.strings().withCharRange('a', 'z').numeric()
        .withChars("-._~%").ofMinLength(1).ofMaxLength(12);
    return segment.list().ofMinSize(1).ofMaxSize(4)
        .map(parts -> "https://api.example.com/" + String.join("/", parts));
  }

  @Provide
  Arbitrary<String> principals() {
    return Arbitraries.oneOf(Arbitraries.strings().withCharRange('0', '9').withCharRange('a', 'f')
        .ofLength(8), Arbitraries.strings().all().ofMinLength(0).ofMaxLength(16),
        Arbitraries.of("anonymous"));
  }

  @Provide
  Arbitrary<String> accepts() {
    return Arbitraries.of("application/json", "application/hal+json", "*/*", "text/plain", "");
  }

  @Property
  void aPrincipalNeverReadsAnothersEntry(@ForAll("urls") String url,
      @ForAll("principals") String alice, @ForAll("principals") String bob,
      @ForAll("accepts") String accept, @ForAll("accepts") String otherAccept) {
    Assume.that(!alice.equals(bob));
    RedisEtagStore writer = one;
    RedisEtagStore reader = two;
    assertNotNull(writer);
    assertNotNull(reader);
    CacheKey aliceKey = new CacheKey(url, alice, accept);
    CacheKey bobKey = new CacheKey(url, bob, accept);
    CachedResponse a = entry("alice-" + Integer.toHexString(alice.hashCode()));
    writer.put(aliceKey, a);
    assertNull(reader.get(bobKey), "bob reads alice's entry");
    assertNull(writer.get(bobKey), "bob reads alice's entry from the front cache");
    assertNull(reader.get(new CacheKey(url, bob, otherAccept)));
    CachedResponse seen = reader.get(aliceKey);
    assertNotNull(seen, "alice reads her own entry");
    assertArrayEquals(a.body(), seen.body());

    CachedResponse b = entry("bob-" + Integer.toHexString(bob.hashCode()));
    reader.put(bobKey, b);
    CachedResponse aliceAgain = writer.get(aliceKey);
    CachedResponse bobAgain = reader.get(bobKey);
    assertNotNull(aliceAgain);
    assertNotNull(bobAgain);
    assertEquals(a.etag(), aliceAgain.etag());
    assertEquals(b.etag(), bobAgain.etag());
    writer.invalidate(url); // Redis and this instance's front cache
    reader.invalidate(url); // the other instance's front cache: each process has its own
  }

  private static CachedResponse entry(String tag) {
    return new CachedResponse(ETag.strong(tag), (tag + " only").getBytes(StandardCharsets.UTF_8),
        Headers.of("ETag", "\"" + tag + "\""));
  }

  /** Fails under CI=true without redis-server, skips with a message elsewhere. */
  static final class NeedsRedis implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
      var reason = RedisServer.unavailable();
      if (reason.isEmpty()) return SkipResult.doNotSkip();
      if (RedisServer.inCi()) {
        throw new IllegalStateException("CI=true and " + reason.get());
      }
      System.out.println("[sdk-etag-redis] SKIPPED " + context.label() + ": " + reason.get());
      return SkipResult.skip(reason.get());
    }
  }
}
