package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.Entity;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.RecordedCall;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The client generated from golden/books/api.yaml, compiled in-test and called through
 * reflection against {@link MockApiServer}: create (201, Location followed), get (200, then 304
 * answered from the ETag cache), a replace with a stale ETag (412), a listing across pages, a
 * delete (204). Each through the blocking and the {@code …Async} methods.
 */
class GeneratedClientTest {

  enum Mode { SYNC, ASYNC }

  static final String PKG = "com.acme.books";
  static ClassLoader loader;

  MockApiServer server;
  RestClient client;
  Object books;

  @BeforeAll
  static void generateAndCompile(@org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    Generation g = Generator.forPackage(PKG).generate(Compiled.resource("golden/books/api.yaml"));
    loader = Compiled.compile(g, tmp);
  }

  @BeforeEach
  void start() throws Exception {
    server = MockApiServer.builder().collection("books").build();
    client = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token()).build();
    books = type("BooksApi").getConstructor(RestClient.class).newInstance(client);
  }

  @AfterEach
  void stop() {
    client.close();
    server.close();
  }

  static Class<?> type(String simpleName) throws ClassNotFoundException {
    return loader.loadClass(PKG + "." + simpleName);
  }

  /** A generated Book record. */
  static Object book(String title, String author, Integer year) throws Exception {
    Class<?> type = type("Book");
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
        .toArray(Class<?>[]::new);
    return type.getDeclaredConstructor(types).newInstance(null, title, author, year);
  }

  static Object component(Object record, String name) throws Exception {
    return record.getClass().getMethod(name).invoke(record);
  }

  /** Calls {@code name} (or {@code nameAsync}, joined); rethrows what the call threw. */
  Object call(Mode mode, String name, Object... args) throws Throwable {
    String method = mode == Mode.SYNC ? name : name + "Async";
    Method m = Arrays.stream(books.getClass().getMethods()).filter(x -> x.getName().equals(method))
        .findFirst().orElseThrow(() -> new AssertionError("no method " + method));
    try {
      Object result = m.invoke(books, args);
      if (mode == Mode.SYNC) {
        return result;
      }
      try {
        return ((CompletableFuture<?>) result).get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        throw e.getCause();
      }
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  List<RecordedCall> calls(String method) {
    return server.requests().stream().filter(c -> c.method().equals(method)).toList();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void createFollowsTheLocationOfThe201(Mode mode) throws Throwable {
    Object created = call(mode, "createBook", book("Dune", "Herbert", 1965));
    Entity<?> entity = assertInstanceOf(Entity.class, created);
    assertEquals("Dune", component(entity.body(), "title"));
    assertEquals(1965, component(entity.body(), "year"));
    assertEquals(server.collection("books").uri(entity.id()), entity.uri());
    assertNotNull(entity.etag());
    assertEquals(List.of(201), calls("POST").stream().map(RecordedCall::status).toList());
    assertEquals(List.of(200), calls("GET").stream().map(RecordedCall::status).toList());
    assertTrue(server.collection("books").contains(entity.id()));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void getReadsThenRevalidatesFromTheEtagCache(Mode mode) throws Throwable {
    String id = server.collection("books").add(Map.of("title", "Emma", "author", "Austen"));
    Object first = call(mode, "getBook", id, null);
    Object again = call(mode, "getBook", id, null);
    assertEquals("Emma", component(first, "title"));
    assertEquals(first, again);
    List<RecordedCall> gets = calls("GET");
    assertEquals(List.of(200, 304), gets.stream().map(RecordedCall::status).toList());
    assertEquals(server.collection("books").etag(id), gets.get(1).header("If-None-Match"));
    assertEquals("/v1/books/" + id, gets.get(0).path());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aPathParameterIsOneEncodedSegment(Mode mode) throws Throwable {
    server.collection("books").put("a b?c", Map.of("title", "Odd"));
    assertEquals("Odd", component(call(mode, "getBook", "a b?c", null), "title"));
    assertEquals("/v1/books/a%20b%3Fc", calls("GET").get(0).path());
    assertThrows(IllegalArgumentException.class, () -> call(mode, "getBook", "../authors", null));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void replacingAfterSomeoneElseChangedTheBookIsPreconditionFailed(Mode mode) throws Throwable {
    String id = server.collection("books").add(Map.of("title", "Emma", "author", "Austen"));
    call(mode, "getBook", id, null);
    String stale = server.collection("books").etag(id);
    server.collection("books").put(id, Map.of("title", "Emma (2nd ed.)", "author", "Austen"));
    ApiException.PreconditionFailed e = assertThrows(ApiException.PreconditionFailed.class,
        () -> call(mode, "replaceBook", id, book("Emma!", "Austen", null)));
    assertEquals(412, e.status());
    assertEquals(stale, calls("PUT").get(0).header("If-Match"));
    assertEquals("Emma (2nd ed.)", server.collection("books").get(id).get("title").asText());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  @SuppressWarnings("unchecked")
  void listingReadsEveryPageLazily(Mode mode) throws Throwable {
    for (int i = 0; i < 5; i++) {
      server.collection("books").add(Map.of("title", "Book " + i));
    }
    List<Object> titles = new ArrayList<>();
    if (mode == Mode.SYNC) {
      Stream<Object> stream = (Stream<Object>) call(mode, "listBooksStream", null, 2, null);
      assertEquals(0, server.requests().size(), "nothing is read before the stream is used");
      for (Object b : stream.toList()) {
        titles.add(component(b, "title"));
      }
    } else {
      Consumer<Object> collect = b -> {
        try {
          titles.add(component(b, "title"));
        } catch (Exception e) {
          throw new AssertionError(e);
        }
      };
      Method m = Arrays.stream(books.getClass().getMethods())
          .filter(x -> x.getName().equals("listBooksForEachAsync")).findFirst().orElseThrow();
      ((CompletableFuture<?>) m.invoke(books, null, 2, null, collect)).get(10, TimeUnit.SECONDS);
    }
    assertEquals(List.of("Book 0", "Book 1", "Book 2", "Book 3", "Book 4"), titles);
    assertEquals(List.of("size=2", "page=1&size=2", "page=2&size=2"),
        calls("GET").stream().map(RecordedCall::query).toList());
    // the one-page method reads one page
    server.clearRequests();
    List<?> page = (List<?>) call(mode, "listBooks", 1, 2, null);
    assertEquals(2, page.size());
    assertEquals("page=1&size=2", calls("GET").get(0).query());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void deleteIsA204AndTheBookIsGone(Mode mode) throws Throwable {
    String id = server.collection("books").add(Map.of("title", "Emma"));
    assertNull(call(mode, "deleteBook", id));
    assertEquals(List.of(204), calls("DELETE").stream().map(RecordedCall::status).toList());
    assertTrue(!server.collection("books").contains(id));
    assertThrows(ApiException.NotFound.class, () -> call(mode, "getBook", id, null));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void requiredArgumentsAreChecked(Mode mode) {
    NullPointerException e = assertThrows(NullPointerException.class, () -> call(mode, "createBook", (Object) null));
    assertEquals("body", e.getMessage());
    assertEquals(0, server.requests().size());
  }
}
