package io.restsdk.it.spring;

import org.jspecify.annotations.Nullable;

/**
 * The client's view of a book. {@code author} is the author's URI when writing (Spring Data
 * REST takes an association as a URI); a read leaves it null, since the server sends the
 * association only as a link in {@code _links}.
 */
record BookView(String title, @Nullable String author, long counter) {
  BookView withCounter(long c) {
    return new BookView(title, author, c);
  }
}
