package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One step of the {@link Tour}: the request it sent, the statuses that came back, what the SDK
 * turned them into, and whether that is what the contract says.
 *
 * <pre>{@code
 * for (StepResult step : Tour.run(TourOptions.fake(), System.out).steps()) {
 *   if (step.verdict() == StepResult.Verdict.FAILED) System.err.println(step.line());
 * }
 * }</pre>
 *
 * @param label the step's number, e.g. {@code 3b}
 * @param method the request method
 * @param path the request path as sent, e.g. {@code /v1/books/1}
 * @param statuses the statuses the step's requests of that method got, in order (several when
 *     the SDK tried again; 0 when no answer came); empty when nothing was sent. Shown as
 *     {@code ---} for no answer, {@code 500×3} for the same status three times in a row
 * @param verdict passed, failed or skipped
 * @param outcome what the SDK made of it: the result type, ETag, revalidation, or the exception
 *     type and message; for a failed or skipped step, why
 */
public record StepResult(
    String label, String method, String path, List<Integer> statuses, Verdict verdict,
    String outcome) {

  /** Whether the step behaved as the contract says. */
  public enum Verdict {
    /** It did. */
    PASSED,
    /** It did not, or could not run. */
    FAILED,
    /** The server cannot be made to do it (no read-only token, no failing path). */
    SKIPPED
  }

  /** Checks that no part is null and copies {@code statuses}. */
  public StepResult {
    requireNonNull(label, "label == null");
    requireNonNull(method, "method == null");
    requireNonNull(path, "path == null");
    statuses = List.copyOf(statuses);
    requireNonNull(verdict, "verdict == null");
    requireNonNull(outcome, "outcome == null");
  }

  /**
   * The step as one aligned line, e.g.
   * {@code  3b. GET    /v1/books/1           → 304  Ok (revalidated from cache) etag="v4"}.
   */
  public String line() {
    String what = switch (verdict) {
      case PASSED -> outcome;
      case FAILED -> "✗ FAILED: " + outcome;
      case SKIPPED -> "skipped: " + outcome;
    };
    return String.format("%4s %-6s %-22s %-9s %s", label + ".", method, path, "→ " + shownStatuses(), what);
  }

  /** {@code 201}; {@code 412 204} for a modify; {@code 500×3} for three attempts in a row. */
  private String shownStatuses() {
    if (statuses.isEmpty()) return "---";
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < statuses.size(); ) {
      int run = 1;
      while (i + run < statuses.size() && statuses.get(i + run).equals(statuses.get(i))) run++;
      if (sb.length() > 0) sb.append(' ');
      sb.append(statuses.get(i) == 0 ? "---" : String.valueOf(statuses.get(i)));
      if (run > 1) sb.append('×').append(run);
      i += run;
    }
    return sb.toString();
  }
}
