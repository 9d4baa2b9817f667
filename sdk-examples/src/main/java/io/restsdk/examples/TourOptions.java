package io.restsdk.examples;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * What the {@link Tour} runs against: the in-process fake server (no base URL), or a real server
 * that serves {@code authors} and {@code books} collections under a base URL.
 *
 * <p>Immutable. {@link #toString()} never shows a token.
 *
 * <pre>{@code
 * TourOptions fake = TourOptions.fake();
 * TourOptions real = TourOptions.parse(new String[] {
 *     "--base-url", "https://api.example.com/v1/", "--read-only-token", "r-123",
 *     "--fail-path", "debug/fail"}, System.getenv());   // the token from RESTSDK_TOKEN
 * }</pre>
 *
 * @param baseUrl the API's base URL ending with {@code /}, or null for the fake server
 * @param token the read-write bearer token, or null for the fake server
 * @param readOnlyToken a token that may read but not write (for the 403 step), or null to skip
 *     that step
 * @param failPath a path (relative to the base URL, or absolute from {@code /}) whose GET
 *     answers 500 (for the 500 step), or null to skip that step
 * @param hal for the fake server: answer in HAL, as Spring Data REST does (items with
 *     {@code _links}, associations only as links, collections as {@code _embedded} pages)
 *     instead of plain JSON with {@code Link} headers
 */
public record TourOptions(
    @Nullable String baseUrl,
    @Nullable String token,
    @Nullable String readOnlyToken,
    @Nullable String failPath,
    boolean hal) {

  /** The environment variable read when {@code --token} is not given. */
  public static final String TOKEN_ENV = "RESTSDK_TOKEN";
  /** The environment variable read when {@code --read-only-token} is not given. */
  public static final String READ_ONLY_TOKEN_ENV = "RESTSDK_READ_ONLY_TOKEN";

  /** How to call the tour, for {@code --help} and argument errors. */
  public static final String USAGE = String.join("\n",
      "usage: Tour                                  walk every status path against the in-process fake",
      "       Tour --hal                            the same, the fake answering in HAL as Spring Data REST does",
      "       Tour --base-url URL --token T [--read-only-token R] [--fail-path P]",
      "                                             walk them against a real server serving",
      "                                             'authors' and 'books' under URL",
      "  --base-url URL          the API's base URL, e.g. https://api.example.com/v1/",
      "  --token T               a read-write bearer token (or set " + TOKEN_ENV + ")",
      "  --read-only-token R     a token that may only read, for the 403 step (or set "
          + READ_ONLY_TOKEN_ENV + ");",
      "                          without it that step is skipped",
      "  --fail-path P           a path whose GET answers 500, relative to URL (or from '/'),",
      "                          for the 500 step; without it that step is skipped",
      "  --help                  show this help");

  /**
   * Checks the combination.
   *
   * @throws IllegalArgumentException if a base URL is given without a token, or a token without
   *     a base URL, or the base URL is not an absolute http(s) URL
   */
  public TourOptions {
    if (baseUrl != null) {
      HttpUrl url = HttpUrl.parse(baseUrl);
      if (url == null) {
        throw new IllegalArgumentException("--base-url must be an absolute http(s) URL: " + baseUrl);
      }
      if (!baseUrl.endsWith("/")) baseUrl = baseUrl + "/";
      if (token == null || token.isBlank()) {
        throw new IllegalArgumentException(
            "--base-url needs a read-write token: --token T or " + TOKEN_ENV);
      }
    } else if (token != null || readOnlyToken != null || failPath != null) {
      throw new IllegalArgumentException(
          "--token, --read-only-token and --fail-path need --base-url");
    }
    if (failPath != null && failPath.isBlank()) {
      throw new IllegalArgumentException("--fail-path is blank");
    }
    if (hal && baseUrl != null) {
      throw new IllegalArgumentException("--hal is for the fake server; a real one answers as it does");
    }
  }

  /** Options without {@code hal}: plain JSON from the fake server. */
  public TourOptions(@Nullable String baseUrl, @Nullable String token,
      @Nullable String readOnlyToken, @Nullable String failPath) {
    this(baseUrl, token, readOnlyToken, failPath, false);
  }

  /** Against the in-process fake server. */
  public static TourOptions fake() {
    return new TourOptions(null, null, null, null);
  }

  /** Against a real server at {@code baseUrl}, with a read-write token and nothing optional. */
  public static TourOptions real(String baseUrl, String token) {
    requireNonNull(baseUrl, "baseUrl == null");
    requireNonNull(token, "token == null");
    return new TourOptions(baseUrl, token, null, null);
  }

  /** Against the in-process fake server answering in HAL, as Spring Data REST does. */
  public static TourOptions fakeHal() {
    return new TourOptions(null, null, null, null, true);
  }

  /** These options with a read-only token, for the 403 step. */
  public TourOptions withReadOnlyToken(String readOnlyToken) {
    requireNonNull(readOnlyToken, "readOnlyToken == null");
    return new TourOptions(baseUrl, token, readOnlyToken, failPath);
  }

  /** These options with a path whose GET answers 500, for the 500 step. */
  public TourOptions withFailPath(String failPath) {
    requireNonNull(failPath, "failPath == null");
    return new TourOptions(baseUrl, token, readOnlyToken, failPath);
  }

  /** True when no base URL was given: the tour starts the fake server itself. */
  public boolean againstFake() {
    return baseUrl == null;
  }

  /**
   * Parses command-line arguments ({@code --name value} or {@code --name=value}); tokens not
   * given as arguments are taken from {@value #TOKEN_ENV} and {@value #READ_ONLY_TOKEN_ENV}
   * when a base URL is given.
   *
   * @throws IllegalArgumentException for an unknown argument, a missing value, or a combination
   *     the constructor refuses
   */
  public static TourOptions parse(String[] args, Map<String, String> env) {
    requireNonNull(args, "args == null");
    requireNonNull(env, "env == null");
    String baseUrl = null;
    String token = null;
    String readOnlyToken = null;
    String failPath = null;
    boolean hal = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      String name = arg;
      String value = null;
      int eq = arg.indexOf('=');
      if (arg.startsWith("--") && eq > 0) {
        name = arg.substring(0, eq);
        value = arg.substring(eq + 1);
      }
      switch (name) {
        case "--base-url", "--token", "--read-only-token", "--fail-path" -> {
          if (value == null) {
            if (i + 1 >= args.length) throw new IllegalArgumentException(name + " needs a value");
            value = args[++i];
          }
          switch (name) {
            case "--base-url" -> baseUrl = value;
            case "--token" -> token = value;
            case "--read-only-token" -> readOnlyToken = value;
            default -> failPath = value;
          }
        }
        case "--hal" -> hal = true;
        // Never echo the argument itself: it might be a token put in the wrong place.
        default -> throw new IllegalArgumentException("unknown argument #" + (i + 1)
            + (arg.startsWith("--") ? " (" + name + ")" : ""));
      }
    }
    if (baseUrl != null) {
      if (token == null) token = env.get(TOKEN_ENV);
      if (readOnlyToken == null) readOnlyToken = env.get(READ_ONLY_TOKEN_ENV);
    }
    return new TourOptions(baseUrl, token, readOnlyToken, failPath, hal);
  }

  /** Shows the base URL and which options are set; tokens are never shown. */
  @Override
  public String toString() {
    return "TourOptions{" + (baseUrl == null ? (hal ? "fake server, HAL" : "fake server") : baseUrl)
        + (token != null ? ", token=<set>" : "")
        + (readOnlyToken != null ? ", readOnlyToken=<set>" : "")
        + (failPath != null ? ", failPath=" + failPath : "") + "}";
  }
}
