package io.restsdk.jackson3;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@link Jackson3Codec#customizes}: a type with a mix-in on the mapper is read otherwise than it
 * declares, so the SDK never reuses its decoded values on its own.
 */
class Jackson3CodecMixInTest {
  record Book(String title) {}

  record Author(String name) {}

  abstract static class BookMixIn {}

  @Test
  void aTypeWithAMixInIsCustomizedAndOthersAreNot() {
    Jackson3Codec codec = Jackson3Codec.of(JsonMapper.builder()
        .addMixIn(Book.class, BookMixIn.class)
        .build());
    assertTrue(codec.customizes(Book.class));
    assertFalse(codec.customizes(Author.class));
    assertFalse(Jackson3Codec.defaults().customizes(Book.class));
  }
}
