package io.restsdk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

/** The JDK's {@link HttpClient} (HTTP/1.1) with Jackson; the 304 workload by hand. */
final class JdkContender implements Contender {
  private final HttpClient client = HttpClient.newBuilder()
      .version(HttpClient.Version.HTTP_1_1) // no h2c upgrade attempt on plain http
      .build();
  private final URI base;
  private final ObjectReader reader;
  private final ObjectWriter writer;
  private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();

  JdkContender(URI base) {
    this.base = base;
    ObjectMapper mapper = new ObjectMapper();
    this.reader = mapper.readerFor(Item.class);
    this.writer = mapper.writerFor(Item.class);
  }

  @Override
  public Item get(String id) {
    return read(item(id));
  }

  @Override
  public Item revalidate(String id) {
    URI uri = item(id);
    Kept last = kept.get(id);
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).header("Accept", "application/json");
    if (last != null) b.header("If-None-Match", last.etag());
    HttpResponse<byte[]> r = send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    byte[] body;
    if (r.statusCode() == 304 && last != null) {
      body = last.body();
    } else if (r.statusCode() == 200) {
      body = r.body();
      String etag = r.headers().firstValue("ETag").orElse(null);
      if (etag != null) kept.put(id, new Kept(etag, body));
      else kept.remove(id);
    } else {
      throw Contender.unexpected("GET", uri, r.statusCode());
    }
    return decode(body);
  }

  @Override
  public Item create(Item item) {
    URI uri = base.resolve("items");
    HttpRequest post = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(encode(item)))
        .build();
    HttpResponse<Void> r = send(post, HttpResponse.BodyHandlers.discarding());
    if (r.statusCode() != 201) throw Contender.unexpected("POST", uri, r.statusCode());
    String location = r.headers().firstValue("Location")
        .orElseThrow(() -> new IllegalStateException("201 without Location"));
    return read(uri.resolve(location));
  }

  @Override
  public Item modify(String id) {
    URI uri = item(id);
    HttpResponse<byte[]> r = send(
        HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) throw Contender.unexpected("GET", uri, r.statusCode());
    String etag = r.headers().firstValue("ETag")
        .orElseThrow(() -> new IllegalStateException("GET " + uri + " → no ETag"));
    Item current = decode(r.body());
    Item next = current.withStock(current.stock() + 1);
    HttpRequest put = HttpRequest.newBuilder(uri)
        .header("Accept", "application/json")
        .header("Content-Type", "application/json")
        .header("If-Match", etag)
        .PUT(HttpRequest.BodyPublishers.ofByteArray(encode(next)))
        .build();
    HttpResponse<Void> w = send(put, HttpResponse.BodyHandlers.discarding());
    if (w.statusCode() != 204) throw Contender.unexpected("PUT", uri, w.statusCode());
    return next;
  }

  private Item read(URI uri) {
    HttpResponse<byte[]> r = send(
        HttpRequest.newBuilder(uri).header("Accept", "application/json").build(),
        HttpResponse.BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) throw Contender.unexpected("GET", uri, r.statusCode());
    return decode(r.body());
  }

  private URI item(String id) {
    return base.resolve("items/" + id);
  }

  private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
    try {
      return client.send(request, handler);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new UncheckedIOException(new InterruptedIOException("interrupted"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Item decode(byte[] body) {
    try {
      return reader.readValue(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] encode(Item item) {
    try {
      return writer.writeValueAsBytes(item);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    // HttpClient has no close() before JDK 21; its threads end when it is unreachable.
  }
}
