package io.restsdk.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * The body every contender decodes: an immutable record with a few scalar fields, tags and a list
 * of parts (both lists unmodifiable).
 * The part count sets the size: {@link #SMALL_PARTS} makes about 1 KB of JSON, {@link
 * #LARGE_PARTS} about 100 KB.
 *
 * <pre>{@code
 * Item small = Item.sample("1k", Item.SMALL_PARTS);
 * Item next = small.withStock(small.stock() + 1);
 * }</pre>
 */
public record Item(
    String id,
    String name,
    String description,
    List<String> tags,
    int stock,
    double price,
    boolean active,
    List<Part> parts) {

  /**
   * Copies the lists into unmodifiable ones, as an immutable record should; this is what lets
   * restsdk hand the same decoded item out again after a 304 by default (every contender that
   * decodes pays the same copy).
   */
  public Item {
    tags = List.copyOf(tags);
    parts = List.copyOf(parts);
  }

  /** Parts in a ~1 KB item. */
  public static final int SMALL_PARTS = 8;
  /** Parts in a ~100 KB item. */
  public static final int LARGE_PARTS = 1030;

  /** One line of an item. */
  public record Part(String sku, String label, int quantity, double weight, boolean fragile) {}

  /** A deterministic item with {@code parts} parts. */
  public static Item sample(String id, int parts) {
    List<Part> list = new ArrayList<>(parts);
    for (int i = 0; i < parts; i++) {
      list.add(new Part(String.format("SKU-%06d", i), "part " + i + " of the assembly",
          1 + i % 17, 0.25 * (1 + i % 40), i % 5 == 0));
    }
    return new Item(id, "Item " + id,
        "A sample item used by the benchmarks; its size is set by the number of parts it holds.",
        List.of("bench", "sample", "json", "restsdk"), 42, 19.99, true, List.copyOf(list));
  }

  /** This item with another stock count, for the read-modify-write workload. */
  public Item withStock(int newStock) {
    return new Item(id, name, description, tags, newStock, price, active, parts);
  }
}
