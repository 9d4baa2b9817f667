package io.restsdk.etag.redis;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.time.Duration;
import java.util.UUID;

/** A plain connection to a test server, to look at and tamper with what the store wrote. */
final class Redis implements AutoCloseable {
  private final RedisClient client;
  private final StatefulRedisConnection<byte[], byte[]> connection;

  Redis(RedisServer server) {
    client = RedisClient.create(server.uri());
    connection = client.connect(ByteArrayCodec.INSTANCE);
  }

  RedisCommands<byte[], byte[]> sync() {
    return connection.sync();
  }

  static byte[] b(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  /** A prefix no other test uses, so tests share one server without seeing each other. */
  static String uniquePrefix() {
    return "{t-" + UUID.randomUUID() + "}:";
  }

  @Override
  public void close() {
    connection.close();
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
  }
}
