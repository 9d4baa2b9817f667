package io.restsdk.examples;

import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import java.io.PrintStream;
import java.util.Optional;

/**
 * Runs {@link LibraryService}, a service of your own built on restsdk, against the test kit's
 * fake server instead of a real API: the same thing its tests do with
 * {@code MockApiServerExtension} (see {@code LibraryServiceTest}), here from a {@code main}, as
 * you might to try a service out on your machine.
 *
 * <pre>{@code
 * // mvn -q -pl sdk-examples -am compile exec:java -Dexec.mainClass=io.restsdk.examples.TestingYourServiceExample
 * TestingYourServiceExample.Outcome outcome = TestingYourServiceExample.run(System.out);
 * }</pre>
 */
public final class TestingYourServiceExample {
  private TestingYourServiceExample() {}

  /**
   * What the service answered.
   *
   * @param retitled the title after {@link LibraryService#retitle}
   * @param found whether {@link LibraryService#find} found the book
   * @param missingFound whether it found a book that does not exist (it should not)
   * @param retiredWithBooks whether an author with books could be retired (it should not)
   * @param retiredWithout whether the author could be retired once the book was gone
   */
  public record Outcome(String retitled, boolean found, boolean missingFound,
      boolean retiredWithBooks, boolean retiredWithout) {}

  /** Runs the example and prints what happens. */
  public static void main(String[] args) {
    run(System.out);
  }

  /** Starts a fake server, uses the service against it, and closes both. */
  public static Outcome run(PrintStream out) {
    try (MockApiServer server = MockApiServer.builder()
            .collection("authors", c -> c.unique("email"))
            .collection("books", c -> c.reference("author", "authors"))
            .build();
        RestClient client = RestClient.builder()
            .baseUrl(server.baseUrl())
            .bearerToken(server.token())
            .build()) {
      LibraryService library = new LibraryService(client);

      String ursula = library.addAuthor("Ursula K. Le Guin", "ursula@example.com");
      String book = library.publish("The Lathe of Heaven", ursula);
      out.println("published book " + book + " by author " + ursula);

      String retitled = library.retitle(book, "The Lathe of Heaven (1971)").title();
      out.println("retitled: " + retitled);

      Optional<Book> found = library.find(book);
      Optional<Book> missing = library.find("987654321");
      out.println("find(" + book + "): " + found.map(Book::title).orElse("none")
          + "; find(987654321): " + missing.map(Book::title).orElse("none"));

      boolean retiredWithBooks = library.retireAuthor(ursula);
      out.println("retire an author who still has a book: " + retiredWithBooks);
      server.collection("books").remove(book); // the fake's state can be changed directly
      boolean retiredWithout = library.retireAuthor(ursula);
      out.println("retire her once the book is gone: " + retiredWithout);

      return new Outcome(retitled, found.isPresent(), missing.isPresent(), retiredWithBooks,
          retiredWithout);
    }
  }
}
