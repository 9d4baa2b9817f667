package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * GET of a ~100 KB item revalidated with its ETag: a 304 every time after the first read, and
 * the kept body decoded. restsdk without its cache has no 304 path and is left out. {@code
 * restsdk_reuse} (built with {@code reuseDecodedBodies(true)}) and {@code okhttp_reuse} keep the
 * decoded item instead and skip the decode: the first is measured against the second.
 */
public class Revalidate100k extends Workload {
  @Param({"restsdk", "restsdk_defaults", "restsdk_reuse", "okhttp", "okhttp_reuse", "okhttp_cache", "retrofit",
      "jdk", "feign"})
  public String contender;

  @Override
  protected String contender() {
    return contender;
  }

  @Benchmark
  public Item run() {
    return client.revalidate(BenchServer.LARGE);
  }
}
