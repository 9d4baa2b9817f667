package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * When the values kept for 304s are checked: a type's first value when it is decoded, the values
 * after one that qualified when a 304 first asks for them.
 */
class DecodedBodiesTest {
  /** A record that does not copy its list: whether a value qualifies depends on the list. */
  public record Box(List<String> items) {}

  private final DecodedBodies memo =
      new DecodedBodies(new ImmutableTypes(Jackson2Codec.defaults()));

  @Test
  void aTypesFirstValueThatDoesNotQualifyIsNotKeptAndSettlesTheType() {
    assertTrue(memo.mayKeep(Box.class));
    byte[] body = new byte[1];
    memo.put(body, Box.class, Hal.Decoded.of(new Box(new ArrayList<>(List.of("a")))));
    assertEquals(0, memo.size(), "nothing kept");
    assertNull(memo.get(body, Box.class));
    assertFalse(memo.mayKeep(Box.class), "its values are never kept again");
  }

  @Test
  void afterAValueQualifiedTheNextAreCheckedWhenAskedFor() {
    byte[] first = new byte[1];
    Hal.Decoded<Box> immutable = Hal.Decoded.of(new Box(List.of("a")));
    memo.put(first, Box.class, immutable);
    byte[] second = new byte[1];
    memo.put(second, Box.class, Hal.Decoded.of(new Box(new ArrayList<>(List.of("b")))));
    assertEquals(2, memo.size(), "the second kept unchecked");

    assertNull(memo.get(second, Box.class), "checked when asked for: its list is modifiable");
    assertEquals(1, memo.size(), "and dropped");
    assertFalse(memo.mayKeep(Box.class));
    assertSame(immutable, memo.get(first, Box.class), "the value shown immutable stays");
  }

  @Test
  void aByteArrayIsNeverKept() {
    DecodedBodies all = new DecodedBodies(null); // reuseDecodedBodies(true)
    all.put(new byte[1], byte[].class, Hal.Decoded.of(new byte[] {1}));
    assertEquals(0, all.size());
    byte[] body = new byte[1];
    Hal.Decoded<List<String>> mutable = Hal.Decoded.of(new ArrayList<>(List.of("x")));
    all.put(body, List.class, mutable);
    assertSame(mutable, all.get(body, List.class), "every other value, unchecked");
  }
}
