package io.restsdk.core;

import java.io.EOFException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Sends one request with OkHttp and reads the response once, bounded: success bodies up to the
 * client's cap (larger fails), error bodies up to the error cap (the rest is never read). The
 * OkHttp response is closed on every path.
 */
final class Transport {
  private Transport() {}

  static RawResponse execute(OkHttpClient ok, Request request, Limits limits, Target target) {
    Call call = ok.newCall(request);
    SendTracker tracker = SendTracker.of(call);
    try (Response response = call.execute()) {
      return read(response, limits, target);
    } catch (IOException e) {
      throw failure(e, call, tracker, target);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      // OkHttp lets an InterruptedException out, undeclared, when the thread is interrupted
      // while it waits for a connection
      IOException io = e instanceof InterruptedException
          ? new InterruptedIOException("interrupted") : new IOException(e);
      if (e instanceof InterruptedException) io.initCause(e);
      throw failure(io, call, tracker, target);
    }
  }

  static CompletableFuture<RawResponse> enqueue(
      OkHttpClient ok, Request request, Limits limits, Target target) {
    CompletableFuture<RawResponse> future = new CompletableFuture<>();
    Call call = ok.newCall(request);
    SendTracker tracker = SendTracker.of(call);
    future.whenComplete((r, e) -> {
      if (future.isCancelled()) call.cancel();
    });
    call.enqueue(new Callback() {
      @Override
      public void onResponse(Call c, Response response) {
        RawResponse raw;
        try (response) { // closed before the future completes: nothing is left open after it
          raw = read(response, limits, target);
        } catch (IOException e) {
          future.completeExceptionally(failure(e, c, tracker, target));
          return;
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
          return;
        }
        future.complete(raw);
      }

      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(failure(e, c, tracker, target));
      }
    });
    return future;
  }

  private static RawResponse read(Response response, Limits limits, Target target)
      throws IOException {
    int code = response.code();
    ResponseBody body = response.body();
    boolean success = code >= 200 && code < 300;
    long cap = success ? limits.maxBodyBytes : limits.maxErrorBodyBytes;
    byte[] bytes;
    long declared = body.contentLength();
    if (success && declared > cap) {
      throw tooLarge(code, target, cap);
    }
    BufferedSource source = body.source();
    if (success && declared >= 0 && declared <= Integer.MAX_VALUE - 8) { // an array can hold it
      bytes = readExactly(source, (int) declared);
    } else if (success) {
      // one byte past the cap tells "larger"; Long.MAX_VALUE has no byte past it
      if (source.request(cap == Long.MAX_VALUE ? cap : cap + 1)) throw tooLarge(code, target, cap);
      bytes = source.getBuffer().readByteArray();
    } else {
      source.request(cap); // read no further than the cap
      long n = Math.min(cap, source.getBuffer().size());
      bytes = source.getBuffer().readByteArray(n);
    }
    return new RawResponse(code, response.headers(), bytes);
  }

  /**
   * A body of a declared length, read straight into its array a few KiB at a time: the buffer's
   * segments go back to okio's pool as they are copied, instead of the whole body being buffered
   * first and then copied (twice the body's size allocated).
   */
  private static byte[] readExactly(BufferedSource source, int length) throws IOException {
    byte[] bytes = new byte[length];
    for (int at = 0; at < length; ) {
      int n = source.read(bytes, at, length - at);
      if (n == -1) {
        throw new EOFException("the body ended after " + at + " of its " + length + " bytes");
      }
      at += n;
    }
    return bytes;
  }

  private static DecodeException tooLarge(int code, Target target, long cap) {
    return new DecodeException(target.method(), target.shownUrl(), code, target.type(),
        "the body exceeds " + cap + " bytes (RestClient.Builder.maxBodyBytes)");
  }

  /**
   * Classifies a failed OkHttp call by the exception's type and the call's own state, never by
   * the message's wording: an interrupted thread (the flag set, or an {@link InterruptedException}
   * as the cause) is INTERRUPTED, with the flag set again; a socket or call timeout is TIMEOUT; a
   * cancelled call is CANCELED; a refused connection, unknown host or failed TLS handshake is
   * CONNECT; anything else IO. The request "may have reached the server" unless it provably
   * did not: a CONNECT failure, or a failure {@link SendTracker#provablyNotSent} proves unsent
   * (before OkHttp started to write the request, e.g. a connect timeout, or by its type).
   */
  static TransportException failure(IOException e, @Nullable Call call,
      @Nullable SendTracker tracker, Target target) {
    TransportException.Kind kind;
    String detail = e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage());
    boolean connect = e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException;
    if (interrupted(e)) {
      Thread.currentThread().interrupt(); // okio or a blocking queue may have cleared it
      kind = TransportException.Kind.INTERRUPTED;
    } else if (e instanceof InterruptedIOException) {
      // a connect/read/write timeout, or OkHttp's call timeout (which also cancels the call)
      kind = TransportException.Kind.TIMEOUT;
    } else if (call != null && call.isCanceled()) {
      kind = TransportException.Kind.CANCELED;
    } else if (connect) {
      kind = TransportException.Kind.CONNECT;
    } else {
      kind = TransportException.Kind.IO;
    }
    boolean reached = !connect && !SendTracker.provablyNotSent(tracker, e);
    return new TransportException(kind, target.method(), target.shownUrl(), reached, detail, e);
  }

  /** The thread was interrupted: its flag is set, or the failure's cause says so. */
  private static boolean interrupted(IOException e) {
    if (Thread.currentThread().isInterrupted()) return true;
    if (e instanceof ClosedByInterruptException) return true;
    for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) return true;
    }
    for (Throwable t : e.getSuppressed()) { // OkHttp's async call: "canceled due to" it
      if (t instanceof InterruptedException) return true;
    }
    return false;
  }

  /** The caps for one client. */
  record Limits(long maxBodyBytes, int maxErrorBodyBytes) {}

  /** What a failure message names: method, redacted URL, the type being decoded. */
  record Target(String method, String shownUrl, java.lang.reflect.Type type) {}
}
