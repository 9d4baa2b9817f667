package io.restsdk.bench;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Threads;

/** As {@link Get1k}, from 4 threads sharing one client. */
@Threads(4)
public class Get1kThreads4 extends Workload {
  @Param({"restsdk", "restsdk_nocache", "restsdk_defaults", "okhttp", "okhttp_cache", "retrofit",
      "jdk", "feign"})
  public String contender;

  @Override
  protected String contender() {
    return contender;
  }

  @Benchmark
  public Item run() {
    return client.get(BenchServer.SMALL_LIVE);
  }
}
