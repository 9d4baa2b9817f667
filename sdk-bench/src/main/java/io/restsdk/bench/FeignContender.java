package io.restsdk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import feign.Feign;
import feign.Headers;
import feign.Param;
import feign.RequestLine;
import feign.Response;
import feign.jackson.JacksonDecoder;
import feign.jackson.JacksonEncoder;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;
import org.jspecify.annotations.Nullable;

/**
 * OpenFeign with its Jackson encoder and decoder over OkHttp (feign-okhttp); the 304 workload
 * keeps tags and bodies by hand.
 *
 * <p>The OkHttp client is given Feign's default timeouts (10 s connect, 60 s read): with any
 * other, feign-okhttp derives a new {@code OkHttpClient} for every request, which is slower than
 * what a tuned Feign user gets.
 */
final class FeignContender implements Contender {
  /** The API as a Feign user declares it. */
  interface Items {
    @RequestLine("GET /items/{id}")
    @Headers("Accept: application/json")
    Item get(@Param("id") String id);

    @RequestLine("GET /items/{id}")
    @Headers({"Accept: application/json", "If-None-Match: {etag}"})
    Response getRaw(@Param("id") String id, @Param("etag") @Nullable String etag);

    @RequestLine("POST /items")
    @Headers({"Accept: application/json", "Content-Type: application/json"})
    Response create(Item item);

    @RequestLine("GET")
    @Headers("Accept: application/json")
    Item getAt(URI location);

    @RequestLine("PUT /items/{id}")
    @Headers({"Accept: application/json", "Content-Type: application/json", "If-Match: {etag}"})
    Response put(@Param("id") String id, @Param("etag") String etag, Item item);
  }

  private final OkHttpClient okHttp = new OkHttpClient.Builder()
      .connectTimeout(Duration.ofSeconds(10))
      .readTimeout(Duration.ofSeconds(60))
      .build();
  private final URI base;
  private final Items api;
  private final ObjectReader reader;
  private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();

  FeignContender(URI base) {
    this.base = base;
    ObjectMapper mapper = new ObjectMapper();
    this.reader = mapper.readerFor(Item.class);
    String root = base.toString();
    this.api = Feign.builder()
        .client(new feign.okhttp.OkHttpClient(okHttp))
        .encoder(new JacksonEncoder(mapper))
        .decoder(new JacksonDecoder(mapper))
        .target(Items.class, root.substring(0, root.length() - 1));
  }

  @Override
  public Item get(String id) {
    return api.get(id); // Feign throws FeignException for a status outside 2xx
  }

  @Override
  public Item revalidate(String id) {
    Kept last = kept.get(id);
    try (Response r = api.getRaw(id, last == null ? null : last.etag())) {
      byte[] body;
      if (r.status() == 304 && last != null) {
        body = last.body();
      } else if (r.status() == 200 && r.body() != null) {
        try (InputStream in = r.body().asInputStream()) {
          body = in.readAllBytes();
        }
        String etag = first(r, "ETag");
        if (etag != null) kept.put(id, new Kept(etag, body));
        else kept.remove(id);
      } else {
        throw Contender.unexpected("GET", r.request().url(), r.status());
      }
      return reader.readValue(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item create(Item item) {
    String location;
    try (Response r = api.create(item)) {
      if (r.status() != 201) throw Contender.unexpected("POST", r.request().url(), r.status());
      location = first(r, "Location");
      if (location == null) throw new IllegalStateException("201 without Location");
    }
    return api.getAt(base.resolve(location));
  }

  @Override
  public Item modify(String id) {
    String etag;
    Item current;
    try (Response r = api.getRaw(id, null)) {
      if (r.status() != 200) throw Contender.unexpected("GET", r.request().url(), r.status());
      etag = first(r, "ETag");
      if (etag == null) throw new IllegalStateException("GET " + id + " → no ETag");
      try (InputStream in = r.body().asInputStream()) {
        current = reader.readValue(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Item next = current.withStock(current.stock() + 1);
    try (Response w = api.put(id, etag, next)) {
      if (w.status() != 204) throw Contender.unexpected("PUT", w.request().url(), w.status());
    }
    return next;
  }

  private static @Nullable String first(Response r, String name) {
    Collection<String> values = r.headers().get(name);
    return values == null || values.isEmpty() ? null : values.iterator().next();
  }

  @Override
  public void close() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }
}
