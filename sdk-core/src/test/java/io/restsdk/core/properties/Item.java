package io.restsdk.core.properties;

/** The body type the properties decode into. */
public record Item(String name, int count) {}
