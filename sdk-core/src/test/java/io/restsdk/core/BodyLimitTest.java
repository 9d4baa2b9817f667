package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import mockwebserver3.MockResponse;
import mockwebserver3.MockResponseBody;
import okio.Buffer;
import okio.BufferedSink;
import okio.GzipSink;
import okio.Okio;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Bodies that would exhaust the heap if read whole: a gzip bomb (1 GiB of zeros, about 1 MiB on
 * the wire, inflated by OkHttp) and a body that never ends. Each is read no further than the
 * client's cap and ends in a specific outcome; that the cap held is what shows the heap was never
 * at risk.
 */
@Timeout(30)
class BodyLimitTest extends ClientTest {
  private static final long CAP = 1 << 20;
  private static final int ERROR_CAP = 4 << 10;
  private static final long GIB = 1L << 30;

  /** Streams {@code inflated} zero bytes gzip-compressed; stops when the client hangs up. */
  private static MockResponseBody gzipBomb(long inflated) {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        byte[] zeros = new byte[64 << 10];
        try (BufferedSink gzip = Okio.buffer(new GzipSink(sink))) {
          for (long sent = 0; sent < inflated; sent += zeros.length) gzip.write(zeros);
        }
      }
    };
  }

  /** A chunked body that never ends: it stops only when the client hangs up. */
  private static MockResponseBody endless() {
    return new MockResponseBody() {
      @Override
      public long getContentLength() {
        return -1;
      }

      @Override
      public void writeTo(BufferedSink sink) throws IOException {
        Buffer chunk = new Buffer().writeUtf8("x".repeat(8 << 10));
        while (true) {
          sink.write(chunk.copy(), chunk.size());
          sink.flush();
        }
      }
    };
  }

  private static MockResponse response(int code, MockResponseBody body, boolean gzip) {
    MockResponse.Builder b = new MockResponse.Builder().code(code)
        .addHeader("Content-Type", "application/json").body(body);
    if (gzip) b.addHeader("Content-Encoding", "gzip");
    return b.build();
  }

  @Override
  protected RestClient.Builder builder() {
    return super.builder().maxBodyBytes(CAP).maxErrorBodyBytes(ERROR_CAP)
        .retryOptions(RetryOptions.none());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGzipBombSuccessBodyFailsAtTheCap(Mode mode) throws Exception {
    server.enqueue(response(200, gzipBomb(GIB), true));
    DecodeException e = assertThrows(DecodeException.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals("GET " + url("books/1") + " → 200 OK: cannot decode the body as "
        + Book.class.getName() + ": the body exceeds " + CAP
        + " bytes (RestClient.Builder.maxBodyBytes)", e.getMessage());
    assertEquals("gzip", take().getHeaders().get("Accept-Encoding"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEndlessSuccessBodyFailsAtTheCap(Mode mode) {
    server.enqueue(response(200, endless(), false));
    DecodeException e = assertThrows(DecodeException.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertTrue(e.getMessage().endsWith(": the body exceeds " + CAP
        + " bytes (RestClient.Builder.maxBodyBytes)"), e.getMessage());
    assertEquals(200, e.status());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aGzipBombErrorBodyIsKeptUpToTheErrorCap(Mode mode) {
    server.enqueue(response(500, gzipBomb(GIB), true));
    ApiException e = assertThrows(ApiException.InternalServerError.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals("\0".repeat(ERROR_CAP), e.errorBody().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void anEndlessErrorBodyIsKeptUpToTheErrorCap(Mode mode) {
    server.enqueue(response(500, endless(), false));
    ApiException e = assertThrows(ApiException.InternalServerError.class,
        () -> mode.get(client.resource("books", Book.class), "1"));
    assertEquals("x".repeat(ERROR_CAP), e.errorBody().orElseThrow());
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void theLargestCapStillReadsABody(Mode mode) {
    client.close();
    client = builder().maxBodyBytes(Long.MAX_VALUE).build();
    server.enqueue(json(200, "{\"title\":\"Dune\",\"author\":\"Herbert\"}"));
    assertEquals(new Book("Dune", "Herbert"), mode.get(client.resource("books", Book.class), "1"));
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBodyOfDeclaredLengthIsReadWholeAcrossManyReads(Mode mode) {
    byte[] sent = new byte[200_003]; // many okio segments, and not a multiple of one
    for (int i = 0; i < sent.length; i++) sent[i] = (byte) (i * 31);
    server.enqueue(new MockResponse.Builder().code(200)
        .setHeader("Content-Type", "application/octet-stream").body(new Buffer().write(sent))
        .build());
    byte[] got = mode.get(client.resource("blobs", byte[].class), "1");
    assertTrue(java.util.Arrays.equals(sent, got), "the body arrived byte for byte");
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aBodyAtExactlyTheCapIsReadAndOnePastItIsNot(Mode mode) {
    client.close();
    client = builder().maxBodyBytes(10).build();
    server.enqueue(new MockResponse.Builder().code(200).body("0123456789").build());
    server.enqueue(new MockResponse.Builder().code(200).body("0123456789A").build());
    Resource<byte[]> blobs = client.resource("blobs", byte[].class);
    assertEquals("0123456789",
        new String(mode.get(blobs, "1"), java.nio.charset.StandardCharsets.UTF_8));
    DecodeException e = assertThrows(DecodeException.class, () -> mode.get(blobs, "2"));
    assertTrue(e.getMessage().contains("exceeds 10 bytes"), e.getMessage());
  }
}
