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
  // Jackson 2 is the default codec's, and only Jackson2Codec names it: optional, so that an
  // application on Jackson 3 only (sdk-jackson3) neither compiles nor runs with it. Not
  // transitive: whoever calls Jackson2Codec.of(ObjectMapper) made that mapper, so reads
  // Jackson 2 already (and a transitive static module would be required at compile time by
  // every module that reads this one).
  requires static com.fasterxml.jackson.databind;
  requires transitive dev.failsafe.core;
  // transitive: @Nullable is part of the API's signatures; static: not needed at run time.
  requires static transitive org.jspecify;

  exports io.restsdk.core;
}
