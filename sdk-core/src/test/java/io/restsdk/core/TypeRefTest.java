package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Generic body types are named with {@link TypeRef}; a bare {@link Type} is no longer taken. */
class TypeRefTest extends ClientTest {
  private static final String SHELF = "[{\"title\":\"Dune\",\"author\":\"Herbert\"},"
      + "{\"title\":\"Emma\",\"author\":\"Austen\"}]";

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aResourceOfAListDecodesEveryElementAsTheElementType(Mode mode) throws Exception {
    server.enqueue(json(200, SHELF, "\"s1\""));
    Resource<List<Book>> shelves = client.resource("shelves", new TypeRef<List<Book>>() {});
    List<Book> shelf = mode.get(shelves, "1");
    assertEquals(List.of(new Book("Dune", "Herbert"), new Book("Emma", "Austen")), shelf);
    assertEquals(Book.class, shelf.get(0).getClass(), "not a LinkedHashMap");
    assertEquals("/v1/shelves/1", take().getTarget());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void sendDecodesAGenericType(Mode mode) {
    server.enqueue(json(200, "{\"dune\":{\"title\":\"Dune\",\"author\":\"Herbert\"}}"));
    TypeRef<Map<String, Book>> type = new TypeRef<>() {};
    ApiResponse<Map<String, Book>> r = mode == Mode.SYNC
        ? client.send(ApiRequest.get("index"), type)
        : Mode.join(client.sendAsync(ApiRequest.get("index"), type));
    Map<String, Book> index = ((ApiResponse.Ok<Map<String, Book>>) r).body();
    assertEquals(new Book("Dune", "Herbert"), index.get("dune"));
  }

  @Test
  @SuppressWarnings({"rawtypes", "unchecked"})
  void aRawTypeRefIsRefusedWithAnExample() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> new TypeRef() {});
    assertEquals("TypeRef must be created as a direct anonymous subclass with a type argument,"
        + " e.g. new TypeRef<List<Book>>() {}", e.getMessage());
  }

  @Test
  void aTypeRefOfATypeVariableIsRefused() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> client.resource("shelves", listOf()));
    assertEquals("TypeRef<java.util.List<X>> holds a type variable, which is erased at run time"
        + " (was the TypeRef created in generic code?); name the concrete type, e.g."
        + " new TypeRef<List<Book>>() {}", e.getMessage());
    assertThrows(IllegalArgumentException.class,
        () -> client.send(ApiRequest.get("shelves/1"), listOf()));
    assertThrows(IllegalArgumentException.class,
        () -> client.sendAsync(ApiRequest.get("shelves/1"), listOf()));
    assertEquals(0, server.getRequestCount());
  }

  private static <X> TypeRef<List<X>> listOf() {
    return new TypeRef<List<X>>() {};
  }

  @Test
  void nullTypesAreRefused() {
    assertEquals("type == null", assertThrows(NullPointerException.class,
        () -> client.resource("shelves", (TypeRef<Book>) null)).getMessage());
    assertEquals("type == null", assertThrows(NullPointerException.class,
        () -> client.send(ApiRequest.get("x"), (TypeRef<Book>) null)).getMessage());
  }

  @Test
  void noPublicMethodTakesABareReflectType() {
    for (Class<?> c : new Class<?>[] {RestClient.class, Resource.class, AsyncResource.class}) {
      for (Method m : c.getMethods()) {
        assertTrue(Arrays.stream(m.getParameterTypes()).noneMatch(p -> p == Type.class),
            c.getSimpleName() + "." + m.getName() + " takes a java.lang.reflect.Type");
      }
    }
  }
}
