package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/** As {@link Revalidate100k}, from 4 threads sharing one client and what it keeps. */
@Threads(4)
public class Revalidate100kThreads4 extends Workload {
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
