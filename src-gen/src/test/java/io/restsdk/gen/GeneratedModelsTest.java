package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shapes public APIs use: generated, compiled with -Xlint:all -Werror, and decoded. */
class GeneratedModelsTest {

  static final String PKG = "com.acme.shapes";
  static Generation generation;
  static ClassLoader loader;
  static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void generateAndCompile(@TempDir Path tmp) throws Exception {
    generation = Generator.forPackage(PKG).generate(Compiled.resource("specs/shapes.yaml"));
    loader = Compiled.compile(generation, tmp);
  }

  static Class<?> type(String simpleName) throws ClassNotFoundException {
    return loader.loadClass(PKG + "." + simpleName);
  }

  static String source(String simpleName) {
    return generation.sources().get(PKG.replace('.', '/') + "/" + simpleName + ".java");
  }

  static Map<String, RecordComponent> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents())
        .collect(Collectors.toMap(RecordComponent::getName, c -> c));
  }

  @Test
  void generatesOneTypePerObjectEnumAndUnionWithDeterministicInlineNames() {
    assertEquals(List.of("BankPayment", "CardPayment", "Color", "GetOrdersByOrderIdItems200Response",
            "GetOrdersByOrderIdItems206Response", "GetOrdersByOrderIdItemsSort", "OrderItem",
            "OrderItemLevel", "OrdersApi", "Payment", "Person", "StringModel"),
        generation.sources().keySet().stream()
            .map(p -> p.substring(p.lastIndexOf('/') + 1, p.length() - 5)).toList());
  }

  @Test
  void propertyNamesThatAreNotIdentifiersAreMappedAndKeepTheirWireName() throws Exception {
    Map<String, RecordComponent> c = components(type("OrderItem"));
    assertTrue(c.keySet().containsAll(List.of("public_", "default_", "type", "_2fa", "firstName",
        "firstName2", "hashCode_")), c.keySet().toString());
    String json = """
        {"sku":"s-1","quantity":2,"public":true,"default":"d","@type":"t","2fa":true,
         "first-name":"Ann","first_name":"Bea","hashCode":"h","surprise":"ignored"}""";
    Object item = MAPPER.readValue(json, type("OrderItem"));
    assertEquals("d", c.get("default_").getAccessor().invoke(item));
    assertEquals("t", c.get("type").getAccessor().invoke(item));
    assertEquals(true, c.get("_2fa").getAccessor().invoke(item));
    assertEquals("Ann", c.get("firstName").getAccessor().invoke(item));
    assertEquals("Bea", c.get("firstName2").getAccessor().invoke(item));
    JsonNode back = MAPPER.valueToTree(item);
    assertEquals("Ann", back.get("first-name").asText());
    assertEquals("Bea", back.get("first_name").asText());
    assertEquals("d", back.get("default").asText());
    assertTrue(back.has("public") && back.has("2fa") && back.has("@type"), back.toString());
  }

  @Test
  void requiredFieldsAreNonNullAndPrimitiveOptionalAndNullableOnesAreNullable() throws Exception {
    Map<String, RecordComponent> c = components(type("OrderItem"));
    assertEquals(int.class, c.get("quantity").getType());
    assertEquals(boolean.class, c.get("public_").getType());
    assertEquals(String.class, c.get("sku").getType());
    assertEquals(Double.class, c.get("price").getType());
    assertEquals(java.math.BigDecimal.class, c.get("weight").getType());
    assertEquals(java.time.OffsetDateTime.class, c.get("created").getType());
    assertEquals(java.time.LocalDate.class, c.get("day").getType());
    assertEquals(byte[].class, c.get("blob").getType());
    assertEquals(Object.class, c.get("meta").getType());
    assertEquals("java.util.List<java.util.List<java.lang.Long>>", c.get("grid").getGenericType().getTypeName());
    assertEquals("java.util.Map<java.lang.String, java.lang.String>", c.get("labels").getGenericType().getTypeName());
    assertEquals("java.util.Map<java.lang.String, java.util.List<java.lang.Long>>",
        c.get("counts").getGenericType().getTypeName());
    // oneOf [Person, null] is a nullable Person, not a union
    assertEquals(type("Person"), c.get("owner").getType());
    String src = source("OrderItem");
    assertTrue(src.contains("String sku,"), src);
    assertTrue(src.contains("@Nullable String default_"), src);
    assertTrue(src.contains("@param sku (required, never null)"), src);
    assertTrue(src.contains("@param owner (optional, null when absent)"), src);
  }

  @Test
  void nestedArraysAndMapsDecode() throws Exception {
    Object item = MAPPER.readValue("""
        {"sku":"s","quantity":1,"public":false,"grid":[[1,2],[3]],"labels":{"a":"b"},
         "counts":{"x":[1,2]},"meta":{"any":[true]},"owner":null,"day":null}""", type("OrderItem"));
    Map<String, RecordComponent> c = components(type("OrderItem"));
    assertEquals(List.of(List.of(1L, 2L), List.of(3L)), c.get("grid").getAccessor().invoke(item));
    assertEquals(Map.of("a", "b"), c.get("labels").getAccessor().invoke(item));
    assertEquals(Map.of("x", List.of(1L, 2L)), c.get("counts").getAccessor().invoke(item));
    assertEquals(Map.of("any", List.of(true)), c.get("meta").getAccessor().invoke(item)); // free-form: Object
    assertNull(c.get("owner").getAccessor().invoke(item));
  }

  @Test
  void enumsDecodeAnUnknownServerValueToTheFallbackAndKeepWireValues() throws Exception {
    Class<?> color = type("Color");
    Object darkGreen = MAPPER.readValue("\"dark-green\"", color);
    assertEquals("DARK_GREEN", ((Enum<?>) darkGreen).name());
    assertEquals("\"dark-green\"", MAPPER.writeValueAsString(darkGreen));
    assertEquals("EMPTY", ((Enum<?>) MAPPER.readValue("\"\"", color)).name());
    // "unknown" and "UNKNOWN" are real values here, so the fallback takes another name
    assertEquals("UNKNOWN", ((Enum<?>) MAPPER.readValue("\"unknown\"", color)).name());
    assertEquals("UNKNOWN2", ((Enum<?>) MAPPER.readValue("\"UNKNOWN\"", color)).name());
    assertEquals("UNKNOWN_", ((Enum<?>) MAPPER.readValue("\"ultraviolet\"", color)).name());
    Class<?> level = type("OrderItemLevel");
    assertEquals("VALUE_2", ((Enum<?>) MAPPER.readValue("2", level)).name());
    assertEquals("UNKNOWN", ((Enum<?>) MAPPER.readValue("99", level)).name());
    Object item = MAPPER.readValue("{\"sku\":\"s\",\"quantity\":1,\"public\":true,\"color\":\"teal\"}",
        type("OrderItem"));
    assertEquals("UNKNOWN_", ((Enum<?>) components(type("OrderItem")).get("color").getAccessor()
        .invoke(item)).name());
  }

  @Test
  void javadocFromTheSpecCannotBreakTheSource() {
    String src = source("Color");
    assertTrue(src.contains("&#92;u0041 and *&#47; and &#64;see"), src);
  }

  @Test
  void aDiscriminatedAllOfParentIsASealedInterfaceOfItsChildren() throws Exception {
    Class<?> payment = type("Payment");
    assertTrue(payment.isSealed() && payment.isInterface());
    assertEquals(List.of("BankPayment", "CardPayment"), Arrays.stream(payment.getPermittedSubclasses())
        .map(Class::getSimpleName).sorted().toList());
    Object card = MAPPER.readValue("{\"method\":\"card\",\"last4\":\"4242\"}", payment);
    assertEquals(type("CardPayment"), card.getClass());
    Object bank = MAPPER.readValue("{\"method\":\"BankPayment\",\"iban\":\"DE1\"}", payment);
    assertEquals(type("BankPayment"), bank.getClass());
    assertEquals("card", MAPPER.valueToTree(card).get("method").asText());
    // the property holding it is typed by the interface
    assertEquals(payment, components(type("OrderItem")).get("payment").getType());
  }

  @Test
  void oneOfWithoutDiscriminatorIsObjectWithAWarningAtItsLocation() throws Exception {
    assertEquals(Object.class, components(type("OrderItem")).get("contact").getType());
    Problem w = generation.warnings().stream()
        .filter(p -> p.pointer().equals("/components/schemas/order.Item/properties/contact"))
        .findFirst().orElseThrow(() -> new AssertionError(generation.warnings().toString()));
    assertTrue(w.message().startsWith("anyOf without a discriminator: generated as Object (the decoded JSON"), w.message());
    assertEquals(Integer.valueOf(56), w.line());
    assertEquals(Problem.Severity.WARNING, w.severity());
  }

  @Test
  void schemaNamesThatClashWithJavaLangAreRenamed() throws Exception {
    assertEquals("StringModel", type("StringModel").getSimpleName());
    assertFalse(generation.sources().containsKey(PKG.replace('.', '/') + "/String.java"));
  }

  @Test
  void theSameSpecGivesByteIdenticalOutput() throws Exception {
    Generation again = Generator.forPackage(PKG).generate(Compiled.resource("specs/shapes.yaml"));
    assertEquals(generation.sources(), again.sources());
    assertEquals(generation.warnings(), again.warnings());
  }

  @Test
  void openApi31GivesTheSameModelsAs30IncludingRefsAcrossFiles(@TempDir Path tmp) throws Exception {
    Generation v30 = Generator.forPackage("p").generate(Compiled.resource("golden/pets/api.yaml"));
    Generation v31 = Generator.forPackage("p").generate(Compiled.resource("specs/pets31.yaml"));
    assertEquals(v30.sources().keySet(), v31.sources().keySet());
    assertTrue(v31.sources().containsKey("p/Money.java"), "the schema from common.yaml keeps its name");
    v30.sources().forEach((k, v) -> assertEquals(v.replace("api.yaml", "pets31.yaml"), v31.sources().get(k), k));
    ClassLoader pets = Compiled.compile(v31, tmp);
    Object shape = MAPPER.readValue("{\"kind\":\"circle\",\"radius\":2.5}", pets.loadClass("p.Shape"));
    assertEquals("Circle", shape.getClass().getSimpleName());
    Object pet = MAPPER.readValue("{\"id\":1,\"name\":\"Rex\",\"pet-type\":\"dog\",\"status\":\"adopted\","
        + "\"price\":{\"amount\":9.5,\"currency\":\"EUR\"}}", pets.loadClass("p.Pet"));
    assertTrue(pet.toString().contains("status=UNKNOWN_") && pet.toString().contains("currency=EUR"),
        pet.toString());
  }
}
