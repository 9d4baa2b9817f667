package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ETagTest {
  @Test
  void parsesStrongAndWeakTags() {
    ETag strong = ETag.parse("\"abc\"").orElseThrow();
    assertFalse(strong.isWeak());
    assertEquals("abc", strong.opaqueTag());
    assertEquals("\"abc\"", strong.headerValue());
    ETag weak = ETag.parse(" W/\"abc\" ").orElseThrow();
    assertTrue(weak.isWeak());
    assertEquals("W/\"abc\"", weak.toString());
    assertEquals(ETag.strong(""), ETag.parse("\"\"").orElseThrow());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "abc", "\"abc", "abc\"", "W/abc", "w/\"abc\"", "\"a\"b\"",
      "\"a b\"", "\"a\",\"b\"", "\"tab\there\"", "W/", "\""})
  void malformedValuesAreAbsent(String value) {
    assertTrue(ETag.parse(value).isEmpty(), value);
  }

  @Test
  void nullIsAbsent() {
    assertTrue(ETag.parse(null).isEmpty());
  }

  @Test
  void comparisonFollowsRfc9110() {
    ETag s1 = ETag.strong("1");
    ETag w1 = ETag.weak("1");
    assertTrue(s1.strongMatch(ETag.strong("1")));
    assertFalse(s1.strongMatch(w1));
    assertFalse(w1.strongMatch(w1));
    assertTrue(w1.weakMatch(s1));
    assertFalse(w1.weakMatch(ETag.weak("2")));
    assertFalse(s1.equals(w1));
    assertEquals(s1.hashCode(), ETag.strong("1").hashCode());
  }

  @Test
  void factoriesRefuseIllegalCharacters() {
    assertThrows(IllegalArgumentException.class, () -> ETag.strong("a\"b"));
    assertThrows(IllegalArgumentException.class, () -> ETag.weak("a b"));
    assertThrows(NullPointerException.class, () -> ETag.strong(null));
  }
}
