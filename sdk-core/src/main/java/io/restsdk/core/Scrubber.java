package io.restsdk.core;

import io.restsdk.core.internal.UrlRedactor;
import java.util.List;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Replaces the credentials one request carried wherever a server may echo them back (an error
 * body, a body that fails to decode) before the text reaches an exception: the token and the
 * credential headers the request carried, the provider's current token (it may have been
 * refreshed mid-call), and the values of the URL's secret query parameters (those
 * {@link UrlRedactor} hides, such as {@code access_token}). Values shorter than 4 characters
 * are left alone: replacing them would mangle the text and hide nothing.
 */
final class Scrubber {
  static final String REDACTED = "REDACTED";
  private static final int MIN_LENGTH = 4;

  private final List<String> secrets;
  private final HttpUrl url;
  private final @Nullable TokenProvider tokens;

  /**
   * @param secrets the credentials the request carried (the token, credential header values)
   * @param url the request URL, whose secret query values are scrubbed too
   * @param tokens the client's provider, asked for its current token only when the request
   *     carried credentials
   */
  Scrubber(List<String> secrets, HttpUrl url, @Nullable TokenProvider tokens) {
    this.secrets = secrets;
    this.url = url;
    this.tokens = secrets.isEmpty() ? null : tokens;
  }

  /** {@code text} with every credential of the request replaced by {@code REDACTED}. */
  String scrub(String text) {
    for (String secret : secrets) text = scrubOne(text, secret);
    for (String secret : UrlRedactor.secretValues(url)) text = scrubOne(text, secret);
    if (tokens != null) text = scrubOne(text, tokens.token());
    return text;
  }

  /**
   * {@link #scrub} and, in a parser's message that quotes what it read ({@code 'Tk3f9a'}), a
   * quoted fragment of any of the request's credentials too: a parser stops a token at the
   * first character it cannot take (a {@code -} or {@code /} of a token), so it may quote a
   * credential's first part only.
   */
  String scrubQuoted(String text) {
    text = scrub(text);
    List<String> all = new java.util.ArrayList<>(secrets);
    all.addAll(UrlRedactor.secretValues(url));
    if (tokens != null && tokens.token() != null) all.add(tokens.token());
    StringBuilder out = new StringBuilder(text.length());
    int from = 0;
    while (true) {
      int open = text.indexOf('\'', from);
      int close = open < 0 ? -1 : text.indexOf('\'', open + 1);
      if (close < 0) break;
      String quoted = text.substring(open + 1, close);
      boolean secret = quoted.length() >= MIN_LENGTH
          && all.stream().anyMatch(s -> s != null && s.contains(quoted));
      out.append(text, from, open + 1).append(secret ? REDACTED : quoted).append('\'');
      from = close + 1;
    }
    return out.append(text, from, text.length()).toString();
  }

  private static String scrubOne(String text, @Nullable String secret) {
    return secret == null || secret.length() < MIN_LENGTH ? text : text.replace(secret, REDACTED);
  }
}
