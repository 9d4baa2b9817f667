package io.restsdk.bench;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.Cache;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * OkHttp and Jackson by hand: the floor the ratios are taken against ({@link #plain}); the same
 * code over OkHttp's own disk {@link Cache} ({@link #withDiskCache}), which then does the
 * revalidation itself; and a variant that keeps the decoded item instead of the bytes and hands
 * it out again on a 304 ({@link #reusingDecoded}), which skips the decode the others do; and the
 * floor with the fast number parsers of restsdk's default codec ({@link #fastNumbers}).
 */
final class OkHttpContender implements Contender {
  private static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private final OkHttpClient client;
  private final HttpUrl base;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final @Nullable Cache cache;
  private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();
  private final boolean reuseDecoded;
  private final ConcurrentMap<String, KeptItem> keptItems = new ConcurrentHashMap<>();

  /** A tag and the item decoded from the body it came with. */
  private record KeptItem(String etag, Item item) {}

  private OkHttpContender(URI base, @Nullable Cache cache, boolean reuseDecoded) {
    this(base, cache, reuseDecoded, new ObjectMapper());
  }

  private OkHttpContender(URI base, @Nullable Cache cache, boolean reuseDecoded,
      ObjectMapper mapper) {
    this.reuseDecoded = reuseDecoded;
    OkHttpClient.Builder b = new OkHttpClient.Builder();
    if (cache != null) b.cache(cache);
    this.client = b.build();
    this.base = HttpUrl.get(base.toString());
    this.reader = mapper.readerFor(Item.class);
    this.writer = mapper.writerFor(Item.class);
    this.cache = cache;
  }

  static OkHttpContender plain(URI base) {
    return new OkHttpContender(base, null, false);
  }

  /**
   * The floor with the number parsing of restsdk's default codec: Jackson's fast parsers
   * ({@code USE_FAST_DOUBLE_PARSER}, {@code USE_FAST_BIG_NUMBER_PARSER}), off in a plain Jackson
   * 2 {@code ObjectMapper}. Shows how much of restsdk's ratio to {@link #plain} comes from them.
   */
  static OkHttpContender fastNumbers(URI base) {
    return new OkHttpContender(base, null, false, JsonMapper.builder()
        .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER,
            StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER)
        .build());
  }

  static OkHttpContender reusingDecoded(URI base) {
    return new OkHttpContender(base, null, true);
  }

  static OkHttpContender withDiskCache(URI base, Path scratch) {
    try {
      Path dir = Files.createTempDirectory(scratch, "okhttp-cache");
      return new OkHttpContender(base, new Cache(dir.toFile(), 256L << 20), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item get(String id) {
    HttpUrl url = item(id);
    Request request = new Request.Builder().url(url).header("Accept", "application/json").build();
    try (Response response = client.newCall(request).execute()) {
      if (response.code() != 200) throw Contender.unexpected("GET", url, response.code());
      return reader.readValue(response.body().byteStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item revalidate(String id) {
    if (cache != null) return get(id); // the Cache adds If-None-Match and merges the 304
    if (reuseDecoded) return revalidateItem(id);
    HttpUrl url = item(id);
    Kept last = kept.get(id);
    Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
    if (last != null) b.header("If-None-Match", last.etag());
    try (Response response = client.newCall(b.build()).execute()) {
      byte[] body;
      if (response.code() == 304 && last != null) {
        body = last.body();
      } else if (response.code() == 200) {
        body = response.body().bytes();
        String etag = response.header("ETag");
        if (etag != null) kept.put(id, new Kept(etag, body));
        else kept.remove(id);
      } else {
        throw Contender.unexpected("GET", url, response.code());
      }
      return reader.readValue(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** As {@link #revalidate}, keeping the decoded item: a 304 returns the same instance. */
  private Item revalidateItem(String id) {
    HttpUrl url = item(id);
    KeptItem last = keptItems.get(id);
    Request.Builder b = new Request.Builder().url(url).header("Accept", "application/json");
    if (last != null) b.header("If-None-Match", last.etag());
    try (Response response = client.newCall(b.build()).execute()) {
      if (response.code() == 304 && last != null) return last.item();
      if (response.code() != 200) throw Contender.unexpected("GET", url, response.code());
      Item item = reader.readValue(response.body().byteStream());
      String etag = response.header("ETag");
      if (etag != null) keptItems.put(id, new KeptItem(etag, item));
      else keptItems.remove(id);
      return item;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item create(Item item) {
    HttpUrl url = base.newBuilder().addPathSegment("items").build();
    try {
      Request post = new Request.Builder().url(url).header("Accept", "application/json")
          .post(RequestBody.create(writer.writeValueAsBytes(item), JSON)).build();
      HttpUrl location;
      try (Response response = client.newCall(post).execute()) {
        if (response.code() != 201) throw Contender.unexpected("POST", url, response.code());
        String header = response.header("Location");
        location = header == null ? null : url.resolve(header);
        if (location == null) throw new IllegalStateException("201 without a usable Location");
      }
      Request get = new Request.Builder().url(location).header("Accept", "application/json")
          .build();
      try (Response response = client.newCall(get).execute()) {
        if (response.code() != 200) throw Contender.unexpected("GET", location, response.code());
        return reader.readValue(response.body().byteStream());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item modify(String id) {
    HttpUrl url = item(id);
    try {
      Item current;
      String etag;
      Request get = new Request.Builder().url(url).header("Accept", "application/json").build();
      try (Response response = client.newCall(get).execute()) {
        if (response.code() != 200) throw Contender.unexpected("GET", url, response.code());
        etag = response.header("ETag");
        if (etag == null) throw new IllegalStateException("GET " + url + " → no ETag");
        current = reader.readValue(response.body().byteStream());
      }
      Item next = current.withStock(current.stock() + 1);
      Request put = new Request.Builder().url(url).header("Accept", "application/json")
          .header("If-Match", etag)
          .put(RequestBody.create(writer.writeValueAsBytes(next), JSON)).build();
      try (Response response = client.newCall(put).execute()) {
        if (response.code() != 204) throw Contender.unexpected("PUT", url, response.code());
      }
      return next;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpUrl item(String id) {
    return base.newBuilder().addPathSegment("items").addPathSegment(id).build();
  }

  @Override
  public void close() {
    client.dispatcher().executorService().shutdown();
    client.connectionPool().evictAll();
    if (cache != null) {
      try {
        cache.delete();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
