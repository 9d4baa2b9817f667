package io.restsdk.core;

/** A test body type. */
public record Book(String title, String author) {
  Book withTitle(String t) {
    return new Book(t, author);
  }
}
