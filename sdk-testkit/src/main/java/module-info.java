/**
 * restsdk testkit: a fake REST server that follows restsdk's response-code contract, scripted
 * faults, assertions over the traffic it received and a JUnit 5 extension.
 *
 * <pre>{@code
 * try (MockApiServer server = MockApiServer.builder().collection("books").build();
 *     RestClient client = RestClient.builder()
 *         .baseUrl(server.baseUrl()).bearerToken(server.token()).build()) {
 *   server.collection("books").put("1", "{\"title\":\"Dune\"}");
 *   // the code under test uses client
 * }
 * }</pre>
 *
 * <p>On the module path, a test class that lets {@code MockApiServerExtension} inject its fields
 * opens its package to {@code io.restsdk.testkit}; POJOs read with
 * {@code MockCollection.get(id, Type.class)} are opened to {@code com.fasterxml.jackson.databind}.
 */
module io.restsdk.testkit {
  // The client and OkHttp: in the testkit's signatures (RestClient, Headers, ...).
  requires transitive io.restsdk.core;
  // The fake server's documents are Jackson 2 trees (JsonNode in its signatures); sdk-core only
  // reads Jackson 2 statically, so the testkit requires it itself.
  requires transitive com.fasterxml.jackson.databind;
  // mockwebserver3 and JUnit's extension API: in its signatures too (its Dispatcher, the
  // extension callbacks). Both are named modules: mockwebserver3 declares one since OkHttp 5.
  requires transitive mockwebserver3;
  requires transitive org.junit.jupiter.api;
  requires okio;
  requires java.logging;
  requires static transitive org.jspecify;

  exports io.restsdk.testkit;
}
