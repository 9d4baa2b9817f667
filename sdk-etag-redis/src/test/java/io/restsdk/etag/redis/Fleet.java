package io.restsdk.etag.redis;

import io.restsdk.core.EtagCache;
import io.restsdk.core.RestClient;
import io.restsdk.testkit.MockApiServer;
import java.io.IOException;
import java.util.concurrent.atomic.LongAdder;
import okhttp3.OkHttpClient;
import okhttp3.Response;

/** One instance of a fleet: a RestClient that counts the GET bodies it receives. */
final class Fleet {
  private Fleet() {}

  /** An item of ~{@code size} characters of text. */
  record Doc(String id, String text) {}

  /** What one instance received from the API. */
  static final class Counts {
    final LongAdder bodyBytes = new LongAdder();
    final LongAdder ok = new LongAdder();
    final LongAdder notModified = new LongAdder();

    void add(Counts other) {
      bodyBytes.add(other.bodyBytes.sum());
      ok.add(other.ok.sum());
      notModified.add(other.notModified.sum());
    }

    @Override
    public String toString() {
      return String.format("%.1f MB of bodies, %d × 200, %d × 304",
          bodyBytes.sum() / 1e6, ok.sum(), notModified.sum());
    }
  }

  static RestClient client(MockApiServer server, EtagCache cache, Counts counts) {
    OkHttpClient ok = new OkHttpClient.Builder().addNetworkInterceptor(chain -> {
      Response r = chain.proceed(chain.request());
      if (r.request().method().equals("GET")) {
        if (r.code() == 200) {
          counts.ok.increment();
          long length = r.body().contentLength();
          counts.bodyBytes.add(length >= 0 ? length : peek(r));
        } else if (r.code() == 304) {
          counts.notModified.increment();
        }
      }
      return r;
    }).build();
    return RestClient.builder().baseUrl(server.baseUrl()).bearerToken(server.token())
        .okHttpClient(ok).etagCache(cache).build();
  }

  private static long peek(Response r) {
    try {
      return r.peekBody(Long.MAX_VALUE).contentLength();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
