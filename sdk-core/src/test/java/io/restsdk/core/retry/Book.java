package io.restsdk.core.retry;

/** A test model. */
public record Book(String title, String author) {}
