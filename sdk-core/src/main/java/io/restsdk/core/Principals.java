package io.restsdk.core;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.jspecify.annotations.Nullable;

/**
 * Turns the credential a request is sent with into the identity its cache entries are kept
 * under: a SHA-256 prefix, so the credential itself is never stored or shown.
 */
final class Principals {
  static final String ANONYMOUS = "anonymous";

  private record Memo(String credential, String hash) {}

  private volatile @Nullable Memo last;

  String of(@Nullable String credential) {
    if (credential == null) return ANONYMOUS;
    Memo m = last;
    if (m != null && m.credential.equals(credential)) return m.hash;
    String hash = hash(credential);
    last = new Memo(credential, hash);
    return hash;
  }

  private static String hash(String credential) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(credential.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new AssertionError("SHA-256 is required of every JVM", e);
    }
  }
}
