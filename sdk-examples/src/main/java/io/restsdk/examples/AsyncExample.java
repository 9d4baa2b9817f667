package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.ApiException;
import io.restsdk.core.AsyncResource;
import io.restsdk.core.Entity;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import java.io.PrintStream;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import okhttp3.HttpUrl;

/**
 * The async API: {@link AsyncResource} returns {@link CompletableFuture}s and no thread waits for
 * the network. This example creates an author, then three of her books at once, reads them back
 * at once, retitles one with an async {@code modify}, and handles a 404, joining only at the end.
 *
 * <p>Two things to know: the SDK's own futures fail with the {@link io.restsdk.core.SdkException}
 * itself ({@code ApiException.NotFound}, not a {@code CompletionException} around it), while
 * stages you chain on them see it wrapped in a {@link CompletionException}, as usual for
 * {@code CompletableFuture}; and callbacks run on OkHttp's threads, so keep them short.
 *
 * <pre>{@code
 * // mvn -q -pl sdk-examples -am compile exec:java -Dexec.mainClass=io.restsdk.examples.AsyncExample
 * AsyncExample.Summary summary = AsyncExample.run(client, System.out).get(10, TimeUnit.SECONDS);
 * }</pre>
 */
public final class AsyncExample {
  private AsyncExample() {}

  /**
   * What the example did.
   *
   * @param titles the titles read back, in the order they were created
   * @param retitled the title the async {@code modify} wrote
   * @param notFoundHandled whether reading a missing book ended in {@code ApiException.NotFound}
   */
  public record Summary(List<String> titles, String retitled, boolean notFoundHandled) {}

  /** Runs the example against an in-process fake server. */
  public static void main(String[] args) throws Exception {
    try (MockApiServer server = MockApiServer.builder()
            .collection("authors", c -> c.unique("email"))
            .collection("books", c -> c.reference("author", "authors"))
            .build();
        RestClient client = RestClient.builder()
            .baseUrl(server.baseUrl())
            .bearerToken(server.token())
            .build()) {
      // The only blocking call, so that main does not return before the work is done.
      Summary summary = run(client, System.out).get(30, TimeUnit.SECONDS);
      System.out.println(summary);
    }
  }

  /**
   * Runs the example against {@code client}'s {@code authors} and {@code books}.
   *
   * @return a future that completes when every step did, with what they did
   */
  public static CompletableFuture<Summary> run(RestClient client, PrintStream out) {
    requireNonNull(client, "client == null");
    requireNonNull(out, "out == null");
    AsyncResource<Author> authors = client.resource("authors", Author.class).async();
    AsyncResource<Book> books = client.resource("books", Book.class).async();

    // 1. One request, then three that depend on it, sent together.
    CompletableFuture<List<Entity<Book>>> created = authors
        .create(new Author("Octavia E. Butler", "octavia@example.com"))
        .thenCompose(author -> {
          out.println("created author " + author.location().getPath());
          java.net.URI authorUri = author.location();
          return allOf(Stream.of("Kindred", "Dawn", "Parable of the Sower")
              .map(title -> books.create(new Book(title, authorUri)))
              .toList());
        });

    // 2. Read every book back, all at once (each GET is answered from the ETag cache by a 304).
    CompletableFuture<List<Entity<Book>>> read = created.thenCompose(made -> {
      out.println("created " + made.size() + " books at once");
      return allOf(made.stream().map(book -> books.getEntity(idOf(book))).toList());
    });

    // 3. Read-modify-write without blocking: re-done by itself if someone else wrote in between.
    CompletableFuture<Entity<Book>> retitled = read.thenCompose(all -> {
      all.forEach(b -> out.println("read \"" + b.body().title() + "\""
          + (b.revalidated() ? " (revalidated from the cache)" : "")));
      return books.modify(idOf(all.get(0)), b -> b.withTitle(b.title() + " (1979)"));
    });

    // 4. A failure arrives as the future's exception: the SDK's own future fails with NotFound
    //    itself, so handle() sees it unwrapped.
    CompletableFuture<Boolean> notFound = books.get("987654321")
        .handle((book, error) -> {
          out.println("reading book 987654321: " + (error == null ? book : error.getMessage()));
          return error instanceof ApiException.NotFound;
        });

    return retitled.thenCombine(notFound, (written, handled) -> {
      Book book = written.body(); // the server's representation, or the value written on a 204
      out.println("retitled \"" + book.title() + "\"");
      List<String> titles = read.join().stream().map(e -> e.body().title()).toList();
      return new Summary(titles, book.title(), handled);
    });
  }

  /** Completes with every result, in order, once all of {@code futures} have. */
  private static <T> CompletableFuture<List<T>> allOf(List<CompletableFuture<T>> futures) {
    return CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new))
        .thenApply(done -> futures.stream().map(CompletableFuture::join).toList());
  }

  /** The last path segment of the entity's URI: the id in {@code …/books/{id}}. */
  private static String idOf(Entity<?> entity) {
    List<String> segments = HttpUrl.get(entity.location().toString()).pathSegments();
    return segments.get(segments.size() - 1);
  }
}
