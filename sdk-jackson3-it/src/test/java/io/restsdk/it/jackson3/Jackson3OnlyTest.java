package io.restsdk.it.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiException;
import io.restsdk.core.Entity;
import io.restsdk.core.Page;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.PropertyNamingStrategies;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The application on Jackson 3 only: no class of Jackson 2's databind can be loaded, and
 * restsdk creates, reads (200, then 304 from its ETag cache), updates with If-Match and lists
 * pages, sync and async, through the application's own {@link JsonMapper}.
 */
class Jackson3OnlyTest {
  private static final JsonMapper MAPPER = JsonMapper.builder()
      .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE) // the app's settings apply
      .build();

  private MockWebServer server;
  private final Books books = new Books();
  private final BlockingQueue<RecordedRequest> seen = new LinkedBlockingQueue<>();

  @BeforeEach
  void start() throws Exception {
    server = new MockWebServer();
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        seen.add(request);
        return books.answer(request);
      }
    });
    server.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  @Test
  void noClassOfJackson2sDatabindCanBeLoaded() {
    for (String name : List.of("com.fasterxml.jackson.databind.ObjectMapper",
        "com.fasterxml.jackson.databind.JsonNode", "com.fasterxml.jackson.core.JsonParser")) {
      assertThrows(ClassNotFoundException.class, () -> Class.forName(name),
          name + " is on the class path of a Jackson-3-only application");
    }
  }

  @Test
  void withoutACodecBuildSaysWhatToAddInsteadOfFailingOnAMissingClass() {
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> RestClient.builder().baseUrl(server.url("/v1/").toString()).build());
    assertTrue(e.getMessage().contains("io.restsdk:sdk-jackson3"), e.getMessage());
    assertTrue(e.getMessage().contains(".codec(Jackson3Codec.of(jsonMapper))"), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void createReadRevalidateUpdateAndList(boolean async) throws Exception {
    try (RestClient client = Library.client(server.url("/v1/").toString(), MAPPER)) {
      Resource<Book> resource = client.resource("books", Book.class);

      Entity<Book> created = run(async, () -> resource.create(new Book(null, "Dune", 1965,
          new BigDecimal("9.90"))), () -> resource.async().create(new Book(null, "Dune", 1965,
          new BigDecimal("9.90"))));
      RecordedRequest post = seen.take();
      assertEquals("POST", post.getMethod());
      assertEquals(MAPPER.readTree("{\"title\":\"Dune\",\"first_published\":1965,"
          + "\"price\":9.90}"), MAPPER.readTree(post.getBody().utf8()),
          "the application's annotations and mapper, nulls left out");
      assertTrue(post.getBody().utf8().contains("9.90"), post.getBody().utf8());
      String id = created.body().id();
      assertNotNull(id);
      assertEquals(0, new BigDecimal("9.90").compareTo(created.body().price()),
          "the price read back (the fake server stores it as a double)");
      seen.clear();

      Entity<Book> first = run(async, () -> resource.getEntity(id),
          () -> resource.async().getEntity(id));
      assertEquals(200, first.status());
      assertEquals(1965, first.body().year());
      Entity<Book> again = run(async, () -> resource.getEntity(id),
          () -> resource.async().getEntity(id));
      assertTrue(again.revalidated(), "answered 304 and served from the ETag cache");
      assertEquals(first.body(), again.body());
      seen.take();
      RecordedRequest conditional = seen.take();
      assertEquals(first.etag().toString(), conditional.getHeaders().get("If-None-Match"));

      Entity<Book> updated = run(async,
          () -> resource.update(again.withBody(again.body().withTitle("Dune Messiah"))),
          () -> resource.async().update(again.withBody(again.body().withTitle("Dune Messiah"))));
      RecordedRequest put = seen.take();
      assertEquals("PUT", put.getMethod());
      assertEquals(again.etag().toString(), put.getHeaders().get("If-Match"));
      assertEquals("Dune Messiah", updated.body().title());

      ApiException stale = assertThrows(ApiException.class, () -> resource.update(again));
      assertEquals(412, stale.status(), "the old ETag no longer matches");
      seen.clear();

      for (int i = 0; i < 4; i++) books.add("Book " + i);
      List<String> titles = new ArrayList<>();
      if (async) {
        resource.async().forEach(io.restsdk.core.Query.of(), b -> titles.add(b.title()))
            .get(10, TimeUnit.SECONDS);
      } else {
        Page<Book> page = resource.list();
        assertTrue(page.hasNext(), "the Link header's next page");
        resource.stream(io.restsdk.core.Query.of()).forEach(b -> titles.add(b.title()));
      }
      assertEquals(List.of("Dune Messiah", "Book 0", "Book 1", "Book 2", "Book 3"), titles);
    }
  }

  private static <T> T run(boolean async, java.util.function.Supplier<T> sync,
      java.util.function.Supplier<CompletableFuture<T>> future) throws Exception {
    return async ? future.get().get(10, TimeUnit.SECONDS) : sync.get();
  }

  /** A small conforming books API: ETags, 304, If-Match, pages with a Link header. */
  private static final class Books {
    private final Map<String, ObjectNode> items = new ConcurrentHashMap<>();
    private final Map<String, Integer> versions = new ConcurrentHashMap<>();
    private final AtomicInteger ids = new AtomicInteger();

    void add(String title) {
      String id = String.valueOf(ids.incrementAndGet());
      ObjectNode b = MAPPER.createObjectNode().put("id", id).put("title", title);
      items.put(id, b);
      versions.put(id, 1);
    }

    MockResponse answer(RecordedRequest r) {
      String path = r.getUrl().encodedPath();
      String method = r.getMethod();
      if (path.equals("/v1/books") && method.equals("POST")) {
        String id = String.valueOf(ids.incrementAndGet());
        ObjectNode b = (ObjectNode) MAPPER.readTree(r.getBody().utf8());
        b.put("id", id);
        items.put(id, b);
        versions.put(id, 1);
        return entity(201, id).addHeader("Location", "/v1/books/" + id).build();
      }
      if (path.equals("/v1/books") && method.equals("GET")) {
        int page = Integer.parseInt(r.getUrl().queryParameter("page") == null ? "0"
            : r.getUrl().queryParameter("page"));
        List<String> ids = items.keySet().stream().sorted(
            java.util.Comparator.comparingInt(Integer::parseInt)).toList();
        int from = page * 2;
        List<JsonNode> slice = new ArrayList<>();
        for (int i = from; i < Math.min(from + 2, ids.size()); i++) slice.add(items.get(ids.get(i)));
        MockResponse.Builder b = new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/json")
            .body(MAPPER.writeValueAsString(slice));
        if (from + 2 < ids.size()) {
          b.addHeader("Link", "</v1/books?page=" + (page + 1) + ">; rel=\"next\"");
        }
        return b.build();
      }
      String id = path.substring("/v1/books/".length());
      if (!items.containsKey(id)) return new MockResponse.Builder().code(404).build();
      String etag = "\"v" + versions.get(id) + "\"";
      if (method.equals("GET")) {
        if (etag.equals(r.getHeaders().get("If-None-Match"))) {
          return new MockResponse.Builder().code(304).addHeader("ETag", etag).build();
        }
        return entity(200, id).build();
      }
      if (method.equals("PUT")) {
        if (!etag.equals(r.getHeaders().get("If-Match"))) {
          return new MockResponse.Builder().code(412).addHeader("Content-Type", "application/json")
              .body("{\"code\":412,\"type\":\"Precondition Failed\",\"message\":\"stale\"}").build();
        }
        ObjectNode b = (ObjectNode) MAPPER.readTree(r.getBody().utf8());
        b.put("id", id);
        items.put(id, b);
        versions.merge(id, 1, Integer::sum);
        return entity(200, id).build();
      }
      return new MockResponse.Builder().code(405).build();
    }

    private MockResponse.Builder entity(int code, String id) {
      return new MockResponse.Builder().code(code)
          .addHeader("Content-Type", "application/json")
          .addHeader("ETag", "\"v" + versions.get(id) + "\"")
          .body(MAPPER.writeValueAsString(items.get(id)));
    }
  }
}
