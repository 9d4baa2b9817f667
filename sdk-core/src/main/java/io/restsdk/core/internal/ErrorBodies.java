package io.restsdk.core.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restsdk.core.ApiError;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/**
 * Reads the error a server put in a 4xx/5xx body. Real servers vary, so three shapes are
 * accepted: the contract's {@code {code,type,message}}, RFC 9457 problem details
 * ({@code status,title,detail}), and any JSON object with a {@code message}.
 */
public final class ErrorBodies {
  private static final Pattern STACK_FRAME = Pattern.compile(
      "(?m)^\\s*at [\\w$.<>]+\\([^)]*\\)\\s*$"                    // Java frames
          + "|Traceback \\(most recent call last\\)"                // Python
          + "|Exception in thread \""                               // Java, uncaught
          + "|(?m)^\\s*at .+ \\(.+:\\d+:\\d+\\)\\s*$"               // JavaScript
          + "|\\b(java|javax|jakarta|org\\.springframework)\\.[\\w.$]+(Exception|Error)\\b");

  private ErrorBodies() {}

  /** The parsed error, or null when the body is empty, not JSON, or not an object. */
  public static @Nullable ApiError parse(
      byte[] body, @Nullable MediaType contentType, int status, ObjectMapper mapper) {
    if (body.length == 0) return null;
    if (contentType != null && !MediaTypes.isJson(contentType)) return null;
    if (contentType == null && !looksLikeJsonObject(body)) return null;
    JsonNode node;
    try {
      node = mapper.readTree(body);
    } catch (IOException e) {
      return null;
    }
    if (node == null || !node.isObject()) return null;
    String reason = ReasonPhrases.of(status);
    if (node.hasNonNull("message")) {
      int code = node.path("code").canConvertToInt() ? node.path("code").asInt(status) : status;
      String type = text(node, "type", text(node, "title", reason));
      return new ApiError(code, type, node.get("message").asText());
    }
    if (node.has("title") || node.has("detail") || node.has("status")) {
      int code = node.path("status").canConvertToInt() ? node.path("status").asInt(status) : status;
      String title = text(node, "title", reason);
      return new ApiError(code, title, text(node, "detail", title));
    }
    return null;
  }

  /** True when the text reads like a raw stack trace rather than a sanitized error. */
  public static boolean looksLikeStackTrace(String text) {
    return STACK_FRAME.matcher(text).find();
  }

  /** The body as text for diagnostics, at most {@code max} characters. */
  public static @Nullable String text(byte[] body, int max) {
    if (body.length == 0) return null;
    String s = new String(body, StandardCharsets.UTF_8);
    return s.length() > max ? s.substring(0, max) : s;
  }

  private static String text(JsonNode node, String field, String fallback) {
    JsonNode v = node.get(field);
    return v == null || v.isNull() || v.isContainerNode() ? fallback : v.asText();
  }

  private static boolean looksLikeJsonObject(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
      return b == '{';
    }
    return false;
  }
}
