package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;

/**
 * POST of a ~1 KB item (201 with {@code Location}), then GET of the Location (200), decoded:
 * two requests per operation for every contender.
 */
public class CreateFollow extends Workload {
  @Param({"restsdk", "restsdk_nocache", "restsdk_defaults", "okhttp", "okhttp_cache", "retrofit",
      "jdk", "feign"})
  public String contender;

  private Item payload;

  @Override
  protected String contender() {
    return contender;
  }

  @Override
  protected void prepare() {
    payload = Item.sample("new", Item.SMALL_PARTS);
  }

  @Benchmark
  public Item run() {
    return client.create(payload);
  }
}
