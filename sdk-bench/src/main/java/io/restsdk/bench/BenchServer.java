package io.restsdk.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The loopback server every benchmark talks to. Its HTTP engine is Netty by default (a small
 * event-loop group); the JDK's {@code com.sun.net.httpserver} is kept for comparison
 * ({@code -Dbench.server.engine=jdk}): see the README for what each costs per request.
 *
 * <ul>
 *   <li>{@code GET /items/{id}}: 200 with the item as JSON (about 100 KB when the id ends with
 *       {@code 100k}, about 1 KB otherwise), a strong {@code ETag} and {@code Cache-Control:
 *       no-cache}; 304 when {@code If-None-Match} holds the current tag. Ids ending with {@code
 *       -live} get a new tag on every read, so every GET of them is a 200 even for clients that
 *       revalidate.
 *   <li>{@code POST /items}: reads the body, 201 with {@code Location: /items/c<n>}.
 *   <li>{@code PUT /items/{id}} with {@code If-Match}: 204 and a new version when the tag is the
 *       current one, 412 when it is not, 428 without {@code If-Match}.
 * </ul>
 *
 * <p>The body bytes do not change with the version: only the tag does. Thread-safe.
 *
 * <pre>{@code
 * try (BenchServer server = BenchServer.start()) {
 *   URI item = server.baseUri().resolve("items/" + BenchServer.SMALL);
 * }
 * }</pre>
 */
public final class BenchServer implements AutoCloseable {
  /** A stable ~1 KB item: 304 when revalidated. */
  public static final String SMALL = "1k";
  /** A stable ~100 KB item: 304 when revalidated. */
  public static final String LARGE = "100k";
  /** A ~1 KB item with a new ETag on every read: always 200. */
  public static final String SMALL_LIVE = "1k-live";
  /** A ~100 KB item with a new ETag on every read: always 200. */
  public static final String LARGE_LIVE = "100k-live";

  /** System property: {@code netty} (default) or {@code jdk}. */
  public static final String ENGINE_PROPERTY = "bench.server.engine";
  /** System property: I/O or pool threads (default 2 for Netty, 4 for the JDK server). */
  public static final String THREADS_PROPERTY = "bench.server.threads";

  /** The HTTP engine carrying the routes. */
  public enum Engine { NETTY, JDK }

  /** A started listener of one engine. */
  interface Listener extends AutoCloseable {
    InetSocketAddress address();

    @Override
    void close();
  }

  private final ItemRoutes routes = new ItemRoutes();
  private final Listener listener;
  private final Engine engine;

  private BenchServer(Engine engine, int threads) throws IOException {
    this.engine = engine;
    this.listener = switch (engine) {
      case NETTY -> NettyListener.start(routes, threads);
      case JDK -> JdkListener.start(routes, threads);
    };
  }

  /** Starts a server on an ephemeral loopback port, configured by the system properties. */
  public static BenchServer start() {
    Engine engine = Engine.valueOf(
        System.getProperty(ENGINE_PROPERTY, "netty").toUpperCase(Locale.ROOT));
    return start(engine, Integer.getInteger(THREADS_PROPERTY, engine == Engine.NETTY ? 2 : 4));
  }

  /** Starts a server on an ephemeral loopback port. */
  public static BenchServer start(Engine engine, int threads) {
    if (threads < 0) throw new IllegalArgumentException("threads must be >= 0: " + threads);
    try {
      return new BenchServer(engine, threads);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the bench server", e);
    }
  }

  /**
   * Runs a server in this process for {@link ServerProcess}: prints {@code READY <base URI>},
   * then answers {@code stats} with {@code STATS <requests> <connections>}, and stops on {@code
   * quit} or when
   * standard input closes (the parent died).
   */
  public static void main(String[] args) throws IOException {
    try (BenchServer server = start();
        BufferedReader in = new BufferedReader(
            new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
      System.out.println("READY " + server.baseUri());
      System.out.flush();
      for (String line; (line = in.readLine()) != null; ) {
        if (line.equals("quit")) break;
        if (line.equals("stats")) {
          System.out.println("STATS " + server.requests() + " " + server.connections());
          System.out.flush();
        }
      }
    }
  }

  /** {@code http://127.0.0.1:<port>/}. */
  public URI baseUri() {
    InetSocketAddress a = listener.address();
    return URI.create("http://" + a.getAddress().getHostAddress() + ":" + a.getPort() + "/");
  }

  /** The engine serving. */
  public Engine engine() {
    return engine;
  }

  /** The body size in bytes served for {@code id}. */
  public int bodySize(String id) {
    return routes.bodySize(id);
  }

  /** Requests answered so far. */
  public long requests() {
    return routes.requests();
  }

  /** Connections that sent requests so far. */
  public int connections() {
    return routes.connections();
  }

  /** Responses sent so far with {@code status}. */
  public long responses(int status) {
    return routes.responses(status);
  }

  /** Stops the server at once. */
  @Override
  public void close() {
    listener.close();
  }
}
