package io.restsdk.core;

/** {@link TokenProvider#of}: one token, never refreshed; never blocks. */
final class FixedToken implements TokenProvider {
  private final String token;

  FixedToken(String token) {
    this.token = token;
  }

  @Override
  public String token() {
    return token;
  }

  @Override
  public String toString() {
    return "TokenProvider(static, redacted)";
  }
}
