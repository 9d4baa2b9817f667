package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class NamesTest {

  @Test
  void typeNames() {
    assertEquals("PetStoreItem", Names.typeName("pet-store.Item"));
    assertEquals("HttpServer", Names.typeName("HTTPServer"));
    assertEquals("OrderItem", Names.typeName("order.Item"));
    assertEquals("_3dModel", Names.typeName("3d model"));
    assertEquals("StringModel", Names.typeName("string"));
    assertEquals("MapModel", Names.typeName("Map"));
    assertEquals("Unnamed", Names.typeName("--"));
    assertEquals("GetPetsByPetIdResponse", Names.typeName(Generator.operationName("/pets/{petId}", "get") + " Response"));
  }

  @Test
  void memberNames() {
    assertEquals("firstName", Names.memberName("first-name"));
    assertEquals("firstName", Names.memberName("first_name"));
    assertEquals("class_", Names.memberName("class"));
    assertEquals("_2fa", Names.memberName("2fa"));
    assertEquals("type", Names.memberName("@type"));
    assertEquals("odataNextLink", Names.memberName("@odata.nextLink"));
    assertEquals("id", Names.memberName("ID"));
    assertEquals("unnamed", Names.memberName("$"));
    assertEquals("var_", Names.memberName("var"));
  }

  @Test
  void constantNames() {
    assertEquals("IN_PROGRESS", Names.constantName("in-progress"));
    assertEquals("EMPTY", Names.constantName(""));
    assertEquals("_1ST", Names.constantName("1st"));
    assertEquals("VALUE", Names.constantName("+"));
    assertEquals("DARK_GREEN", Names.constantName("darkGreen"));
  }

  @Test
  void uniqueAppendsANumber() {
    Set<String> taken = new HashSet<>();
    assertEquals("a", Names.unique("a", taken));
    assertEquals("a2", Names.unique("a", taken));
    assertEquals("a3", Names.unique("a", taken));
  }

  @Test
  void packageNames() {
    assertTrue(Names.isPackageName("com.acme.api"));
    assertFalse(Names.isPackageName("com..acme"));
    assertFalse(Names.isPackageName("com.int"));
    assertFalse(Names.isPackageName(""));
    assertFalse(Names.isPackageName("1com"));
  }
}
