package io.restsdk.etag.redis;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.opentest4j.TestAbortedException;

/**
 * The class needs a real Redis ({@link RedisServer}). Without {@code redis-server} on the PATH
 * it fails under {@code CI=true} and is skipped elsewhere, saying so on the console either way.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(RequiresRedis.Check.class)
@interface RequiresRedis {
  /** Fails or skips the class when there is no redis-server. */
  final class Check implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) {
      RedisServer.unavailable().ifPresent(reason -> {
        String where = context.getDisplayName();
        if (RedisServer.inCi()) {
          throw new IllegalStateException("CI=true and " + reason + ": " + where
              + " must run in CI (.ci/run installs redis-server)");
        }
        System.out.println("[sdk-etag-redis] SKIPPED " + where + ": " + reason);
        throw new TestAbortedException(reason);
      });
      RedisServer.shared();
    }
  }
}
