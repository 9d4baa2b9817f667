package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.ApiException;
import io.restsdk.core.Entity;
import io.restsdk.core.Resource;
import io.restsdk.core.RestClient;
import java.util.List;
import java.util.Optional;
import okhttp3.HttpUrl;

/**
 * A small service of the kind an application builds on restsdk: it keeps a library's authors
 * and books on a REST API and turns the contract's failures into answers that make sense to its
 * callers. {@code LibraryServiceTest} shows how to test such a service with the test kit's
 * JUnit extension; {@link TestingYourServiceExample} runs it against the fake server.
 *
 * <p>Thread-safe, like the {@link RestClient} it uses.
 *
 * <pre>{@code
 * LibraryService library = new LibraryService(client);
 * String ursula = library.addAuthor("Ursula K. Le Guin", "ursula@example.com");
 * String book = library.publish("The Lathe of Heaven", ursula);
 * library.retitle(book, "The Lathe of Heaven (1971)");  // safe against concurrent edits
 * library.find("987654321");                             // Optional.empty(), not an exception
 * library.retireAuthor(ursula);                          // false: she still has a book
 * }</pre>
 */
public final class LibraryService {
  private final Resource<Author> authors;
  private final Resource<Book> books;

  /** A service on the {@code authors} and {@code books} collections of {@code client}'s API. */
  public LibraryService(RestClient client) {
    requireNonNull(client, "client == null");
    this.authors = client.resource("authors", Author.class);
    this.books = client.resource("books", Book.class);
  }

  /**
   * Adds an author and returns the id the server gave it.
   *
   * @throws ApiException.Conflict if another author has this email
   */
  public String addAuthor(String name, String email) {
    return idOf(authors.create(new Author(name, email)));
  }

  /**
   * Publishes a book by an existing author and returns its id.
   *
   * @throws ApiException.Conflict if there is no such author
   */
  public String publish(String title, String authorId) {
    return idOf(books.create(new Book(title, authors.uri(authorId))));
  }

  /**
   * Gives a book a new title without overwriting anyone else's change: read, change, write with
   * {@code If-Match}, and on a 412 the same again on the fresh copy.
   *
   * @return the book as written
   * @throws ApiException.NotFound if there is no such book
   */
  public Book retitle(String bookId, String newTitle) {
    requireNonNull(newTitle, "newTitle == null");
    return books.modify(bookId, book -> book.withTitle(newTitle)).body();
  }

  /** The book with this id, or empty when there is none. */
  public Optional<Book> find(String bookId) {
    try {
      return Optional.of(books.get(bookId));
    } catch (ApiException.NotFound e) {
      return Optional.empty();
    }
  }

  /**
   * Removes an author who has no books left.
   *
   * @return true when the author is gone (also when it was already), false when books still
   *     refer to it
   */
  public boolean retireAuthor(String authorId) {
    try {
      authors.delete(authorId);
      return true;
    } catch (ApiException.NotFound e) {
      return true;
    } catch (ApiException.Conflict e) {
      return false;
    }
  }

  /** The last path segment of the entity's URI: the id in {@code …/books/{id}}. */
  private static String idOf(Entity<?> created) {
    List<String> segments = HttpUrl.get(created.location().toString()).pathSegments();
    return segments.get(segments.size() - 1);
  }

  @Override
  public String toString() {
    return "LibraryService{" + authors + ", " + books + "}";
  }
}
