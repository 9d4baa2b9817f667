package io.restsdk.bench;

import java.util.Arrays;

/**
 * The arithmetic of the interleaved mode ({@link Interleaved}): the order the contenders take in
 * each round, and the median and interquartile range of per-round ratios to the baseline.
 *
 * <pre>{@code
 * int[] order = Rounds.order(3, 1);                       // {1, 2, 0}
 * Rounds.Spread s = Rounds.spread(Rounds.ratios(cpuOf("restsdk"), cpuOf("okhttp")));
 * System.out.println(s.median() + " [" + s.q1() + "–" + s.q3() + "]");
 * }</pre>
 */
final class Rounds {
  private Rounds() {}

  /**
   * The order of {@code n} contenders in round {@code round} (from 0): the list rotated by the
   * round, so that over {@code n} rounds each contender runs once in every position (first,
   * right after the baseline, last...) and no one always follows the same neighbour's garbage.
   */
  static int[] order(int n, int round) {
    if (n < 1) throw new IllegalArgumentException("no contenders");
    if (round < 0) throw new IllegalArgumentException("round < 0: " + round);
    int[] out = new int[n];
    for (int i = 0; i < n; i++) out[i] = (round + i) % n;
    return out;
  }

  /** {@code x[r] / base[r]} for every round; the arrays hold one value per round. */
  static double[] ratios(double[] x, double[] base) {
    if (x.length != base.length) {
      throw new IllegalArgumentException("rounds differ: " + x.length + " vs " + base.length);
    }
    double[] out = new double[x.length];
    for (int r = 0; r < x.length; r++) {
      if (!(base[r] > 0)) throw new IllegalArgumentException("baseline of round " + r + " is " + base[r]);
      out[r] = x[r] / base[r];
    }
    return out;
  }

  /** The median and quartiles of some values. */
  record Spread(double median, double q1, double q3) {
    /** {@code q3 - q1}. */
    double iqr() {
      return q3 - q1;
    }
  }

  /** The median and the quartiles (linear interpolation between ranks, as R's type 7). */
  static Spread spread(double[] values) {
    if (values.length == 0) throw new IllegalArgumentException("no values");
    double[] v = values.clone();
    Arrays.sort(v);
    return new Spread(quantile(v, 0.5), quantile(v, 0.25), quantile(v, 0.75));
  }

  /** The {@code q} quantile of sorted values. */
  static double quantile(double[] sorted, double q) {
    double at = q * (sorted.length - 1);
    int lo = (int) Math.floor(at);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (at - lo) * (sorted[hi] - sorted[lo]);
  }
}
