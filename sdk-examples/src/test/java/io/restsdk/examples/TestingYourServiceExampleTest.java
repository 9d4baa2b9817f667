package io.restsdk.examples;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

class TestingYourServiceExampleTest {
  @Test
  void runsTheServiceAgainstTheFakeServer() {
    ByteArrayOutputStream printed = new ByteArrayOutputStream();

    TestingYourServiceExample.Outcome outcome =
        TestingYourServiceExample.run(new PrintStream(printed, true, UTF_8));

    assertEquals(new TestingYourServiceExample.Outcome(
        "The Lathe of Heaven (1971)", true, false, false, true), outcome);
    assertEquals("""
        published book 1 by author 1
        retitled: The Lathe of Heaven (1971)
        find(1): The Lathe of Heaven (1971); find(987654321): none
        retire an author who still has a book: false
        retire her once the book is gone: true
        """, printed.toString(UTF_8));
  }
}
