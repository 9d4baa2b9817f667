package io.restsdk.testkit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;

/** The recorded requests: a full history and a queue for {@link MockApiServer#takeRequest()}. */
final class Traffic {
  private final List<RecordedCall> history = new ArrayList<>();
  private final BlockingQueue<RecordedCall> queue = new LinkedBlockingQueue<>();

  synchronized void add(RecordedCall call) {
    history.add(call);
    queue.add(call);
  }

  synchronized List<RecordedCall> all() {
    return List.copyOf(history);
  }

  synchronized void clear() {
    history.clear();
    queue.clear();
  }

  @Nullable RecordedCall poll(Duration timeout) throws InterruptedException {
    return queue.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }
}
