package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code bearerToken(System.getenv("API_TOKEN"))} with the variable unset: the error says what
 * to do instead ({@code noAuthentication()}), and the builder stays usable.
 */
class NullTokenTest extends ClientTest {

  @Test
  void aNullTokenNamesNoAuthentication() {
    NullPointerException e = assertThrows(NullPointerException.class,
        () -> RestClient.builder().bearerToken(null));
    assertTrue(e.getMessage().startsWith("bearerToken(null)"), e.getMessage());
    assertTrue(e.getMessage().contains("noAuthentication()"), e.getMessage());
    assertTrue(e.getMessage().contains("environment variable"), e.getMessage());
    assertEquals(0, server.getRequestCount());
  }

  @Test
  void aNullTokenDoesNotClearAnEarlierOne() throws Exception {
    RestClient.Builder b = builder();
    assertThrows(NullPointerException.class, () -> b.bearerToken(null));
    try (RestClient c = b.build()) {
      server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"Herbert\"}"));
      c.resource("books", Book.class).get("1");
    }
    assertEquals("Bearer " + TOKEN, take().getHeaders().get("Authorization"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theAdvisedNoAuthenticationSendsNoAuthorization(Mode mode) throws Exception {
    RestClient.Builder b = builder();
    assertThrows(NullPointerException.class, () -> b.bearerToken(System.getenv("RESTSDK_SURELY_UNSET_9f3")));
    try (RestClient c = b.noAuthentication().build()) {
      server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"Herbert\"}"));
      Book book = mode.get(c.resource("books", Book.class), "1");
      assertEquals("Dune", book.title());
    }
    RecordedRequest r = take();
    assertNull(r.getHeaders().get("Authorization"));
  }
}
