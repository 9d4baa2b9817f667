/**
 * A conforming fake of a restsdk-style REST API for tests, built on mockwebserver3.
 *
 * <p>Entry points:
 *
 * <ul>
 *   <li>{@link io.restsdk.testkit.MockApiServer}: the fake server with in-memory JSON collections;
 *   <li>{@link io.restsdk.testkit.Faults}: scripted failures and contract violations;
 *   <li>{@link io.restsdk.testkit.ServerAssertions}: assertions over the recorded traffic;
 *   <li>{@link io.restsdk.testkit.MockApiServerExtension}: the JUnit 5 extension.
 * </ul>
 *
 * <pre>{@code
 * try (MockApiServer server = MockApiServer.builder().collection("books").build()) {
 *   server.collection("books").put("1", "{\"title\":\"Dune\"}");
 *   // point the code under test at server.baseUrl() with server.token()
 * }
 * }</pre>
 */
@NullMarked
package io.restsdk.testkit;

import org.jspecify.annotations.NullMarked;
