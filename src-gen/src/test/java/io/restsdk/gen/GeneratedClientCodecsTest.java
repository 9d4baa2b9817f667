package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.restsdk.core.RestClient;
import io.restsdk.jackson3.Jackson3Codec;
import io.restsdk.testkit.MockApiServer;
import io.restsdk.testkit.RecordedCall;
import java.io.File;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A generated client works unchanged with either codec. The books client (golden/books) and a
 * loosely typed one (codecs/loose.yaml: free-form, untyped and union values as {@code Object},
 * an operation without a declared 2xx as {@code ApiResponse<Object>}) are compiled, with an
 * application using them (codecs/scenario), against a class path built from the jars
 * themselves that holds no Jackson databind at all: Jackson's annotations, JSpecify, sdk-core,
 * sdk-jackson3 and Jackson 3. The compiled classes then run in a class loader whose parent is
 * the platform loader, so that it sees one Jackson only: Jackson 3 through
 * {@code Jackson3Codec}, or Jackson 2 through the default codec; each run against
 * {@link MockApiServer} (in the test's own loader): create (201, Location followed), get (200,
 * then 304), every page of a listing, delete (204, then 404), and the loosely typed values
 * written and read back as maps, lists, strings, numbers and booleans.
 */
class GeneratedClientCodecsTest {

  static Path classes;

  @BeforeAll
  static void generateAndCompile(@TempDir Path tmp) throws Exception {
    Path src = tmp.resolve("src");
    Generator.forPackage("com.acme.books").generate(Compiled.resource("golden/books/api.yaml")).writeTo(src);
    Generator.forPackage("com.acme.loose").generate(Compiled.resource("codecs/loose.yaml")).writeTo(src);
    Files.createDirectories(src.resolve("scenario"));
    for (String name : List.of("Scenario.java", "Jackson3Codecs.java")) {
      Files.copy(Compiled.resource("codecs/scenario/" + name), src.resolve("scenario/" + name));
    }
    List<Path> compile = compileClasspath();
    for (Path entry : compile) {
      assertFalse(holds(entry, "com/fasterxml/jackson/databind/ObjectMapper.class"),
          () -> entry + " holds Jackson 2's databind");
    }
    classes = tmp.resolve("classes");
    Compiled.javac(src, compile.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator)),
        classes);
  }

  /** What the application compiles against: no Jackson 2 databind, no Jackson 2 core. */
  static List<Path> compileClasspath() {
    return List.of(jarOf(JsonProperty.class), jarOf(org.jspecify.annotations.Nullable.class),
        jarOf(RestClient.class), jarOf(Jackson3Codec.class),
        jarOf(tools.jackson.databind.json.JsonMapper.class), jarOf(tools.jackson.core.JsonParser.class));
  }

  /** What sdk-core needs at run time besides a codec: OkHttp (with Okio, Kotlin) and Failsafe. */
  static List<Path> runtimeClasspath(String codec) {
    List<Path> path = new ArrayList<>(List.of(classes, jarOf(JsonProperty.class), jarOf(RestClient.class),
        jarOf(okhttp3.OkHttpClient.class), jarOf(okio.Buffer.class), jarOf(kotlin.Unit.class),
        jarOf(dev.failsafe.Failsafe.class)));
    if (codec.equals("JACKSON3")) {
      path.addAll(List.of(jarOf(Jackson3Codec.class), jarOf(tools.jackson.databind.json.JsonMapper.class),
          jarOf(tools.jackson.core.JsonParser.class)));
    } else {
      path.addAll(List.of(jarOf(com.fasterxml.jackson.databind.ObjectMapper.class),
          jarOf(com.fasterxml.jackson.core.JsonFactory.class)));
    }
    return path;
  }

  static Path jarOf(Class<?> type) {
    try {
      return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (java.net.URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  static boolean holds(Path entry, String resource) {
    if (Files.isDirectory(entry)) {
      return Files.exists(entry.resolve(resource));
    }
    try (JarFile jar = new JarFile(entry.toFile())) {
      return jar.getEntry(resource) != null;
    } catch (IOException e) {
      throw new IllegalStateException(entry.toString(), e);
    }
  }

  static URLClassLoader isolated(String codec) throws IOException {
    List<URL> urls = new ArrayList<>();
    for (Path p : runtimeClasspath(codec)) {
      urls.add(p.toUri().toURL());
    }
    return new URLClassLoader("generated-client-" + codec, urls.toArray(URL[]::new),
        ClassLoader.getPlatformClassLoader());
  }

  @Test
  void theCompileClassPathHasNoJackson2Databind(@TempDir Path tmp) throws Exception {
    Path src = Files.createDirectories(tmp.resolve("src/p"));
    Files.writeString(src.resolve("Probe.java"),
        "package p; public record Probe(com.fasterxml.jackson.databind.JsonNode node) {}");
    String cp = compileClasspath().stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    AssertionError e = assertThrows(AssertionError.class,
        () -> Compiled.javac(tmp.resolve("src"), cp, tmp.resolve("classes")));
    assertTrue(e.getMessage().contains("package com.fasterxml.jackson.databind does not exist"), e.getMessage());
  }

  @ParameterizedTest(name = "{0}, async {1}")
  @CsvSource({"JACKSON3, false", "JACKSON3, true", "JACKSON2, false", "JACKSON2, true"})
  @SuppressWarnings("unchecked")
  void theSameGeneratedClientRunsUnderEitherCodecWithTheOtherJacksonAbsent(String codec, boolean async)
      throws Exception {
    try (MockApiServer server = MockApiServer.builder().collection("books").build();
        URLClassLoader loader = isolated(codec)) {
      String absent = codec.equals("JACKSON3") ? "com.fasterxml.jackson.databind.ObjectMapper"
          : "tools.jackson.databind.ObjectMapper";
      assertThrows(ClassNotFoundException.class, () -> Class.forName(absent, false, loader));
      assertEquals(loader, loader.loadClass("com.acme.books.BooksApi").getClassLoader());
      assertEquals(loader, loader.loadClass("io.restsdk.core.RestClient").getClassLoader());

      String emma = server.collection("books").add(Map.of("title", "Emma", "author", "Austen"));
      for (int i = 1; i <= 3; i++) {
        server.collection("books").add(Map.of("title", "Book " + i));
      }
      Map<String, Object> in = new HashMap<>();
      in.put("baseUrl", server.baseUrl());
      in.put("token", server.token());
      in.put("emma", emma);
      in.put("async", async);
      in.put("codec", codec.equals("JACKSON3")
          ? ((Supplier<Object>) loader.loadClass("scenario.Jackson3Codecs").getConstructor().newInstance()).get()
          : null);
      Function<Map<String, Object>, List<String>> scenario = (Function<Map<String, Object>, List<String>>)
          loader.loadClass("scenario.Scenario").getConstructor().newInstance();
      Thread thread = Thread.currentThread();
      ClassLoader before = thread.getContextClassLoader();
      thread.setContextClassLoader(loader);
      List<String> out;
      try {
        out = new ArrayList<>(scenario.apply(in));
      } finally {
        thread.setContextClassLoader(before);
      }
      String looseId = out.remove(out.size() - 1).substring("loose id ".length());

      assertEquals(List.of(
          "created Dune 1965, id true",
          "read Emma by Austen twice, equal true",
          "listed [Emma, Book 1, Book 2, Book 3, Dune]",
          "deleted, then 404",
          "loose created: author {name=String Austen, born=Integer 1775}, notes [Integer 1, String two,"
              + " Boolean true], edition Integer 2",
          "loose read 200: author {name=String Austen, born=Integer 1775}, edition Integer 2"), out);
      List<RecordedCall> emmaReads = server.requests().stream()
          .filter(c -> c.method().equals("GET") && c.path().equals("/v1/books/" + emma)).toList();
      assertEquals(List.of(200, 304), emmaReads.stream().map(RecordedCall::status).toList());
      assertEquals(List.of("size=2", "page=1&size=2", "page=2&size=2"), server.requests().stream()
          .filter(c -> c.method().equals("GET") && c.path().equals("/v1/books")).map(RecordedCall::query).toList());
      assertEquals(List.of(201, 201), calls(server, "POST"));
      assertEquals(List.of(204), calls(server, "DELETE"));
      // what the loosely typed record was written as
      JsonNode stored = server.collection("books").get(looseId);
      assertEquals("{\"name\":\"Austen\",\"born\":1775}", stored.get("author").toString());
      assertEquals("[1,\"two\",true]", stored.get("notes").toString());
      assertEquals(2, stored.get("edition").intValue());
    }
  }

  static List<Integer> calls(MockApiServer server, String method) {
    return server.requests().stream().filter(c -> c.method().equals(method)).map(RecordedCall::status).toList();
  }
}
