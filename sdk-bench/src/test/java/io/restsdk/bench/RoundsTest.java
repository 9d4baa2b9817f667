package io.restsdk.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link Rounds}: the rotation of the contenders and the statistics of per-round ratios. */
class RoundsTest {
  @Test
  void eachRoundRotatesTheOrderByOne() {
    assertArrayEquals(new int[] {0, 1, 2}, Rounds.order(3, 0));
    assertArrayEquals(new int[] {1, 2, 0}, Rounds.order(3, 1));
    assertArrayEquals(new int[] {2, 0, 1}, Rounds.order(3, 2));
    assertArrayEquals(new int[] {0, 1, 2}, Rounds.order(3, 3));
    assertArrayEquals(new int[] {0}, Rounds.order(1, 7));
  }

  @Test
  void overNRoundsEveryContenderTakesEveryPositionOnce() {
    int n = 9;
    for (int position = 0; position < n; position++) {
      Set<Integer> seen = new HashSet<>();
      for (int round = 0; round < n; round++) seen.add(Rounds.order(n, round)[position]);
      assertEquals(n, seen.size(), "position " + position);
    }
    for (int round = 0; round < n; round++) {
      Set<Integer> once = new HashSet<>();
      for (int i : Rounds.order(n, round)) once.add(i);
      assertEquals(n, once.size(), "every contender runs once in round " + round);
    }
  }

  @Test
  void badRotationsAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> Rounds.order(0, 0));
    assertThrows(IllegalArgumentException.class, () -> Rounds.order(3, -1));
  }

  @Test
  void ratiosAreTakenWithinEachRound() {
    double[] base = {10, 20, 40};
    double[] x = {11, 22, 44};
    assertArrayEquals(new double[] {1.1, 1.1, 1.1}, Rounds.ratios(x, base), 1e-12,
        "a machine slowing down between rounds moves both alike: the ratio holds still");
    assertThrows(IllegalArgumentException.class, () -> Rounds.ratios(new double[2], base));
    assertThrows(IllegalArgumentException.class,
        () -> Rounds.ratios(new double[] {1}, new double[] {0}));
  }

  @Test
  void medianAndQuartilesInterpolateBetweenRanks() {
    Rounds.Spread odd = Rounds.spread(new double[] {5, 1, 3, 2, 4});
    assertEquals(3, odd.median(), 1e-12);
    assertEquals(2, odd.q1(), 1e-12);
    assertEquals(4, odd.q3(), 1e-12);
    assertEquals(2, odd.iqr(), 1e-12);
    Rounds.Spread even = Rounds.spread(new double[] {4, 1, 3, 2});
    assertEquals(2.5, even.median(), 1e-12);
    assertEquals(1.75, even.q1(), 1e-12);
    assertEquals(3.25, even.q3(), 1e-12);
    Rounds.Spread one = Rounds.spread(new double[] {7});
    assertEquals(7, one.median(), 1e-12);
    assertEquals(0, one.iqr(), 1e-12);
    assertThrows(IllegalArgumentException.class, () -> Rounds.spread(new double[0]));
  }

  @Test
  void anOutlierRoundMovesTheMedianLittle() {
    double[] ratios = {1.10, 1.12, 1.09, 1.11, 9.0};
    assertEquals(1.11, Rounds.spread(ratios).median(), 1e-12);
  }

  @Test
  void spreadLeavesItsInputUnsorted() {
    double[] v = {3, 1, 2};
    Rounds.spread(v);
    assertArrayEquals(new double[] {3, 1, 2}, v);
  }
}
