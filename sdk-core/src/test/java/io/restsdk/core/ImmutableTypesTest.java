package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@link ImmutableTypes}: which types are deeply immutable, and which decoded values are. */
class ImmutableTypesTest {
  enum Color { RED, GREEN }

  record Scalars(String s, int i, long l, double d, boolean b, Integer boxed, Color color,
      Instant at, LocalDate day, ZoneId zone, URI uri, UUID id, BigDecimal price) {}

  record Inner(String name) {}

  record Outer(String title, Inner inner) {}

  record Tags(String name, List<String> tags) {}

  record CopiedTags(String name, List<String> tags) {
    CopiedTags {
      tags = List.copyOf(tags);
    }
  }

  record Shelf(List<Outer> books, Map<String, Inner> byName, Set<Color> colors) {}

  record Node(String name, List<Node> children) {}

  record Bytes(byte[] data) {}

  record Anything(Object value) {}

  record Tree(JsonNode node) {}

  record HoldsList(ArrayList<String> items) {}

  record Box<T>(T value) {}

  /** A POJO with setters. */
  static final class Pojo {
    private String name;

    public String getName() {
      return name;
    }

    public void setName(String name) {
      this.name = name;
    }
  }

  /** All fields final, but open to subclasses that may add state. */
  static class Open {
    final String name = "x";
  }

  /** A final class of final fields: immutable. */
  static final class Point {
    final int x;
    final int y;

    Point(int x, int y) {
      this.x = x;
      this.y = y;
    }
  }

  record HoldsPojo(String id, Pojo pojo) {}

  /** A mix-in: an annotation on another class the mapper applies to {@link Inner}. */
  abstract static class InnerMixIn {}

  private final ImmutableTypes types = new ImmutableTypes(Jackson2Codec.defaults());

  @Test
  void recordsOfImmutableLeavesQualifyWithoutLookingAtTheValue() {
    assertTrue(types.mayQualify(Scalars.class));
    assertTrue(types.mayQualify(Outer.class), "a record of records");
    assertTrue(types.mayQualify(String.class));
    assertTrue(types.mayQualify(Point.class), "a final class of final fields");
    assertTrue(types.qualifies(Outer.class, new Outer("Dune", new Inner("Herbert"))));
  }

  @Test
  void arraysPojosAndOpenTypesNeverQualify() {
    assertFalse(types.mayQualify(byte[].class));
    assertFalse(types.mayQualify(String[].class));
    assertFalse(types.mayQualify(Bytes.class), "a record holding an array");
    assertFalse(types.mayQualify(Pojo.class), "a POJO with setters");
    assertFalse(types.mayQualify(HoldsPojo.class), "a record holding a POJO");
    assertFalse(types.mayQualify(Open.class), "not final");
    assertFalse(types.mayQualify(Anything.class), "Object may be anything");
    assertFalse(types.mayQualify(Tree.class), "a JSON tree is mutable");
    assertFalse(types.mayQualify(JsonNode.class));
    assertFalse(types.mayQualify(HoldsList.class), "a list declared as ArrayList");
    assertFalse(types.mayQualify(Box.class), "a raw generic type: T unknown");
    assertFalse(types.mayQualify(Object.class));
    assertFalse(types.mayQualify(Map.class));
  }

  @Test
  void aRecordWithAListQualifiesOnlyWhenTheDecodedListIsUnmodifiable() {
    assertTrue(types.mayQualify(CopiedTags.class));
    assertTrue(types.qualifies(CopiedTags.class, new CopiedTags("a", new ArrayList<>(List.of("x")))));
    ImmutableTypes fresh = new ImmutableTypes(Jackson2Codec.defaults());
    assertTrue(fresh.mayQualify(Tags.class), "decided by its values");
    assertTrue(fresh.qualifies(Tags.class, new Tags("a", List.of("x"))));
    assertTrue(fresh.qualifies(Tags.class, new Tags("a", Collections.unmodifiableList(
        new ArrayList<>(List.of("x"))))));
    assertTrue(fresh.qualifies(Tags.class, new Tags("a", null)));
    assertFalse(fresh.qualifies(Tags.class, new Tags("a", new ArrayList<>(List.of("x")))));
    assertFalse(fresh.qualifies(Tags.class, new Tags("a", Arrays.asList("x"))));
    assertFalse(fresh.mayQualify(Tags.class), "once decoded modifiable, never again");
    assertFalse(fresh.qualifies(Tags.class, new Tags("a", List.of("x"))));
  }

  @Test
  void listsAndMapsOfRecordsAreCheckedAllTheWayDown() {
    Shelf ok = new Shelf(List.of(new Outer("Dune", new Inner("Herbert"))),
        Map.of("h", new Inner("Herbert")), Set.of(Color.RED));
    assertTrue(types.qualifies(Shelf.class, ok));
    Map<String, Inner> mutable = new HashMap<>(Map.of("h", new Inner("Herbert")));
    ImmutableTypes fresh = new ImmutableTypes(Jackson2Codec.defaults());
    assertFalse(fresh.qualifies(Shelf.class, new Shelf(List.of(), mutable, Set.of())));
    Type listOfInner = new TypeRef<List<Inner>>() {}.type();
    assertTrue(types.qualifies(listOfInner, List.of(new Inner("a"))));
    assertFalse(new ImmutableTypes(Jackson2Codec.defaults())
        .qualifies(listOfInner, new ArrayList<>(List.of(new Inner("a")))),
        "a top-level list the codec decoded: an ArrayList");
    assertFalse(types.mayQualify(new TypeRef<List<Pojo>>() {}.type()));
    assertFalse(types.mayQualify(new TypeRef<List<byte[]>>() {}.type()));
  }

  @Test
  void aTypeThatHoldsItselfIsCheckedNodeByNode() {
    Node leaf = new Node("leaf", List.of());
    assertTrue(types.qualifies(Node.class, new Node("root", List.of(leaf))));
    List<Node> kids = new ArrayList<>();
    kids.add(leaf);
    ImmutableTypes fresh = new ImmutableTypes(Jackson2Codec.defaults());
    assertFalse(fresh.qualifies(Node.class,
        new Node("root", List.of(new Node("mid", kids)))), "a modifiable list two levels down");
  }

  @Test
  void genericRecordsQualifyByTheirArguments() {
    assertTrue(types.mayQualify(new TypeRef<Box<Inner>>() {}.type()));
    assertFalse(types.mayQualify(new TypeRef<Box<Pojo>>() {}.type()));
    assertFalse(types.mayQualify(new TypeRef<Box<int[]>>() {}.type()));
  }

  @Test
  void aBigDecimalMustBeExactlyABigDecimal() {
    record Price(BigDecimal amount) {}
    assertTrue(types.qualifies(Price.class, new Price(BigDecimal.ONE)));
    BigDecimal sub = new BigDecimal("1") {};
    assertFalse(new ImmutableTypes(Jackson2Codec.defaults()).qualifies(Price.class, new Price(sub)));
  }

  @Test
  void aTypeWithAMixInOnTheCodecsMapperDoesNotQualify() {
    ObjectMapper mapper = new ObjectMapper().addMixIn(Inner.class, InnerMixIn.class);
    ImmutableTypes withMixIn = new ImmutableTypes(Jackson2Codec.of(mapper));
    assertFalse(withMixIn.mayQualify(Inner.class));
    assertFalse(withMixIn.mayQualify(Outer.class), "a record holding one");
    assertTrue(withMixIn.mayQualify(Tags.class), "types without one are unaffected");
    assertTrue(Jackson2Codec.of(mapper).customizes(Inner.class));
    assertFalse(Jackson2Codec.of(mapper).customizes(Outer.class));
  }

  @Test
  void theJdksUnmodifiableCollectionsAreKnownAndTheModifiableOnesAreNot() {
    assertTrue(ImmutableTypes.unmodifiable(List.of()));
    assertTrue(ImmutableTypes.unmodifiable(List.of(1, 2, 3)));
    assertTrue(ImmutableTypes.unmodifiable(Map.of("a", 1)));
    assertTrue(ImmutableTypes.unmodifiable(Collections.emptyMap()));
    assertTrue(ImmutableTypes.unmodifiable(Collections.singletonList(1)));
    assertTrue(ImmutableTypes.unmodifiable(Collections.unmodifiableSet(new java.util.HashSet<>())));
    assertFalse(ImmutableTypes.unmodifiable(new ArrayList<>()));
    assertFalse(ImmutableTypes.unmodifiable(new java.util.LinkedHashMap<>()));
    assertFalse(ImmutableTypes.unmodifiable(Arrays.asList(1, 2)));
  }
}
