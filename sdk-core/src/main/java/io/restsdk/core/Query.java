package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.UrlRedactor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import okhttp3.HttpUrl;

/**
 * The query parameters of a request: name/value pairs, in order, a name possibly repeated.
 * Names and values are given as plain text and percent-encoded with OkHttp's rules
 * ({@code HttpUrl.Builder.addQueryParameter}) when the request is built, so {@code #},
 * {@code &}, {@code =}, {@code +}, {@code %}, spaces and non-ASCII text reach the server as
 * they were given.
 *
 * <p>Immutable and thread-safe: {@link #and} returns a new query. {@link #toString()} hides
 * the values of parameters whose names look like secrets ({@code access_token}, {@code apiKey},
 * {@code sig}, …), as the SDK's messages do.
 *
 * <pre>{@code
 * Query q = Query.of("author", "Le Guin").and("tag", "sf", "classic"); // author=Le%20Guin&tag=sf&tag=classic
 * Book b = books.get("42", Query.of("lang", "fr"));
 * ApiResponse<Book> r = client.send(ApiRequest.get("books").query(q), Book.class);
 * }</pre>
 */
public final class Query {
  private static final Query EMPTY = new Query(List.of());

  private final List<String> pairs; // name, value, name, value…

  private Query(List<String> pairs) {
    this.pairs = pairs;
  }

  /** The empty query. */
  public static Query of() {
    return EMPTY;
  }

  /**
   * A query of one parameter.
   *
   * @throws NullPointerException if {@code name} or {@code value} is null
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public static Query of(String name, String value) {
    return EMPTY.and(name, value);
  }

  /**
   * This query with {@code name=value} added after its parameters; an empty {@code value} is
   * sent as {@code name=}.
   *
   * @throws NullPointerException if {@code name} or {@code value} is null
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public Query and(String name, String value) {
    return and(name, Collections.singletonList(value));
  }

  /**
   * This query with {@code name} added once per value, in order (e.g. {@code tag=a&tag=b}).
   *
   * @throws NullPointerException if {@code name}, {@code values} or a value is null
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public Query and(String name, String... values) {
    requireNonNull(values, "values == null");
    return and(name, Arrays.asList(values));
  }

  /**
   * This query with {@code name} added once per value, in iteration order.
   *
   * @throws NullPointerException if {@code name}, {@code values} or a value is null
   * @throws IllegalArgumentException if {@code name} is empty
   */
  public Query and(String name, Iterable<String> values) {
    checkName(name);
    requireNonNull(values, "values == null");
    List<String> p = new ArrayList<>(pairs);
    for (String value : values) {
      p.add(name);
      p.add(checkValue(value));
    }
    return p.size() == pairs.size() ? this : new Query(Collections.unmodifiableList(p));
  }

  /**
   * This query followed by {@code other}'s parameters.
   *
   * @throws NullPointerException if {@code other} is null
   */
  public Query and(Query other) {
    requireNonNull(other, "other == null");
    if (other.isEmpty()) return this;
    if (isEmpty()) return other;
    List<String> p = new ArrayList<>(pairs.size() + other.pairs.size());
    p.addAll(pairs);
    p.addAll(other.pairs);
    return new Query(Collections.unmodifiableList(p));
  }

  /** The distinct names, in the order they were first added. */
  public Set<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < pairs.size(); i += 2) names.add(pairs.get(i));
    return Collections.unmodifiableSet(names);
  }

  /** The values of {@code name}, in order; empty if there are none. */
  public List<String> values(String name) {
    requireNonNull(name, "name == null");
    List<String> values = new ArrayList<>(1);
    for (int i = 0; i < pairs.size(); i += 2) {
      if (pairs.get(i).equals(name)) values.add(pairs.get(i + 1));
    }
    return Collections.unmodifiableList(values);
  }

  /** The number of parameters, repeated names counted each time. */
  public int size() {
    return pairs.size() / 2;
  }

  /** Whether this query has no parameters. */
  public boolean isEmpty() {
    return pairs.isEmpty();
  }

  /** {@code url} with this query's parameters added after those it already has. */
  HttpUrl addTo(HttpUrl url) {
    if (isEmpty()) return url;
    HttpUrl.Builder b = url.newBuilder();
    for (int i = 0; i < pairs.size(); i += 2) b.addQueryParameter(pairs.get(i), pairs.get(i + 1));
    return b.build();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Query q && q.pairs.equals(pairs);
  }

  @Override
  public int hashCode() {
    return pairs.hashCode();
  }

  /**
   * The parameters, unencoded, e.g. {@code Query{author=Le Guin, access_token=REDACTED}}: the
   * values of names that look like secrets are never shown.
   */
  @Override
  public String toString() {
    StringBuilder s = new StringBuilder("Query{");
    for (int i = 0; i < pairs.size(); i += 2) {
      if (i > 0) s.append(", ");
      String name = pairs.get(i);
      s.append(name).append('=')
          .append(UrlRedactor.isSecretName(name) ? "REDACTED" : pairs.get(i + 1));
    }
    return s.append('}').toString();
  }

  private static void checkName(String name) {
    requireNonNull(name, "name == null");
    if (name.isEmpty()) throw new IllegalArgumentException("name is empty");
  }

  private static String checkValue(String value) {
    return requireNonNull(value, "value == null");
  }
}
