package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.fail;

import io.restsdk.core.ApiException;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.DecodeException;
import io.restsdk.core.Entity;
import io.restsdk.core.SdkException;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/** What one call ended with: a value (possibly null for void operations) or a throwable. */
record Outcome(@Nullable Object value, @Nullable Throwable thrown) {

  static Outcome of(Supplier<?> call) {
    try {
      return new Outcome(call.get(), null);
    } catch (Path.Rethrown r) {
      return new Outcome(null, r.getCause());
    } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
      return new Outcome(null, e);
    }
  }

  boolean failed() {
    return thrown != null;
  }

  /** The status the outcome carries, or -1 when it has none (I/O failures, void results). */
  int status() {
    if (thrown instanceof ApiException a) return a.status();
    if (thrown instanceof DecodeException d) return d.status();
    if (value instanceof ApiResponse<?> r) return r.status();
    if (value instanceof Entity<?> e) return e.status();
    return -1;
  }

  /** A short description that two equivalent outcomes share, e.g. {@code NotFound 404}. */
  String kind() {
    Object o = thrown != null ? thrown : value;
    String name = o == null ? "void" : o.getClass().getSimpleName();
    return name + (status() < 0 ? "" : " " + status());
  }

  /**
   * Fails unless the outcome is documented: a value, or an {@link SdkException}; and no type of
   * Failsafe's, the library under the retry policies, is thrown or reachable from what is.
   */
  Outcome assertDocumented(String what) {
    if (thrown == null) return this;
    if (!(thrown instanceof SdkException)) {
      fail(what + ": undocumented " + thrown.getClass().getName() + ": " + thrown.getMessage(),
          thrown);
    }
    Throwable failsafe = Secrets.find(thrown, t -> t.getClass().getName().startsWith("dev.failsafe."));
    if (failsafe != null) {
      fail(what + ": a Failsafe type escapes the API: " + failsafe.getClass().getName()
          + " reachable from " + thrown.getClass().getName(), thrown);
    }
    return this;
  }

  @Override
  public String toString() {
    return thrown != null ? kind() + ": " + thrown.getMessage() : kind();
  }
}
