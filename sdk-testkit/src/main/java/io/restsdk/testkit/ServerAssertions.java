package io.restsdk.testkit;

import java.util.List;

/**
 * Assertions over the traffic a {@link MockApiServer} recorded. Failures are {@link
 * AssertionError}s that list every request received. Paths are absolute ({@code /v1/books/1}) or
 * relative to the base URL ({@code books/1} or {@code /books/1}); {@link Faults#ANY} matches any
 * method or path.
 *
 * <pre>{@code
 * import static io.restsdk.testkit.ServerAssertions.assertThat;
 *
 * assertThat(server).received("PUT", "books/1").withHeader("If-Match", etag).once();
 * assertThat(server).received("GET", "books/1").withToken(server.readOnlyToken());
 * assertThat(server).didNotReceive("DELETE", Faults.ANY);
 * assertThat(server).hasReceived(3);
 * }</pre>
 */
public final class ServerAssertions {
  private final MockApiServer server;

  private ServerAssertions(MockApiServer server) {
    this.server = server;
  }

  /** Starts an assertion on the requests {@code server} has received so far. */
  public static ServerAssertions assertThat(MockApiServer server) {
    return new ServerAssertions(server);
  }

  /**
   * Asserts that at least one matching request was received and returns them for further checks.
   */
  public ReceivedCalls received(String method, String path) {
    List<RecordedCall> all = server.requests();
    String basePath = basePath();
    List<RecordedCall> matching = all.stream()
        .filter(call -> PathPattern.matches(normalize(method), path, call.method(), call.path(), basePath))
        .toList();
    String description = method + " " + path;
    if (matching.isEmpty()) {
      throw new AssertionError("Expected a request " + description + " but none was received." + ReceivedCalls.list(all));
    }
    return new ReceivedCalls(description, matching, all);
  }

  /** Asserts that no matching request was received. */
  public ServerAssertions didNotReceive(String method, String path) {
    List<RecordedCall> all = server.requests();
    String basePath = basePath();
    boolean any = all.stream()
        .anyMatch(call -> PathPattern.matches(normalize(method), path, call.method(), call.path(), basePath));
    if (any) {
      throw new AssertionError("Expected no request " + method + " " + path + "." + ReceivedCalls.list(all));
    }
    return this;
  }

  /** Asserts the total number of requests received. */
  public ServerAssertions hasReceived(int count) {
    List<RecordedCall> all = server.requests();
    if (all.size() != count) {
      throw new AssertionError("Expected " + count + " request(s) but received " + all.size() + "." + ReceivedCalls.list(all));
    }
    return this;
  }

  /** Asserts that the strict observer noticed no client mistake. */
  public ServerAssertions hasNoClientViolations() {
    server.assertNoClientViolations();
    return this;
  }

  private String basePath() {
    return server.url("").getRawPath();
  }

  private static String normalize(String method) {
    return method.equals(Faults.ANY) ? method : method.toUpperCase(java.util.Locale.ROOT);
  }
}
