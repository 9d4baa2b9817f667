package io.restsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.restsdk.core.ApiError;
import java.nio.charset.StandardCharsets;
import okhttp3.MediaType;
import org.junit.jupiter.api.Test;

class ErrorBodiesTest {
  private static final MediaType JSON = MediaType.get("application/json");

  private ApiError parse(String body, MediaType type, int status) {
    return ErrorBodies.parse(body.getBytes(StandardCharsets.UTF_8), type, status);
  }

  @Test
  void contractShape() {
    assertEquals(new ApiError(500, "Internal Server Error", "Unable to communicate with database"),
        parse("{\"code\":500,\"type\":\"Internal Server Error\","
            + "\"message\":\"Unable to communicate with database\"}", JSON, 500));
  }

  @Test
  void problemDetails() {
    assertEquals(new ApiError(409, "Duplicate", "email taken"),
        parse("{\"status\":409,\"title\":\"Duplicate\",\"detail\":\"email taken\"}",
            MediaType.get("application/problem+json"), 409));
    assertEquals(new ApiError(400, "Bad Request", "Bad Request"),
        parse("{\"status\":400}", MediaType.get("application/problem+json"), 400));
  }

  @Test
  void anyObjectWithAMessageHasTheRestFilledFromTheStatus() {
    assertEquals(new ApiError(503, "Service Unavailable", "try later"),
        parse("{\"message\":\"try later\"}", JSON, 503));
    assertEquals(new ApiError(422, "Unprocessable Content", "x"),
        parse("{\"code\":\"E42\",\"message\":\"x\"}", JSON, 422));
  }

  @Test
  void nonJsonOrOtherShapesAreNotErrors() {
    assertNull(parse("oops", MediaType.get("text/plain"), 500));
    assertNull(parse("[1,2]", JSON, 500));
    assertNull(parse("{\"error\":\"x\"}", JSON, 500));
    assertNull(parse("{not json", JSON, 500));
    assertNull(parse("", JSON, 500));
    assertEquals("x", parse("{\"message\":\"x\"}", null, 500).message());
  }

  @Test
  void stackTracesAreRecognised() {
    assertTrue(ErrorBodies.looksLikeStackTrace(
        "java.lang.NullPointerException\n\tat com.x.Y.z(Y.java:10)\n"));
    assertTrue(ErrorBodies.looksLikeStackTrace("Traceback (most recent call last):\n  File"));
    assertTrue(ErrorBodies.looksLikeStackTrace("    at handler (/srv/app.js:10:5)"));
    assertFalse(ErrorBodies.looksLikeStackTrace("Unable to communicate with database"));
  }

  @Test
  void textIsCapped() {
    assertEquals("abc", ErrorBodies.text("abcdef".getBytes(StandardCharsets.UTF_8), 3));
    assertNull(ErrorBodies.text(new byte[0], 3));
  }
}
