package io.restsdk.it.spring;

/** The client's view of an author, as an SDK user would write it for {@code /authors}. */
record AuthorView(String name, String email) {}
