package io.restsdk.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import okhttp3.OkHttpClient;
import okhttp3.ResponseBody;
import org.jspecify.annotations.Nullable;
import retrofit2.Call;
import retrofit2.Response;
import retrofit2.Retrofit;
import retrofit2.converter.jackson.JacksonConverterFactory;
import retrofit2.http.Body;
import retrofit2.http.GET;
import retrofit2.http.Header;
import retrofit2.http.Headers;
import retrofit2.http.POST;
import retrofit2.http.PUT;
import retrofit2.http.Path;
import retrofit2.http.Url;

/** Retrofit with its Jackson converter; the 304 workload keeps tags and bodies by hand. */
final class RetrofitContender implements Contender {
  /** The API as a Retrofit user declares it. */
  interface Items {
    @Headers("Accept: application/json")
    @GET("items/{id}")
    Call<Item> get(@Path("id") String id);

    @Headers("Accept: application/json")
    @GET("items/{id}")
    Call<ResponseBody> getRaw(
        @Path("id") String id, @Header("If-None-Match") @Nullable String etag);

    @Headers("Accept: application/json")
    @POST("items")
    Call<Void> create(@Body Item item);

    @Headers("Accept: application/json")
    @GET
    Call<Item> getAt(@Url String url);

    @Headers("Accept: application/json")
    @PUT("items/{id}")
    Call<Void> put(@Path("id") String id, @Header("If-Match") String etag, @Body Item item);
  }

  private final OkHttpClient okHttp = new OkHttpClient();
  private final Items api;
  private final ObjectReader reader;
  private final ConcurrentMap<String, Kept> kept = new ConcurrentHashMap<>();

  RetrofitContender(URI base) {
    ObjectMapper mapper = new ObjectMapper();
    this.reader = mapper.readerFor(Item.class);
    this.api = new Retrofit.Builder()
        .baseUrl(base.toString())
        .client(okHttp)
        .addConverterFactory(JacksonConverterFactory.create(mapper))
        .build()
        .create(Items.class);
  }

  @Override
  public Item get(String id) {
    return body(execute(api.get(id)), 200);
  }

  @Override
  public Item revalidate(String id) {
    Kept last = kept.get(id);
    Response<ResponseBody> r = execute(api.getRaw(id, last == null ? null : last.etag()));
    try {
      byte[] body;
      if (r.code() == 304 && last != null) {
        closeError(r);
        body = last.body();
      } else if (r.code() == 200 && r.body() != null) {
        try (ResponseBody b = r.body()) {
          body = b.bytes();
        }
        String etag = r.headers().get("ETag");
        if (etag != null) kept.put(id, new Kept(etag, body));
        else kept.remove(id);
      } else {
        closeError(r);
        throw Contender.unexpected("GET", r.raw().request().url(), r.code());
      }
      return reader.readValue(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Item create(Item item) {
    Response<Void> created = execute(api.create(item));
    if (created.code() != 201) {
      closeError(created);
      throw Contender.unexpected("POST", created.raw().request().url(), created.code());
    }
    String location = created.headers().get("Location");
    if (location == null) throw new IllegalStateException("201 without Location");
    return body(execute(api.getAt(location)), 200);
  }

  @Override
  public Item modify(String id) {
    Response<Item> read = execute(api.get(id));
    Item current = body(read, 200);
    String etag = read.headers().get("ETag");
    if (etag == null) throw new IllegalStateException("GET " + id + " → no ETag");
    Item next = current.withStock(current.stock() + 1);
    Response<Void> written = execute(api.put(id, etag, next));
    if (written.code() != 204) {
      closeError(written);
      throw Contender.unexpected("PUT", written.raw().request().url(), written.code());
    }
    return next;
  }

  private static <T> T body(Response<T> r, int expected) {
    T body = r.body();
    if (r.code() != expected || body == null) {
      closeError(r);
      throw Contender.unexpected(r.raw().request().method(), r.raw().request().url(), r.code());
    }
    return body;
  }

  private static <T> Response<T> execute(Call<T> call) {
    try {
      return call.execute();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeError(Response<?> r) {
    if (r.errorBody() != null) r.errorBody().close();
  }

  @Override
  public void close() {
    okHttp.dispatcher().executorService().shutdown();
    okHttp.connectionPool().evictAll();
  }
}
