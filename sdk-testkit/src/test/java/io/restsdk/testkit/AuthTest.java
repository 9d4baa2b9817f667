package io.restsdk.testkit;

import static io.restsdk.testkit.ContractTest.assertErrorBody;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Bearer token rules. */
class AuthTest {

  @Test
  void missingOrUnknownTokenIs401WithoutBody() {
    try (MockApiServer server = MockApiServer.builder().collection("books", c -> c.put("1", "{}")).build()) {
      for (String token : new String[] {null, "wrong"}) {
        Http.Result result = Http.request(server, "GET", "books/1").token(token).send();
        assertEquals(401, result.code());
        assertEquals("", result.body());
        assertEquals("Bearer", result.header("WWW-Authenticate"));
      }
      assertEquals(401, Http.request(server, "GET", "books/1").token(null).header("Authorization", "Basic abc").send().code());
      assertEquals(401, Http.request(server, "GET", "nowhere").token(null).send().code());
    }
  }

  @Test
  void readOnlyTokenReadsButWritingIs403() throws Exception {
    try (MockApiServer server = MockApiServer.builder().collection("books", c -> c.put("1", "{}")).build()) {
      String ro = server.readOnlyToken();
      assertEquals(200, Http.request(server, "GET", "books/1").token(ro).send().code());
      assertEquals(200, Http.request(server, "GET", "books").token(ro).send().code());
      assertErrorBody(Http.request(server, "POST", "books").token(ro).body("{}").send(), 403);
      assertErrorBody(Http.request(server, "PUT", "books/1").token(ro).body("{}").send(), 403);
      assertErrorBody(Http.request(server, "PATCH", "books/1").token(ro).body("{}").send(), 403);
      assertErrorBody(Http.request(server, "DELETE", "books/1").token(ro).send(), 403);
      assertEquals(1, server.collection("books").size());
    }
  }

  @Test
  void tokensAreConfigurable() {
    try (MockApiServer server = MockApiServer.builder().token("secret-token").readOnlyToken("ro-token")
        .collection("books").build()) {
      assertEquals("secret-token", server.token());
      assertEquals("ro-token", server.readOnlyToken());
      assertEquals(200, Http.request(server, "GET", "books").token("secret-token").send().code());
      assertEquals(401, Http.request(server, "GET", "books").token(MockApiServer.DEFAULT_TOKEN).send().code());
    }
  }

  @Test
  void noAuthAcceptsEverything() {
    try (MockApiServer server = MockApiServer.builder().noAuth().collection("books").build()) {
      assertEquals(201, Http.request(server, "POST", "books").token(null).body("{}").send().code());
      assertEquals(201, Http.request(server, "POST", "books").token("anything").body("{}").send().code());
    }
  }

  @Test
  void invalidConfigurationIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> MockApiServer.builder().token("has space"));
    assertThrows(IllegalArgumentException.class, () -> MockApiServer.builder().basePath("v1"));
    assertThrows(IllegalStateException.class, () -> MockApiServer.builder().token("same").readOnlyToken("same").build());
  }

  @Test
  void aCustomBasePathIsUsedEverywhere() {
    try (MockApiServer server = MockApiServer.builder().basePath("/api/v2/").collection("books").build()) {
      assertEquals("http://127.0.0.1:" + server.port() + "/api/v2/", server.baseUrl());
      Http.Result created = Http.request(server, "POST", "books").body("{}").send();
      assertEquals(server.baseUrl() + "books/1", created.header("Location"));
      ServerAssertions.assertThat(server).received("POST", "/api/v2/books").once();
      ServerAssertions.assertThat(server).received("POST", "books").once();
    }
  }
}
