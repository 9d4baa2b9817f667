package io.restsdk.examples;

import java.util.List;

/**
 * The outcome of a {@link Tour}: every step in order, with counts.
 *
 * <pre>{@code
 * TourResult result = Tour.run(TourOptions.fake(), System.out);
 * System.exit(result.failed() == 0 ? 0 : 1);
 * }</pre>
 *
 * @param steps the steps in the order they ran
 */
public record TourResult(List<StepResult> steps) {
  /** Copies {@code steps}. */
  public TourResult {
    steps = List.copyOf(steps);
  }

  /** The number of steps that behaved as the contract says. */
  public int passed() {
    return count(StepResult.Verdict.PASSED);
  }

  /** The number of steps that did not, or could not run. */
  public int failed() {
    return count(StepResult.Verdict.FAILED);
  }

  /** The number of steps the server could not be made to do. */
  public int skipped() {
    return count(StepResult.Verdict.SKIPPED);
  }

  /** The summary line: {@code 16 steps passed, 0 failed}, with the skipped ones if any. */
  public String summary() {
    return passed() + " steps passed, " + failed() + " failed"
        + (skipped() > 0 ? ", " + skipped() + " skipped" : "");
  }

  private int count(StepResult.Verdict verdict) {
    return (int) steps.stream().filter(s -> s.verdict() == verdict).count();
  }
}
