package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

/**
 * A book of the bookstore the examples use: a title and the URI of its author (the
 * {@code Location} the server returned when the author was created). Fields a server adds (an
 * id, links) are ignored when decoding.
 *
 * <pre>{@code
 * Entity<Author> author = authors.create(new Author("Ursula K. Le Guin", "ursula@example.com"));
 * Entity<Book> book = books.create(new Book("The Dispossessed", author.location().toString()));
 * }</pre>
 *
 * @param title the title
 * @param author the absolute URI of the author
 */
public record Book(String title, String author) {
  /** Checks that no part is null. */
  public Book {
    requireNonNull(title, "title == null");
    requireNonNull(author, "author == null");
  }

  /** This book with another title. */
  public Book withTitle(String newTitle) {
    return new Book(newTitle, author);
  }
}
