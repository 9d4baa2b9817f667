package io.restsdk.testkit;

/**
 * A mistake of the client that the strict observer noticed, e.g. a write without {@code If-Match}
 * to a resource the same token had read (a lost update waiting to happen).
 *
 * <pre>{@code
 * MockApiServer server = MockApiServer.builder().strictObserver(true).collection("books").build();
 * // ... run the code under test ...
 * for (ClientViolation v : server.clientViolations()) {
 *   System.out.println(v.rule() + ": " + v.message());
 * }
 * server.assertNoClientViolations();
 * }</pre>
 *
 * @param rule a short name of the rule, e.g. {@link #WRITE_WITHOUT_IF_MATCH}
 * @param method the method of the offending request
 * @param path the path of the offending request
 * @param message what went wrong, in words
 */
public record ClientViolation(String rule, String method, String path, String message) {
  /** A PUT, PATCH or DELETE without {@code If-Match} to a resource the client had read. */
  public static final String WRITE_WITHOUT_IF_MATCH = "write-without-if-match";

  @Override
  public String toString() {
    return rule + ": " + method + " " + path + ": " + message;
  }
}
