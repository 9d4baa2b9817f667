package io.restsdk.etag.redis;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.restsdk.core.CacheKey;
import io.restsdk.core.CachedResponse;
import io.restsdk.core.ETag;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.zip.CRC32;
import okhttp3.Headers;
import org.junit.jupiter.api.Test;

/** The entry layout: what decodes, and everything that must not. */
class EntryCodecTest {
  private static final CacheKey KEY = new CacheKey("http://h/v1/books/1", "p", "application/json");
  private static final byte[] DIGEST = EntryCodec.keyDigest(KEY);
  private static final CachedResponse R = new CachedResponse(ETag.weak("v1"), new byte[] {1, 2, 3},
      new Headers.Builder().add("ETag", "W/\"v1\"").addUnsafeNonAscii("X-Name", "Zoë").build());

  @Test
  void anEntryRoundTripsWithItsWeakTagAndNonAsciiHeader() {
    CachedResponse back = EntryCodec.decode(DIGEST, EntryCodec.meta(DIGEST, R), R.body());
    assertNotNull(back);
    assertEquals(R.etag(), back.etag());
    assertArrayEquals(R.body(), back.body());
    assertEquals(R.headers(), back.headers());
  }

  @Test
  void keysThatDifferOnlyInUnpairedSurrogatesHaveDifferentDigests() {
    CacheKey a = new CacheKey("u", "\uD800", "a");
    CacheKey b = new CacheKey("u", "\uD801", "a");
    assertFalse(Arrays.equals(EntryCodec.keyDigest(a), EntryCodec.keyDigest(b)));
    assertFalse(Arrays.equals(EntryCodec.keyDigest(new CacheKey("ab", "c", "")),
        EntryCodec.keyDigest(new CacheKey("a", "bc", ""))), "parts are length-prefixed");
  }

  @Test
  void anythingElseIsNotAnEntry() {
    byte[] meta = EntryCodec.meta(DIGEST, R);
    assertNull(EntryCodec.decode(DIGEST, null, R.body()));
    assertNull(EntryCodec.decode(DIGEST, meta, null));
    assertNull(EntryCodec.decode(DIGEST, new byte[3], R.body()));
    assertNull(EntryCodec.decode(DIGEST, Arrays.copyOf(meta, meta.length - 1), R.body()));
    assertNull(EntryCodec.decode(EntryCodec.keyDigest(new CacheKey("x", "p", "a")), meta, R.body()),
        "another key's entry");
    assertNull(EntryCodec.decode(DIGEST, meta, new byte[] {1, 2, 4}), "another body");
    assertNull(EntryCodec.decode(DIGEST, meta, new byte[] {1, 2}), "a truncated body");
    byte[] flipped = meta.clone();
    flipped[40] ^= 1;
    assertNull(EntryCodec.decode(DIGEST, flipped, R.body()), "a flipped bit");
    // A record with a valid CRC whose header count points past the end.
    byte[] lying = Arrays.copyOf(meta, meta.length - 4);
    int countAt = 4 + 32 + 4 + R.etag().headerValue().length() + 8;
    ByteBuffer.wrap(lying).putInt(countAt, 1_000);
    assertNull(EntryCodec.decode(DIGEST, withCrc(lying), R.body()), "lengths past the end");
    ByteBuffer.wrap(lying).putInt(countAt, -1);
    assertNull(EntryCodec.decode(DIGEST, withCrc(lying), R.body()), "a negative count");
  }

  @Test
  void credentialHeadersAreDroppedAndTheRestKept() {
    CachedResponse r = new CachedResponse(ETag.strong("v"), new byte[0], Headers.of(
        "Set-Cookie", "s=1", "set-cookie2", "t=2", "Authorization", "Bearer x", "X-Rate", "5"));
    CachedResponse clean = EntryCodec.withoutCredentials(r);
    assertEquals(Headers.of("X-Rate", "5"), clean.headers());
    CachedResponse none = new CachedResponse(ETag.strong("v"), new byte[0], Headers.of("A", "b"));
    assertEquals(none, EntryCodec.withoutCredentials(none));
  }

  private static byte[] withCrc(byte[] m) {
    CRC32 c = new CRC32();
    c.update(m);
    byte[] out = Arrays.copyOf(m, m.length + 4);
    ByteBuffer.wrap(out, m.length, 4).putInt((int) c.getValue());
    return out;
  }
}
