package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.fail;

import io.restsdk.core.ApiException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/** Renders what a caller or an operator can see of a failure, and looks for secrets in it. */
final class Secrets {
  private Secrets() {}

  /**
   * Everything shown of {@code o}: {@code toString()}, and for a throwable its stack trace (which
   * prints causes and suppressed exceptions, each with message and {@code toString()}) and an
   * {@link ApiException}'s URL, error and error body.
   */
  static String render(@Nullable Object o) {
    StringBuilder sb = new StringBuilder(String.valueOf(o));
    if (o instanceof Throwable t) {
      StringWriter w = new StringWriter();
      t.printStackTrace(new PrintWriter(w));
      sb.append('\n').append(w);
      visit(t, x -> {
        sb.append('\n').append(x.getMessage()).append('\n').append(x.getLocalizedMessage());
        if (x instanceof ApiException api) {
          sb.append('\n').append(api.url()).append(api.error().map(Object::toString).orElse(""))
              .append(api.errorBody().orElse(""));
        }
        return false;
      });
    }
    return sb.toString();
  }

  static void assertAbsent(Iterable<String> secrets, String where, String text) {
    for (String s : secrets) {
      if (text.contains(s)) fail("the credential " + s + " shows in " + where + ":\n" + text);
    }
  }

  /** The first throwable in {@code t}'s causes and suppressed exceptions (t included) matching. */
  static @Nullable Throwable find(Throwable t, Predicate<Throwable> p) {
    Throwable[] found = {null};
    visit(t, x -> {
      if (p.test(x)) {
        found[0] = x;
        return true;
      }
      return false;
    });
    return found[0];
  }

  /** Visits t, its causes and suppressed exceptions, each once; stops when f says so. */
  private static boolean visit(Throwable t, Predicate<Throwable> f) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    return visit(t, f, seen);
  }

  private static boolean visit(@Nullable Throwable t, Predicate<Throwable> f, Set<Throwable> seen) {
    if (t == null || !seen.add(t)) return false;
    if (f.test(t)) return true;
    for (Throwable s : t.getSuppressed()) {
      if (visit(s, f, seen)) return true;
    }
    return visit(t.getCause(), f, seen);
  }
}
