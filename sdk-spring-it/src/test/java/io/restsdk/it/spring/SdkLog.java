package io.restsdk.it.spring;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** Collects what the SDK logs (its {@code System.Logger} goes to java.util.logging here). */
final class SdkLog extends Handler implements AutoCloseable {
  private static final Logger LOGGER = Logger.getLogger("io.restsdk.core");
  private final List<String> messages = new CopyOnWriteArrayList<>();

  static SdkLog capture() {
    SdkLog log = new SdkLog();
    LOGGER.setLevel(Level.ALL);
    LOGGER.addHandler(log);
    return log;
  }

  /** The messages logged at WARNING or above, in order. */
  List<String> warnings() {
    return List.copyOf(messages);
  }

  @Override
  public void publish(LogRecord record) {
    if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
      messages.add(record.getMessage());
    }
  }

  @Override
  public void flush() {}

  @Override
  public void close() {
    LOGGER.removeHandler(this);
  }
}
