package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import java.net.URI;

/**
 * A book of the bookstore the examples use: a title and its author, an association held as the
 * author's URI (the {@code Location} the server returned when the author was created). Written,
 * it is that URI as a JSON string; read from a server that sends associations only as links
 * (HAL, e.g. Spring Data REST), it is filled from {@code _links.author.href}. Fields a server
 * adds (an id, other links) are ignored when decoding.
 *
 * <pre>{@code
 * Entity<Author> author = authors.create(new Author("Ursula K. Le Guin", "ursula@example.com"));
 * Entity<Book> book = books.create(new Book("The Dispossessed", author.uri()));
 * Author who = client.get(book.body().author(), Author.class); // the association, read
 * }</pre>
 *
 * @param title the title
 * @param author the absolute URI of the author
 */
public record Book(String title, URI author) {
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
