package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import java.util.Optional;
import okhttp3.Headers;
import org.jspecify.annotations.Nullable;

/**
 * The successful outcome of {@link RestClient#send}: one variant per kind of success in the
 * response-code contract. Every failing status is an {@link ApiException} instead.
 *
 * <pre>{@code
 * ApiResponse<Book> r = client.send(ApiRequest.get("books/42").ifNoneMatch(etag), Book.class);
 * switch (r) {
 *   case ApiResponse.Ok<Book> ok -> show(ok.body());
 *   case ApiResponse.NotModified<Book> nm -> showCached();
 *   case ApiResponse.Created<Book> c -> open(c.location());
 *   case ApiResponse.NoContent<Book> nc -> done();
 * }
 * }</pre>
 *
 * @param <T> the body type
 */
public sealed interface ApiResponse<T>
    permits ApiResponse.Ok, ApiResponse.Created, ApiResponse.NoContent, ApiResponse.NotModified {

  /** The HTTP status code. */
  int status();

  /** The response headers. */
  Headers headers();

  /**
   * A 200 (or another 2xx with a body), or a 304 the client answered from its ETag cache
   * ({@link Entity#revalidated()} is then true).
   *
   * @param entity the decoded body and its metadata
   */
  record Ok<T>(Entity<T> entity) implements ApiResponse<T> {
    /** Checks that the entity is present. */
    public Ok {
      requireNonNull(entity, "entity == null");
    }

    /** The decoded body. */
    public T body() {
      return entity.body();
    }

    /** The entity tag, if the server sent one. */
    public Optional<ETag> etag() {
      return Optional.ofNullable(entity.etag());
    }

    /** True when the body came from the ETag cache after a 304. */
    public boolean revalidated() {
      return entity.revalidated();
    }

    @Override
    public int status() {
      return entity.status();
    }

    @Override
    public Headers headers() {
      return entity.headers();
    }
  }

  /**
   * A 201. When the client followed {@code Location} (the default), {@link #entity()} holds the
   * created resource as read back with a GET.
   *
   * @param location the resolved {@code Location}, or null when a lenient client tolerated a
   *     201 without a usable one
   * @param entity the created resource when {@code Location} was followed (its status is 201,
   *     its ETag and headers those of the GET), otherwise null
   */
  record Created<T>(int status, Headers headers, @Nullable URI location, @Nullable Entity<T> entity)
      implements ApiResponse<T> {
    /** Checks that headers are present. */
    public Created {
      requireNonNull(headers, "headers == null");
    }
  }

  /**
   * A 204, or another 2xx without a body: also a 200 with an empty body to a write (POST, PUT,
   * PATCH, DELETE), which succeeded. (A GET's empty 200 is a {@link DecodeException}: a read
   * needs the body.)
   */
  record NoContent<T>(int status, Headers headers) implements ApiResponse<T> {
    /** Checks that headers are present. */
    public NoContent {
      requireNonNull(headers, "headers == null");
    }

    /**
     * The entity tag of the resource as written, when the answer carries a valid {@code ETag}
     * (a malformed one reads as absent). It tags the server's representation, which may differ
     * from the body sent (defaults filled in, fields normalized), so it is never stored in the
     * ETag cache with that body; use it for a following conditional write.
     */
    public Optional<ETag> etag() {
      return ETag.parse(headers.get("ETag"));
    }
  }

  /**
   * A 304 for a request whose {@code If-None-Match} the caller set itself: the caller's copy is
   * still current.
   *
   * @param etag the entity tag the server confirmed, if it sent one
   */
  record NotModified<T>(int status, Headers headers, @Nullable ETag etag)
      implements ApiResponse<T> {
    /** Checks that headers are present. */
    public NotModified {
      requireNonNull(headers, "headers == null");
    }
  }
}
