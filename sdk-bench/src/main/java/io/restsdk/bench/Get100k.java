package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * GET of a ~100 KB item whose ETag changes on every read: a 200 every time, for every
 * contender, including those that revalidate.
 */
public class Get100k extends Workload {
  @Param({"restsdk", "restsdk_nocache", "restsdk_defaults", "okhttp", "okhttp_cache", "retrofit",
      "jdk", "feign"})
  public String contender;

  @Override
  protected String contender() {
    return contender;
  }

  @Benchmark
  public Item run() {
    return client.get(BenchServer.LARGE_LIVE);
  }
}
