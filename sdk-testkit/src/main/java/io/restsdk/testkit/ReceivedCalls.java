package io.restsdk.testkit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The requests that matched {@link ServerAssertions#received(String, String)}; each {@code with...}
 * method narrows them down and fails when none is left.
 *
 * <pre>{@code
 * RecordedCall put = assertThat(server).received("PUT", "books/1")
 *     .withHeader("If-Match", etag)
 *     .withJsonBody("{\"title\":\"Dune\"}")
 *     .once()
 *     .last();
 * }</pre>
 */
public final class ReceivedCalls {
  private final String description;
  private final List<RecordedCall> matching;
  private final List<RecordedCall> all;

  ReceivedCalls(String description, List<RecordedCall> matching, List<RecordedCall> all) {
    this.description = description;
    this.matching = matching;
    this.all = all;
  }

  /** Keeps the requests that carry header {@code name} with exactly {@code value}. */
  public ReceivedCalls withHeader(String name, String value) {
    return narrow(name + ": " + value, call -> call.headers().getOrDefault(name, List.of()).contains(value));
  }

  /** Keeps the requests that carry header {@code name}, whatever its value. */
  public ReceivedCalls withHeader(String name) {
    return narrow("header " + name, call -> call.header(name) != null);
  }

  /** Keeps the requests that do not carry header {@code name}. */
  public ReceivedCalls withoutHeader(String name) {
    return narrow("no header " + name, call -> call.header(name) == null);
  }

  /** Keeps the requests sent with this bearer token. */
  public ReceivedCalls withToken(String token) {
    return narrow("token " + RecordedCall.redact(token), call -> token.equals(call.token()));
  }

  /** Keeps the requests answered with this status (0 for no response). */
  public ReceivedCalls withStatus(int status) {
    return narrow("status " + status, call -> call.status() == status);
  }

  /** Keeps the requests whose body is exactly {@code body}. */
  public ReceivedCalls withBody(String body) {
    return narrow("body " + body, call -> call.body().equals(body));
  }

  /** Keeps the requests whose body is JSON equal to {@code json} (ignoring formatting and key order). */
  public ReceivedCalls withJsonBody(String json) {
    JsonNode expected;
    try {
      expected = Json.parse(json);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("Not valid JSON: " + json, e);
    }
    return narrow("JSON body " + json, call -> {
      try {
        return expected.equals(Json.parse(call.body()));
      } catch (JsonProcessingException e) {
        return false;
      }
    });
  }

  /** Asserts that exactly {@code count} requests are left. */
  public ReceivedCalls times(int count) {
    if (matching.size() != count) {
      throw new AssertionError("Expected " + count + " request(s) " + description + " but found " + matching.size()
          + "." + list(all));
    }
    return this;
  }

  /** Asserts that exactly one request is left. */
  public ReceivedCalls once() {
    return times(1);
  }

  /** The requests left, oldest first. */
  public List<RecordedCall> calls() {
    return matching;
  }

  /** The most recent request left. */
  public RecordedCall last() {
    return matching.get(matching.size() - 1);
  }

  private ReceivedCalls narrow(String condition, Predicate<RecordedCall> predicate) {
    Objects.requireNonNull(condition);
    List<RecordedCall> kept = matching.stream().filter(predicate).toList();
    String narrowed = description + " with " + condition;
    if (kept.isEmpty()) {
      throw new AssertionError("Expected a request " + narrowed + " but none of the " + matching.size()
          + " request(s) " + description + " matched." + list(all));
    }
    return new ReceivedCalls(narrowed, kept, all);
  }

  static String list(List<RecordedCall> calls) {
    if (calls.isEmpty()) {
      return " The server received no request.";
    }
    StringBuilder out = new StringBuilder(" The server received:");
    calls.forEach(call -> out.append("\n  ").append(call));
    return out.toString();
  }
}
