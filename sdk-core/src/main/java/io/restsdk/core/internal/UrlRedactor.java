package io.restsdk.core.internal;

import java.util.ArrayList;
import java.util.List;
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

  /**
   * The values of the URL's secret query parameters (those {@link #redact} hides), each as
   * sent (percent-encoded) and decoded, so a server's echo of either can be found.
   */
  public static List<String> secretValues(HttpUrl url) {
    if (url.querySize() == 0) return List.of();
    List<String> values = new ArrayList<>(2);
    String[] encoded = String.valueOf(url.encodedQuery()).split("&", -1);
    for (int i = 0; i < url.querySize(); i++) {
      String value = url.queryParameterValue(i);
      if (value == null || !isSecretName(url.queryParameterName(i))) continue;
      values.add(value);
      if (i < encoded.length) {
        int eq = encoded[i].indexOf('=');
        String raw = eq < 0 ? "" : encoded[i].substring(eq + 1);
        if (!raw.equals(value)) values.add(raw);
      }
    }
    return values;
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
