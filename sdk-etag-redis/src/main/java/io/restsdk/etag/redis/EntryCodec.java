package io.restsdk.etag.redis;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.zip.CRC32;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * How an entry is laid out in Redis. An entry is a hash under {@code PREFIX e:<sha256 of the
 * CacheKey>} with three fields, written together by one script:
 *
 * <ul>
 *   <li>{@code b}: the body bytes as received;
 *   <li>{@code m}: the meta record: magic {@code RSE1}, the SHA-256 of the full {@link CacheKey}
 *       (checked on every read, so a value copied or written under another key is never served
 *       for this one), the ETag, the body's length and CRC-32 (so a body never goes with another
 *       version's tag), the headers, and a CRC-32 of all of that;
 *   <li>{@code t}: the version token (ETag, body length and CRC-32) a header-only refresh is
 *       checked against.
 * </ul>
 *
 * <p>Neither the URL nor the principal is written: keys are hashes. Headers that carry a
 * credential or a session ({@link #CREDENTIAL_HEADERS}) are never written either.
 */
final class EntryCodec {
  static final byte[] MAGIC = {'R', 'S', 'E', '1'};

  /** Response headers that are credentials or sessions: never kept, in Redis or in front. */
  static final Set<String> CREDENTIAL_HEADERS = Set.of("set-cookie", "set-cookie2",
      "authorization", "proxy-authorization", "cookie", "authentication-info",
      "proxy-authentication-info");

  private static final int MAX_HEADERS = 10_000;

  private EntryCodec() {}

  /**
   * SHA-256 of the full key: each part length-prefixed and as its UTF-16 code units, so no two
   * keys encode alike (UTF-8 would turn every unpaired surrogate into the same {@code ?}).
   */
  static byte[] keyDigest(CacheKey key) {
    MessageDigest sha = sha256();
    for (String part : new String[] {key.url(), key.principal(), key.accept()}) {
      ByteBuffer b = ByteBuffer.allocate(4 + 2 * part.length());
      b.putInt(part.length());
      for (int i = 0; i < part.length(); i++) b.putChar(part.charAt(i));
      sha.update(b.array());
    }
    return sha.digest();
  }

  static String urlDigest(String url) {
    ByteBuffer b = ByteBuffer.allocate(2 * url.length());
    for (int i = 0; i < url.length(); i++) b.putChar(url.charAt(i));
    return HexFormat.of().formatHex(sha256().digest(b.array()));
  }

  static String hex(byte[] digest) {
    return HexFormat.of().formatHex(digest);
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** The response without the headers that are credentials or sessions. */
  static CachedResponse withoutCredentials(CachedResponse r) {
    Headers h = r.headers();
    boolean any = false;
    for (int i = 0; i < h.size() && !any; i++) {
      any = CREDENTIAL_HEADERS.contains(h.name(i).toLowerCase(Locale.ROOT));
    }
    if (!any) return r;
    Headers.Builder b = h.newBuilder();
    for (String name : h.names()) {
      if (CREDENTIAL_HEADERS.contains(name.toLowerCase(Locale.ROOT))) b.removeAll(name);
    }
    return r.withHeaders(b.build());
  }

  static long crc(byte[] bytes) {
    CRC32 c = new CRC32();
    c.update(bytes);
    return c.getValue();
  }

  /** The version token a header-only refresh must find: the tag and the body's length and CRC. */
  static byte[] token(CachedResponse r) {
    return (r.etag().headerValue() + "|" + r.body().length + "|" + crc(r.body()))
        .getBytes(StandardCharsets.UTF_8);
  }

  static byte[] meta(byte[] keyDigest, CachedResponse r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256 + r.headers().size() * 48);
    try (DataOutputStream out = new DataOutputStream(bytes)) {
      out.write(MAGIC);
      out.write(keyDigest);
      writeString(out, r.etag().headerValue());
      out.writeInt(r.body().length);
      out.writeInt((int) crc(r.body()));
      Headers h = r.headers();
      out.writeInt(h.size());
      for (int i = 0; i < h.size(); i++) {
        writeString(out, h.name(i));
        writeString(out, h.value(i));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a ByteArrayOutputStream does not fail
    }
    byte[] m = bytes.toByteArray();
    byte[] withCrc = Arrays.copyOf(m, m.length + 4);
    ByteBuffer.wrap(withCrc, m.length, 4).putInt((int) crc(m));
    return withCrc;
  }

  private static void writeString(DataOutputStream out, String s) throws IOException {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    out.writeInt(b.length);
    out.write(b);
  }

  /**
   * The entry, or null when the fields are not one this codec wrote for {@code keyDigest}: a
   * foreign or corrupt value, a torn or truncated one, another key's.
   */
  static @Nullable CachedResponse decode(byte[] keyDigest, byte @Nullable [] meta,
      byte @Nullable [] body) {
    if (meta == null || body == null || meta.length < MAGIC.length + 32 + 4) return null;
    int end = meta.length - 4;
    if ((int) crc(Arrays.copyOf(meta, end)) != ByteBuffer.wrap(meta, end, 4).getInt()) return null;
    try {
      ByteBuffer in = ByteBuffer.wrap(meta, 0, end);
      byte[] magic = new byte[MAGIC.length];
      in.get(magic);
      if (!Arrays.equals(magic, MAGIC)) return null;
      byte[] digest = new byte[32];
      in.get(digest);
      if (!MessageDigest.isEqual(digest, keyDigest)) return null;
      Optional<ETag> etag = ETag.parse(readString(in));
      int length = in.getInt();
      int crc = in.getInt();
      if (etag.isEmpty() || length != body.length || crc != (int) crc(body)) return null;
      int count = in.getInt();
      if (count < 0 || count > MAX_HEADERS) return null;
      Headers.Builder headers = new Headers.Builder();
      for (int i = 0; i < count; i++) {
        headers.addUnsafeNonAscii(readString(in), readString(in));
      }
      if (in.hasRemaining()) return null;
      return new CachedResponse(etag.get(), body, headers.build());
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      return null; // lengths pointing past the end, a header OkHttp refuses: not ours
    }
  }

  private static String readString(ByteBuffer in) {
    int n = in.getInt();
    if (n < 0 || n > in.remaining()) throw new IllegalArgumentException("bad length " + n);
    byte[] b = new byte[n];
    in.get(b);
    return new String(b, StandardCharsets.UTF_8);
  }
}
