/**
 * restsdk core: a typed client for REST APIs that follow a strict response-code contract.
 *
 * <pre>{@code
 * try (RestClient client = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .bearerToken(token)
 *     .build()) {
 *   Book book = client.resource("books", Book.class).get("42");
 * }
 * }</pre>
 */
module io.restsdk.core {
  requires transitive okhttp3;
  requires transitive com.fasterxml.jackson.databind;
  requires transitive dev.failsafe.core;
  requires com.github.benmanes.caffeine;
  // transitive: @Nullable is part of the API's signatures; static: not needed at run time.
  requires static transitive org.jspecify;

  exports io.restsdk.core;
}
