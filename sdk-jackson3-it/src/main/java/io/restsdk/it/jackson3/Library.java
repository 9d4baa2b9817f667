package io.restsdk.it.jackson3;

import io.restsdk.core.RestClient;
import io.restsdk.jackson3.Jackson3Codec;
import tools.jackson.databind.json.JsonMapper;

/**
 * The application's wiring: one client on the application's own Jackson 3 mapper.
 *
 * <pre>{@code
 * try (RestClient client = Library.client("https://api.example.com/v1/", mapper)) {
 *   Book b = client.resource("books", Book.class).get("1");
 * }
 * }</pre>
 */
public final class Library {
  private Library() {}

  /** A client for the API at {@code baseUrl} whose bodies go through {@code mapper}. */
  public static RestClient client(String baseUrl, JsonMapper mapper) {
    return RestClient.builder()
        .baseUrl(baseUrl)
        .codec(Jackson3Codec.of(mapper))
        .build();
  }
}
