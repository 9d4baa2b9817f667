package io.restsdk.core;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLHandshakeException;
import okhttp3.Call;
import okhttp3.Callback;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okio.BufferedSource;

/**
 * Sends one request with OkHttp and reads the response once, bounded: success bodies up to the
 * client's cap (larger fails), error bodies up to the error cap (the rest is never read). The
 * OkHttp response is closed on every path.
 */
final class Transport {
  private Transport() {}

  static RawResponse execute(OkHttpClient ok, Request request, Limits limits, Target target) {
    Call call = ok.newCall(request);
    try (Response response = call.execute()) {
      return read(response, limits, target);
    } catch (IOException e) {
      throw failure(e, target);
    }
  }

  static CompletableFuture<RawResponse> enqueue(
      OkHttpClient ok, Request request, Limits limits, Target target) {
    CompletableFuture<RawResponse> future = new CompletableFuture<>();
    Call call = ok.newCall(request);
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
          future.completeExceptionally(failure(e, target));
          return;
        } catch (RuntimeException e) {
          future.completeExceptionally(e);
          return;
        }
        future.complete(raw);
      }

      @Override
      public void onFailure(Call c, IOException e) {
        future.completeExceptionally(failure(e, target));
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
    if (success) {
      if (source.request(cap + 1)) throw tooLarge(code, target, cap);
      bytes = source.getBuffer().readByteArray();
    } else {
      source.request(cap); // read no further than the cap
      long n = Math.min(cap, source.getBuffer().size());
      bytes = source.getBuffer().readByteArray(n);
    }
    return new RawResponse(code, response.headers(), bytes);
  }

  private static DecodeException tooLarge(int code, Target target, long cap) {
    return new DecodeException(target.method(), target.shownUrl(), code, target.type(),
        "the body exceeds " + cap + " bytes (RestClient.Builder.maxBodyBytes)");
  }

  static TransportException failure(IOException e, Target target) {
    TransportException.Kind kind;
    boolean reached;
    String detail = e.getClass().getSimpleName()
        + (e.getMessage() == null ? "" : " " + e.getMessage());
    if (e instanceof ConnectException || e instanceof UnknownHostException
        || e instanceof NoRouteToHostException || e instanceof SSLHandshakeException) {
      kind = TransportException.Kind.CONNECT;
      reached = false;
    } else if (e instanceof SocketTimeoutException || e instanceof InterruptedIOException) {
      boolean connectTimeout = e.getMessage() != null && e.getMessage().contains("connect");
      kind = "Canceled".equals(e.getMessage())
          ? TransportException.Kind.CANCELED : TransportException.Kind.TIMEOUT;
      reached = !connectTimeout;
    } else if ("Canceled".equals(e.getMessage())) {
      kind = TransportException.Kind.CANCELED;
      reached = true;
    } else {
      kind = TransportException.Kind.IO;
      reached = true;
    }
    return new TransportException(kind, target.method(), target.shownUrl(), reached, detail, e);
  }

  /** The caps for one client. */
  record Limits(long maxBodyBytes, long maxErrorBodyBytes) {}

  /** What a failure message names: method, redacted URL, the type being decoded. */
  record Target(String method, String shownUrl, java.lang.reflect.Type type) {}
}
