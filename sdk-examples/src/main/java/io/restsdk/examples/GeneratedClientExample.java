package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.ApiException;
import io.restsdk.core.RestClient;
import io.restsdk.examples.generated.Author;
import io.restsdk.examples.generated.AuthorsApi;
import io.restsdk.examples.generated.Book;
import io.restsdk.examples.generated.BooksApi;
import io.restsdk.testkit.MockApiServer;
import java.io.PrintStream;
import java.net.URI;
import java.util.List;

/**
 * A client generated from an OpenAPI document, on sdk-core: {@code AuthorsApi} and
 * {@code BooksApi} are written by {@code restsdk-gen-maven-plugin} from
 * {@code src/main/openapi/bookstore.yaml} during this module's build (into
 * {@code target/generated-sources/restsdk}). Every generated method inherits the contract:
 * {@code Location} after a 201, the ETag cache and its 304s, {@code If-Match} on writes,
 * typed exceptions, and lazy paging.
 *
 * <pre>{@code
 * // mvn -q -pl sdk-examples -am compile exec:java -Dexec.mainClass=io.restsdk.examples.GeneratedClientExample
 * BooksApi books = new BooksApi(client);
 * URI made = books.createBook(new Book(null, "The Dispossessed", authorUri.toString()));
 * Book read = books.getBook(id);                  // 200, then 304 from the cache
 * books.listBooksStream(null, 2).forEach(...);    // every page, fetched lazily
 * }</pre>
 */
public final class GeneratedClientExample {
  private GeneratedClientExample() {}

  /**
   * What the example saw.
   *
   * @param bookId the id of the book it created
   * @param revalidated whether the second read of the book was answered by a 304
   * @param staleWriteRefused whether the write with a stale ETag ended in {@code PreconditionFailed}
   * @param titles every book's title, read a page of two at a time
   * @param deletedThenMissing whether the book, once deleted, reads as {@code NotFound}
   */
  public record Outcome(String bookId, boolean revalidated, boolean staleWriteRefused,
      List<String> titles, boolean deletedThenMissing) {}

  /** Runs the example against an in-process fake server. */
  public static void main(String[] args) {
    try (MockApiServer server = server()) {
      System.out.println(run(server, System.out));
    }
  }

  /** The fake bookstore the generated client talks to. */
  static MockApiServer server() {
    return MockApiServer.builder()
        .collection("authors", c -> c.unique("email"))
        .collection("books", c -> c.reference("author", "authors"))
        .build();
  }

  /** Runs the example against {@code server}, printing what each generated call did. */
  public static Outcome run(MockApiServer server, PrintStream out) {
    requireNonNull(server, "server == null");
    requireNonNull(out, "out == null");
    try (RestClient client = RestClient.builder()
        .baseUrl(server.baseUrl())
        .bearerToken(server.token())
        .build()) {
      AuthorsApi authors = new AuthorsApi(client);
      BooksApi books = new BooksApi(client);

      URI author = authors.createAuthor(new Author(null, "Ursula K. Le Guin", "ursula@example.com"));
      out.println("createAuthor → 201, Location " + author.getPath());
      URI made = null;
      for (String title : List.of("The Dispossessed", "The Lathe of Heaven", "Always Coming Home")) {
        URI uri = books.createBook(new Book(null, title, author.toString()));
        if (made == null) made = uri;
      }
      String id = lastSegment(requireNonNull(made));
      out.println("createBook ×3 → 201 each; the first at " + made.getPath());

      Book first = books.getBook(id);
      long hitsBefore = client.etagCache().stats().hits();
      Book again = books.getBook(id);
      boolean revalidated = client.etagCache().stats().hits() > hitsBefore && again.equals(first);
      out.println("getBook twice → 200, then 304 answered from the ETag cache: " + revalidated);

      // Someone else changes the book: the ETag this client holds is now stale.
      server.collection("books").put(id, new Book(id, "The Dispossessed (2nd ed.)", author.toString()));
      boolean staleWriteRefused;
      try {
        books.replaceBook(id, new Book(id, "A stale retitling", author.toString()), null);
        staleWriteRefused = false;
      } catch (ApiException.PreconditionFailed e) {
        staleWriteRefused = true;
        out.println("replaceBook with the cached ETag → " + e.getMessage());
      }

      List<String> titles = books.listBooksStream(null, 2).map(Book::title).toList();
      out.println("listBooksStream(size 2) → " + titles);

      books.deleteBook(id);
      boolean missing;
      try {
        books.getBook(id);
        missing = false;
      } catch (ApiException.NotFound e) {
        missing = true;
      }
      out.println("deleteBook → 204; getBook → NotFound: " + missing);
      return new Outcome(id, revalidated, staleWriteRefused, titles, missing);
    }
  }

  private static String lastSegment(URI uri) {
    String path = uri.getPath();
    return path.substring(path.lastIndexOf('/') + 1);
  }
}
