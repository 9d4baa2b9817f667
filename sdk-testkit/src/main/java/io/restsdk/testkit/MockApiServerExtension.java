package io.restsdk.testkit;

import io.restsdk.core.RestClient;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Objects;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolutionException;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * A JUnit 5 extension that gives every test a fresh, started {@link MockApiServer} and closes it
 * after the test. It injects:
 *
 * <ul>
 *   <li>non-static fields of type {@link MockApiServer} (set before each test);
 *   <li>test and lifecycle method parameters of type {@link MockApiServer};
 *   <li>parameters and non-static fields of type {@link RestClient}: a client pointed at the
 *       server's {@link MockApiServer#baseUrl() base URL} with its read-write {@link
 *       MockApiServer#token() token}, closed after the test.
 * </ul>
 *
 * <p>Within one test, every injection point gets the same server. State lives in the test's
 * {@link ExtensionContext.Store}, so the extension works with parallel test execution.
 *
 * <pre>{@code
 * @ExtendWith(MockApiServerExtension.class)
 * class BookServiceTest {
 *   MockApiServer server;   // injected before each test
 *
 *   @Test
 *   void updatesTitle(RestClient client) {
 *     server.collection("books").put("1", "{\"title\":\"Dune\"}");
 *     new BookService(client).rename("1", "Dune Messiah");
 *     assertEquals("Dune Messiah", server.collection("books").get("1").get("title").asText());
 *   }
 * }
 * }</pre>
 *
 * <p>To configure the servers, register the extension programmatically:
 *
 * <pre>{@code
 * @RegisterExtension
 * static MockApiServerExtension api = MockApiServerExtension.configure(b -> b
 *     .strictObserver(true)
 *     .collection("authors", c -> c.unique("email"))
 *     .collection("books", c -> c.reference("author", "authors")))
 *     .withClient((client, server) -> client.readTimeout(Duration.ofSeconds(2)));
 * }</pre>
 */
public final class MockApiServerExtension implements BeforeEachCallback, ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(MockApiServerExtension.class);
  private static final String SERVER_KEY = "server";
  private static final String CLIENT_KEY = "client";

  private final Consumer<MockApiServer.Builder> serverSetup;
  private final BiConsumer<RestClient.Builder, MockApiServer> clientSetup;

  /** An extension with default servers; this is what {@code @ExtendWith} uses. */
  public MockApiServerExtension() {
    this(builder -> {}, (client, server) -> {});
  }

  private MockApiServerExtension(
      Consumer<MockApiServer.Builder> serverSetup, BiConsumer<RestClient.Builder, MockApiServer> clientSetup) {
    this.serverSetup = serverSetup;
    this.clientSetup = clientSetup;
  }

  /** An extension whose servers are configured by {@code serverSetup} before they start. */
  public static MockApiServerExtension configure(Consumer<MockApiServer.Builder> serverSetup) {
    return new MockApiServerExtension(Objects.requireNonNull(serverSetup), (client, server) -> {});
  }

  /**
   * A copy of this extension that also customizes the injected {@link RestClient}s; {@code
   * clientSetup} runs after the base URL and token are set.
   */
  public MockApiServerExtension withClient(BiConsumer<RestClient.Builder, MockApiServer> clientSetup) {
    return new MockApiServerExtension(serverSetup, Objects.requireNonNull(clientSetup));
  }

  @Override
  public void beforeEach(ExtensionContext context) throws IllegalAccessException {
    for (Object instance : context.getRequiredTestInstances().getAllInstances()) {
      for (Class<?> type = instance.getClass(); type != null && type != Object.class; type = type.getSuperclass()) {
        for (Field field : type.getDeclaredFields()) {
          if (Modifier.isStatic(field.getModifiers()) || Modifier.isFinal(field.getModifiers())) {
            continue;
          }
          if (field.getType() == MockApiServer.class) {
            field.setAccessible(true);
            field.set(instance, server(context));
          } else if (field.getType() == RestClient.class) {
            field.setAccessible(true);
            field.set(instance, client(context));
          }
        }
      }
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    return type == MockApiServer.class || type == RestClient.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
    Class<?> type = parameterContext.getParameter().getType();
    if (type == MockApiServer.class) {
      return server(extensionContext);
    }
    if (type == RestClient.class) {
      return client(extensionContext);
    }
    throw new ParameterResolutionException("Cannot resolve " + parameterContext.getParameter());
  }

  private MockApiServer server(ExtensionContext context) {
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(SERVER_KEY, key -> newServer(), MockApiServer.class);
  }

  private MockApiServer newServer() {
    MockApiServer.Builder builder = MockApiServer.builder();
    serverSetup.accept(builder);
    return builder.build();
  }

  private RestClient client(ExtensionContext context) {
    MockApiServer server = server(context);
    return context.getStore(NAMESPACE).getOrComputeIfAbsent(CLIENT_KEY, key -> {
      RestClient.Builder builder = RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token());
      clientSetup.accept(builder, server);
      return builder.build();
    }, RestClient.class);
  }
}
