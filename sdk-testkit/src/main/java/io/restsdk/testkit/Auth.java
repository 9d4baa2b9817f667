package io.restsdk.testkit;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/** Bearer token rules: no or unknown token is 401 without body, a read-only token writing is 403. */
final class Auth {
  private final boolean enabled;
  private final String token;
  private final String readOnlyToken;

  Auth(boolean enabled, String token, String readOnlyToken) {
    this.enabled = enabled;
    this.token = token;
    this.readOnlyToken = readOnlyToken;
  }

  /** The token of an {@code Authorization: Bearer ...} header, or {@code null}. */
  static @Nullable String bearer(@Nullable String authorization) {
    if (authorization == null) {
      return null;
    }
    String trimmed = authorization.trim();
    if (trimmed.length() < 7 || !trimmed.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
      return null;
    }
    String value = trimmed.substring(7).trim();
    return value.isEmpty() ? null : value;
  }

  /** The 401 or 403 reply for the request, or {@code null} when it may proceed. */
  @Nullable Reply check(String method, @Nullable String bearer) {
    if (!enabled) {
      return null;
    }
    if (token.equals(bearer)) {
      return null;
    }
    if (readOnlyToken.equals(bearer)) {
      boolean read = method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
      return read ? null : Reply.error(403, "The token is read-only; " + method + " is not allowed");
    }
    return Reply.noBody(401).header("WWW-Authenticate", "Bearer");
  }
}
