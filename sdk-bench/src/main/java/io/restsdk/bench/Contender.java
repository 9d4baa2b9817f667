package io.restsdk.bench;

import java.net.URI;
import java.nio.file.Path;
import java.util.List;

/**
 * One client under test. Every contender does the same work per operation: send, check the
 * status (throwing on anything unexpected), decode the body into an {@link Item}.
 *
 * <p>Implementations are thread-safe: the 4-thread benchmarks share one instance, as an
 * application shares one client.
 */
interface Contender extends AutoCloseable {
  /** Every contender's name, as the benchmarks' {@code contender} parameter spells it. */
  List<String> NAMES = List.of("restsdk", "restsdk_nocache", "restsdk_defaults", "restsdk_reuse", "okhttp",
      "okhttp_reuse", "okhttp_cache", "okhttp_fastnumbers", "retrofit", "jdk", "feign");

  /** The baseline the ratios are taken against. */
  String BASELINE = "okhttp";

  /** {@code GET /items/{id}}: 200, decoded. */
  Item get(String id);

  /**
   * {@code GET /items/{id}} revalidating the copy kept from the last read: {@code If-None-Match}
   * with its tag, and on 304 the kept body decoded; on 200 the new body kept and decoded.
   */
  Item revalidate(String id);

  /** {@code POST /items} (201), then {@code GET} of its {@code Location} (200), decoded. */
  Item create(Item item);

  /** {@code GET /items/{id}}, one more in stock, {@code PUT} with {@code If-Match} (204). */
  Item modify(String id);

  @Override
  void close();

  /**
   * Opens the contender called {@code name} against the server at {@code base}.
   *
   * @param scratch a directory for contenders that keep files (OkHttp's disk cache)
   * @throws IllegalArgumentException for an unknown name
   */
  static Contender open(String name, URI base, Path scratch) {
    return switch (name) {
      case "restsdk" -> RestSdkContender.withCache(base);
      case "restsdk_nocache" -> RestSdkContender.withoutCache(base);
      case "restsdk_defaults" -> RestSdkContender.defaults(base);
      case "restsdk_reuse" -> RestSdkContender.reusingDecoded(base);
      case "okhttp" -> OkHttpContender.plain(base);
      case "okhttp_reuse" -> OkHttpContender.reusingDecoded(base);
      case "okhttp_cache" -> OkHttpContender.withDiskCache(base, scratch);
      case "okhttp_fastnumbers" -> OkHttpContender.fastNumbers(base);
      case "retrofit" -> new RetrofitContender(base);
      case "jdk" -> new JdkContender(base);
      case "feign" -> new FeignContender(base);
      default -> throw new IllegalArgumentException(
          "unknown contender " + name + "; one of " + NAMES);
    };
  }

  /** What a hand-written conditional GET keeps: the last tag and the body it came with. */
  record Kept(String etag, byte[] body) {}

  /** Thrown by every contender for a status it did not expect. */
  static IllegalStateException unexpected(String method, Object url, int status) {
    return new IllegalStateException(method + " " + url + " → unexpected " + status);
  }
}
