package io.restsdk.core.internal;

import java.util.Locale;
import okhttp3.HttpUrl;

/**
 * Renders URLs for messages and logs: no user info, and the values of query parameters whose
 * names look like secrets replaced by {@code REDACTED}.
 */
public final class UrlRedactor {
  private static final String[] SECRET_PARTS = {
    "token", "key", "secret", "password", "passwd", "signature", "credential", "auth", "session"
  };

  private UrlRedactor() {}

  /** The URL as safe to show. */
  public static String redact(HttpUrl url) {
    boolean clean = url.username().isEmpty() && url.password().isEmpty();
    for (int i = 0; clean && i < url.querySize(); i++) {
      if (isSecretName(url.queryParameterName(i))) clean = false;
    }
    if (clean) return url.toString();
    HttpUrl.Builder b = url.newBuilder().username("").password("");
    b.query(null);
    for (int i = 0; i < url.querySize(); i++) {
      String name = url.queryParameterName(i);
      String value = url.queryParameterValue(i);
      b.addQueryParameter(name, isSecretName(name) && value != null ? "REDACTED" : value);
    }
    return b.build().toString();
  }

  /** True for names such as {@code access_token}, {@code apiKey}, {@code X-Signature}, {@code sig}. */
  public static boolean isSecretName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("sig") || n.equals("code")) return true;
    for (String part : SECRET_PARTS) {
      if (n.contains(part)) return true;
    }
    return false;
  }
}
