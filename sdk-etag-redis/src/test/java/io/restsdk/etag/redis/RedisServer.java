package io.restsdk.etag.redis;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jspecify.annotations.Nullable;

/**
 * A real {@code redis-server} on a free loopback port, for the tests. It runs under a small shell
 * watchdog that kills it as soon as this JVM closes the watchdog's standard input: on
 * {@link #close()}, in a shutdown hook, and also when the JVM dies without running hooks (the
 * pipe closes with it). No server outlives the test run, whether tests pass or fail.
 *
 * <p>Where {@code redis-server} is not on the {@code PATH}: under {@code CI=true} the tests that
 * need it fail, saying so; elsewhere they are skipped with a message ({@link #unavailable()}).
 */
final class RedisServer implements AutoCloseable {
  /**
   * Starts the server, kills it when standard input closes (this JVM closed it or died), and
   * waits for it, so that it is reaped and the watchdog ends with it.
   */
  private static final String WATCHDOG = """
      exec 3<&0
      "$@" 3<&- & r=$!
      echo "redis-pid $r"
      trap 'kill -9 $r 2>/dev/null' TERM INT HUP
      ( read -r _ignored <&3; kill -9 $r 2>/dev/null ) &
      wait $r
      exit 0
      """;
  private static final Set<RedisServer> RUNNING = ConcurrentHashMap.newKeySet();
  private static volatile @Nullable RedisServer shared;

  static {
    Runtime.getRuntime().addShutdownHook(new Thread(() -> RUNNING.forEach(RedisServer::close),
        "redis-server-shutdown"));
  }

  private final Process watchdog;
  private final int port;
  private final Deque<String> output = new ArrayDeque<>();
  private volatile long pid = -1;

  private RedisServer(Process watchdog, int port) {
    this.watchdog = watchdog;
    this.port = port;
  }

  /** The reason Redis tests cannot run here, or empty when {@code redis-server} is present. */
  static Optional<String> unavailable() {
    return executable().isPresent() ? Optional.empty()
        : Optional.of("redis-server is not on the PATH (install it: apt-get install -y "
            + "redis-server); the tests that need a real Redis did not run");
  }

  static boolean inCi() {
    return "true".equalsIgnoreCase(System.getenv("CI"));
  }

  private static Optional<String> executable() {
    String path = System.getenv("PATH");
    if (path == null) return Optional.empty();
    for (String dir : path.split(File.pathSeparator)) {
      File f = new File(dir, "redis-server");
      if (f.canExecute()) return Optional.of(f.getAbsolutePath());
    }
    return Optional.empty();
  }

  /** The server shared by the whole test run, started on first use. */
  static RedisServer shared() {
    RedisServer s = shared;
    if (s != null) return s;
    synchronized (RedisServer.class) {
      if (shared == null) {
        shared = start();
        System.out.println("[sdk-etag-redis] Redis tests run against a real " + shared.version()
            + " at " + shared.uri());
      }
      return shared;
    }
  }

  /** A new server of its own on a free loopback port; the caller closes it. */
  static RedisServer start() {
    return start(freePort());
  }

  /** A new server on {@code port} (e.g. to bring back one that was killed). */
  static RedisServer start(int port) {
    String exe = executable().orElseThrow(() -> new IllegalStateException(unavailable().get()));
    List<String> command = new ArrayList<>(List.of("sh", "-c", WATCHDOG, "redis-watchdog", exe,
        "--port", Integer.toString(port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
        "no", "--daemonize", "no", "--enable-debug-command", "local", "--loglevel", "notice"));
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        RedisServer server = new RedisServer(p, port);
        RUNNING.add(server);
        if (server.awaitReady()) return server;
        server.close();
        last = new IOException("redis-server did not start on port " + port + ":\n"
            + String.join("\n", server.output));
      } catch (IOException e) {
        last = e;
      }
    }
    throw new UncheckedIOException(last);
  }

  private boolean awaitReady() {
    CompletableFuture<Boolean> ready = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader in = new BufferedReader(
          new InputStreamReader(watchdog.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = in.readLine()) != null;) {
          synchronized (output) {
            output.addLast(line);
            if (output.size() > 50) output.removeFirst();
          }
          if (line.startsWith("redis-pid ")) pid = Long.parseLong(line.substring(10).trim());
          if (line.contains("Ready to accept connections")) ready.complete(true);
        }
      } catch (IOException e) {
        // the server went away: its output ends here
      }
      ready.complete(false);
    }, "redis-server-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      return ready.get(15, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException | TimeoutException e) {
      return false;
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      s.setReuseAddress(true);
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  String uri() {
    return "redis://127.0.0.1:" + port;
  }

  String version() {
    synchronized (output) {
      return output.stream().filter(l -> l.contains("Redis version=")).findFirst()
          .map(l -> "redis-server " + l.replaceAll(".*Redis version=([^,]+).*", "$1"))
          .orElse("redis-server");
    }
  }

  /** Kills the server at once (SIGKILL), as a crash would. */
  void kill() {
    ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
    try {
      if (!watchdog.waitFor(10, TimeUnit.SECONDS)) throw new IllegalStateException(this + " survived SIGKILL");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    try {
      watchdog.getOutputStream().close(); // the watchdog kills redis-server and exits
    } catch (IOException e) {
      // already closed
    }
    try {
      if (!watchdog.waitFor(5, TimeUnit.SECONDS)) {
        watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
        watchdog.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      watchdog.descendants().forEach(ProcessHandle::destroyForcibly);
      watchdog.destroyForcibly();
    }
    RUNNING.remove(this);
  }

  @Override
  public String toString() {
    return "redis-server on 127.0.0.1:" + port;
  }
}
