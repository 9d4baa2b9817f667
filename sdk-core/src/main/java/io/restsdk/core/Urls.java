package io.restsdk.core;

import java.net.URI;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * URL parsing with small memos ({@link Recent}): the same item read again, or a {@code Location}
 * resolved, checked and then sent, is parsed once. Every memo is bounded by its slot count. The
 * memos are shared by every client and outlive them, so a URL with a query or user info (where
 * API keys and passwords go) is never remembered: it is parsed each time.
 *
 * <pre>{@code
 * URI u = Urls.uri(httpUrl);            // new URI(httpUrl.toString()), remembered
 * HttpUrl h = Urls.parse("https://…");  // HttpUrl.parse, remembered
 * }</pre>
 */
final class Urls {
  private Urls() {}

  /**
   * The URL as a {@link URI}. {@link HttpUrl#uri()} re-encodes through a regular expression it
   * compiles on every call; an OkHttp URL string is almost always a valid URI already, so that
   * is tried first and {@code uri()} kept for the rest.
   */
  static URI uri(HttpUrl url) {
    String s = url.toString();
    boolean memo = memoizable(s);
    URI known = memo ? URIS.get(s) : null;
    if (known != null) return known;
    URI u;
    try {
      u = new URI(s);
    } catch (java.net.URISyntaxException e) {
      u = url.uri();
    }
    if (memo) URIS.put(s, u);
    return u;
  }

  /**
   * {@link HttpUrl#parse}, memoized: an absolute URI is checked when its request is made and
   * parsed again when it is sent, and a {@code Location} is resolved before either.
   */
  static @Nullable HttpUrl parse(String url) {
    boolean memo = memoizable(url);
    HttpUrl known = memo ? PARSED.get(url) : null;
    if (known != null) return known;
    HttpUrl u = HttpUrl.parse(url);
    if (u != null && memo) PARSED.put(url, u);
    return u;
  }

  /** Remembers {@code url} as the parse of its own string (see {@link #parse}). */
  static void parsed(HttpUrl url) {
    String s = url.toString();
    if (memoizable(s)) PARSED.put(s, url);
  }

  /**
   * Whether {@code url} (or a path) may sit in a memo shared by every client: not when it has a
   * query or an {@code @} (user info, or a path that holds an address), which may be secrets.
   */
  static boolean memoizable(String url) {
    return url.indexOf('?') < 0 && url.indexOf('@') < 0;
  }

  private static final Recent<String, HttpUrl> PARSED = new Recent<>(64);

  /** Remembers {@code uri} as {@link #uri}'s answer for {@code url} when both read the same. */
  static void knownUri(HttpUrl url, URI uri) {
    String s = url.toString();
    if (memoizable(s) && s.equals(uri.toString())) URIS.put(s, uri);
  }

  /** Remembers {@code uri} as {@link #uri}'s answer for {@code url}, known to read the same. */
  static void knownUri(String url, URI uri) {
    if (memoizable(url)) URIS.put(url, uri);
  }

  /** The URIs of URLs seen lately: the same item read again needs no second parse. */
  private static final Recent<String, URI> URIS = new Recent<>(64);

  /** Paths resolved lately against a client's base URL (compared by identity). */
  private static final Recent<String, Resolved> RESOLVED = new Recent<>(128);

  /** {@code path} resolved against {@code base} lately, or null. */
  static @Nullable HttpUrl resolved(HttpUrl base, String path) {
    Resolved r = RESOLVED.get(path);
    return r != null && r.base == base ? r.url : null;
  }

  /** Remembers that {@code path} resolves against {@code base} to {@code url}. */
  static void resolved(HttpUrl base, String path, HttpUrl url) {
    if (memoizable(path) && memoizable(base.toString())) {
      RESOLVED.put(path, new Resolved(base, url));
    }
  }

  private record Resolved(HttpUrl base, HttpUrl url) {}
}
