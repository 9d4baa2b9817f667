package io.restsdk.core;

/**
 * A codec the cross-codec suites run under (see {@link TestCodecs}): sdk-core's own tests run
 * them with Jackson 2; sdk-jackson3's tests run the same classes with Jackson 3.
 */
public interface TestCodec {
  /** What the test reports show, e.g. "jackson2". */
  String name();

  /** A codec over a plain mapper of that library. */
  BodyCodec codec();

  /** A codec over a mapper that fails on unknown properties (the SDK must ignore them anyway). */
  BodyCodec strict();

  /** The library's own JSON tree for {@code json} (an ObjectNode for an object). */
  Object tree(String json);
}
