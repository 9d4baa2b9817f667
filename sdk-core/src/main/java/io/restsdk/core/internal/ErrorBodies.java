package io.restsdk.core.internal;

import io.restsdk.core.ApiError;
import io.restsdk.core.CodecException;
import java.math.BigDecimal;
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
      byte[] body, @Nullable MediaType contentType, int status) {
    if (body.length == 0) return null;
    if (contentType != null && !MediaTypes.isJson(contentType)) return null;
    if (contentType == null && !looksLikeJsonObject(body)) return null;
    Json.Node node;
    try {
      node = Json.parse(body);
    } catch (CodecException e) {
      return null;
    }
    if (!node.isObject()) return null;
    String reason = ReasonPhrases.of(status);
    Json.Node message = node.get("message");
    if (message != null && !message.isNull()) {
      int code = intOr(node.get("code"), status);
      String type = text(node, "type", text(node, "title", reason));
      return new ApiError(code, type, message.isContainer() ? "" : message.text());
    }
    if (node.get("title") != null || node.get("detail") != null || node.get("status") != null) {
      int code = intOr(node.get("status"), status);
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

  private static String text(Json.Node node, String field, String fallback) {
    Json.Node v = node.get(field);
    return v == null || v.isNull() || v.isContainer() ? fallback : v.text();
  }

  /** A number's value when it fits an int (a fraction dropped), else {@code fallback}. */
  private static int intOr(Json.@Nullable Node n, int fallback) {
    if (n == null || !n.isNumber()) return fallback;
    BigDecimal d = n.decimal();
    if (d.compareTo(BigDecimal.valueOf(Integer.MIN_VALUE)) < 0
        || d.compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
      return fallback;
    }
    return d.intValue();
  }

  private static boolean looksLikeJsonObject(byte[] body) {
    for (byte b : body) {
      if (b == ' ' || b == '\n' || b == '\r' || b == '\t') continue;
      return b == '{';
    }
    return false;
  }
}
