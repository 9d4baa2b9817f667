package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * Read-modify-write of a ~1 KB item: GET (200 with its ETag), one more in stock, PUT with
 * {@code If-Match} (204; the server bumps the version). Single-threaded, so no 412s: a 412
 * would fail the benchmark.
 */
public class Modify extends Workload {
  @Param({"restsdk", "restsdk_nocache", "restsdk_defaults", "okhttp", "okhttp_cache", "retrofit",
      "jdk", "feign"})
  public String contender;

  private String id;

  @Override
  protected String contender() {
    return contender;
  }

  @Override
  protected void prepare() {
    id = "m-" + contender.replace('_', '-');
  }

  @Benchmark
  public Item run() {
    return client.modify(id);
  }
}
