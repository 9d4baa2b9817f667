package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

/**
 * An author of the bookstore the examples use: a name and an email address the server keeps
 * unique. Fields a server adds (an id, links) are ignored when decoding.
 *
 * <pre>{@code
 * Entity<Author> made = client.resource("authors", Author.class)
 *     .create(new Author("Ursula K. Le Guin", "ursula@example.com"));
 * }</pre>
 *
 * @param name the author's name
 * @param email the author's email address, unique among authors
 */
public record Author(String name, String email) {
  /** Checks that no part is null. */
  public Author {
    requireNonNull(name, "name == null");
    requireNonNull(email, "email == null");
  }

  /** This author with another name. */
  public Author withName(String newName) {
    return new Author(newName, email);
  }
}
