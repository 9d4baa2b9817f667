package io.restsdk.gen;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Generation failed: the spec could not be read, parsed or resolved, or it uses something the
 * generator cannot express. Holds one {@link Problem} per cause, each with its location in the
 * spec; the message lists them all, so printing it explains the failure without a stack trace.
 *
 * <pre>{@code
 * try {
 *   Generation g = Generator.forPackage("com.acme.api").generate(Path.of("api.yaml"));
 * } catch (GenerationException e) {
 *   e.errors().forEach(p -> System.err.println(p));
 * }
 * }</pre>
 */
public final class GenerationException extends Exception {

  private static final long serialVersionUID = 1L;

  private final transient List<Problem> problems;

  /**
   * Creates the exception for problems of which at least one is an error.
   *
   * @param problems every problem found (errors and warnings), in the order found
   */
  public GenerationException(List<Problem> problems) {
    super(describe(problems));
    this.problems = List.copyOf(problems);
  }

  /** Every problem found, errors and warnings, in the order found. */
  public List<Problem> problems() {
    return problems;
  }

  /** Only the errors: the reasons generation failed. */
  public List<Problem> errors() {
    return problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).toList();
  }

  private static String describe(List<Problem> problems) {
    long errors = problems.stream().filter(p -> p.severity() == Problem.Severity.ERROR).count();
    return "the spec has " + errors + (errors == 1 ? " error" : " errors") + ":\n"
        + problems.stream().map(Problem::toString).collect(Collectors.joining("\n"));
  }
}
