package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * GET of a ~100 KB item revalidated with its ETag: a 304 every time after the first read, and
 * the kept body decoded. restsdk without its cache has no 304 path and is left out; {@code
 * okhttp_reuse} keeps the decoded item instead and skips the decode, for reference.
 */
public class Revalidate100k extends Workload {
  @Param({"restsdk", "restsdk_defaults", "okhttp", "okhttp_reuse", "okhttp_cache", "retrofit",
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
