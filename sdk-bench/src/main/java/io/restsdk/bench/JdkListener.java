package io.restsdk.bench;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jspecify.annotations.Nullable;

/** {@link ItemRoutes} on the JDK's {@code com.sun.net.httpserver}, for comparison with Netty. */
final class JdkListener implements BenchServer.Listener {
  static {
    // Without it the JDK server leaves Nagle on and a response written in two segments can wait
    // for a delayed ACK (tens of milliseconds). Read once, when the server classes load.
    System.setProperty("sun.net.httpserver.nodelay", "true");
  }

  private final HttpServer server;
  private final @Nullable ExecutorService pool;
  private final ItemRoutes routes;

  private JdkListener(ItemRoutes routes, int threads) throws IOException {
    this.routes = routes;
    this.server = HttpServer.create(
        new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
    AtomicInteger n = new AtomicInteger();
    this.pool = threads == 0 ? null : Executors.newFixedThreadPool(threads, r -> {
      Thread t = new Thread(r, "bench-server-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(pool); // null: handlers run on the accept thread
    server.createContext("/", this::handle);
    server.start();
  }

  /** Listens on an ephemeral loopback port; {@code threads} 0 serves on the accept thread. */
  static JdkListener start(ItemRoutes routes, int threads) throws IOException {
    return new JdkListener(routes, threads);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      try (InputStream in = ex.getRequestBody()) {
        in.transferTo(OutputStream.nullOutputStream());
      }
      Headers req = ex.getRequestHeaders();
      ItemRoutes.Reply r = routes.handle(ex.getRemoteAddress().getPort(), ex.getRequestMethod(),
          ex.getRequestURI().getRawPath(), req.getFirst("If-None-Match"), req.getFirst("If-Match"));
      Headers h = ex.getResponseHeaders();
      if (r.etag() != null) h.set("ETag", r.etag());
      if (r.location() != null) h.set("Location", r.location());
      if (r.noCache()) h.set("Cache-Control", "no-cache");
      if (r.length() == 0) {
        ex.sendResponseHeaders(r.status(), -1);
        return;
      }
      h.set("Content-Type", "application/json");
      ex.sendResponseHeaders(r.status(), r.length());
      try (OutputStream out = ex.getResponseBody()) {
        for (byte[] chunk : r.body()) out.write(chunk);
      }
    }
  }

  @Override
  public InetSocketAddress address() {
    return server.getAddress();
  }

  @Override
  public void close() {
    server.stop(0);
    if (pool != null) {
      pool.shutdownNow();
      try {
        pool.awaitTermination(5, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
