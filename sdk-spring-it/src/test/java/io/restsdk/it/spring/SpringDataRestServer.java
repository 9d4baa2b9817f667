package io.restsdk.it.spring;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts {@link ItApplication} once for the whole test run, on a random loopback port, and
 * closes it when the run ends (it is kept in JUnit's root store, which closes it).
 *
 * <pre>{@code
 * @ExtendWith(SpringDataRestServer.class)
 * class SomeTest {
 *   RestClient client = RestClient.builder().baseUrl(SpringDataRestServer.baseUrl())
 *       .noAuthentication().build();
 * }
 * }</pre>
 */
public final class SpringDataRestServer implements BeforeAllCallback {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SpringDataRestServer.class);

  private static volatile Running running;

  @Override
  public void beforeAll(ExtensionContext context) {
    running = context.getRoot().getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, k -> Running.start(), Running.class);
  }

  /** The server's root, e.g. {@code http://127.0.0.1:41234/}. */
  public static String baseUrl() {
    Running r = running;
    if (r == null) throw new IllegalStateException("not started: @ExtendWith(SpringDataRestServer.class)");
    return r.baseUrl;
  }

  /** The application context, e.g. to reach a repository directly. */
  public static ConfigurableApplicationContext context() {
    Running r = running;
    if (r == null) throw new IllegalStateException("not started: @ExtendWith(SpringDataRestServer.class)");
    return r.context;
  }

  /** The started application; closing it stops Tomcat and drops the in-memory database. */
  static final class Running implements AutoCloseable {
    final ConfigurableApplicationContext context;
    final String baseUrl;

    private Running(ConfigurableApplicationContext context) {
      this.context = context;
      int port = ((ServletWebServerApplicationContext) context).getWebServer().getPort();
      this.baseUrl = "http://127.0.0.1:" + port + "/";
    }

    static Running start() {
      return start(Map.of());
    }

    /** An application of its own, with {@code extra} properties (e.g. {@link TourSecurity}'s). */
    static Running start(Map<String, Object> extra) {
      SpringApplication app = new SpringApplication(ItApplication.class);
      Map<String, Object> properties = new java.util.HashMap<>(extra);
      properties.putAll(Map.<String, Object>of(
          "server.port", "0",
          "server.address", "127.0.0.1",
          "spring.main.banner-mode", "off",
          "spring.datasource.url",
          "jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
          "logging.level.root", "WARN",
          // Spring Boot's reminder that open-in-view is on by default (kept on: it is the default).
          "logging.level.org.springframework.boot.autoconfigure.orm.jpa", "ERROR",
          // Tolerated contract violations stay out of the output; SdkLog still sees them.
          "logging.level.io.restsdk.core", "ERROR",
          // The FK and unique violations the tests provoke are logged by Hibernate as errors.
          "logging.level.org.hibernate.engine.jdbc.spi.SqlExceptionHelper", "OFF"));
      app.setDefaultProperties(properties);
      return new Running(app.run());
    }

    @Override
    public void close() {
      context.close();
    }
  }
}
