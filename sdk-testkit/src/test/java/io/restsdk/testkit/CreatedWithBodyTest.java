package io.restsdk.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** {@code createdWithBody(true)}: a POST's 201 carries the created item, in the server's style. */
class CreatedWithBodyTest {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Test
  void plainJsonCreatedBodyIsWhatAGetOfTheLocationAnswers() throws Exception {
    try (MockApiServer server = MockApiServer.builder().createdWithBody(true).collection("books").build()) {
      Http.Result created = Http.request(server, "POST", "books").body("{\"title\":\"Emma\"}").send();
      assertEquals(201, created.code());
      assertEquals(server.baseUrl() + "books/1", created.header("Location"));
      assertEquals("application/json", created.header("Content-Type"));
      assertEquals(server.collection("books").etag("1"), created.etag());
      Http.Result read = Http.request(server, "GET", "books/1").send();
      assertEquals(MAPPER.readTree(read.body()), MAPPER.readTree(created.body()));
      assertEquals(read.etag(), created.etag());
      assertEquals(201, server.takeRequest().status());
    }
  }

  @Test
  void halCreatedBodyHasLinksAndFollowsAccept() throws Exception {
    try (MockApiServer server = MockApiServer.builder()
        .style(ResponseStyle.HAL)
        .createdWithBody(true)
        .collection("authors", c -> c.put("1", "{\"name\":\"Ursula\"}"))
        .collection("books", c -> c.reference("author", "authors"))
        .build()) {
      String author = server.collection("authors").uri("1").toString();
      Http.Result created = Http.request(server, "POST", "books")
          .body("{\"title\":\"Lathe\",\"author\":\"" + author + "\"}").send();
      assertEquals(201, created.code());
      assertEquals("application/hal+json", created.header("Content-Type"));
      JsonNode body = MAPPER.readTree(created.body());
      assertEquals(created.header("Location"), body.get("_links").get("self").get("href").asText());
      assertEquals(author, body.get("_links").get("author").get("href").asText());
      assertNull(body.get("author"));

      Http.Result json = Http.request(server, "POST", "books").header("Accept", "application/json")
          .body("{\"title\":\"Other\"}").send();
      assertEquals("application/json", json.header("Content-Type"));
      assertEquals("Other", MAPPER.readTree(json.body()).get("title").asText());
    }
  }

  @Test
  void offByDefaultAndTheFaultGivesTheSameBodyOnce() throws Exception {
    try (MockApiServer server = MockApiServer.builder().style(ResponseStyle.HAL).collection("books").build()) {
      Http.Result plain = Http.request(server, "POST", "books").body("{\"title\":\"A\"}").send();
      assertEquals(201, plain.code());
      assertEquals("", plain.body());

      server.faults().createdWithBody(1, "books");
      Http.Result scripted = Http.request(server, "POST", "books").body("{\"title\":\"B\"}").send();
      assertEquals("application/hal+json", scripted.header("Content-Type"));
      String location = scripted.header("Location");
      assertEquals(location, MAPPER.readTree(scripted.body()).get("_links").get("self").get("href").asText());
      Http.Result read = Http.request(server, "GET", location.substring(server.baseUrl().length())).send();
      assertEquals(MAPPER.readTree(read.body()), MAPPER.readTree(scripted.body()));

      assertEquals("", Http.request(server, "POST", "books").body("{}").send().body());
    }
  }

  @Test
  void errorsStayErrorsInCreatedWithBodyMode() throws Exception {
    try (MockApiServer server = MockApiServer.builder().createdWithBody(true)
        .collection("authors", c -> c.unique("email").put("1", "{\"email\":\"a@example.com\"}")).build()) {
      ContractTest.assertErrorBody(Http.request(server, "POST", "authors").body("{\"email\":\"a@example.com\"}").send(), 409);
      ContractTest.assertErrorBody(Http.request(server, "POST", "authors").body("{").send(), 400);
    }
  }
}
