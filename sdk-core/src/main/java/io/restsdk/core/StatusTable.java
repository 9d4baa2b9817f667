package io.restsdk.core;

import org.jspecify.annotations.Nullable;

/**
 * The response-code contract as data: one row per status the contract names, and one row per
 * class for every other code. Each status maps to exactly one outcome.
 */
enum StatusTable {
  // code, outcome, contract says "no body", what the row of the contract says
  OK(200, Outcome.OK, false), // 200: decode the body; store body+ETag in the ETag cache
  CREATED(201, Outcome.CREATED, true), // 201: resolve Location, follow it with a GET
  NO_CONTENT(204, Outcome.NO_CONTENT, true), // 204: NoContent; evict the URL written to
  NOT_MODIFIED(304, Outcome.NOT_MODIFIED, true), // 304: answer from the cache, or NotModified
  BAD_REQUEST(400, Outcome.FAILURE, false), // 400: BadRequest with the parsed error
  UNAUTHORIZED(401, Outcome.FAILURE, true), // 401: Unauthorized; refresh once where possible
  FORBIDDEN(403, Outcome.FAILURE, false), // 403: Forbidden; never retried
  NOT_FOUND(404, Outcome.FAILURE, true), // 404: NotFound; evict the cached entry
  CONFLICT(409, Outcome.FAILURE, false), // 409: Conflict with the error body; never retried blindly
  PRECONDITION_FAILED(412, Outcome.FAILURE, false), // 412: PreconditionFailed; evict stale entry
  INTERNAL_SERVER_ERROR(500, Outcome.FAILURE, false), // 500: InternalServerError, parsed error
  // "429 and 503 are retryable and honour Retry-After" (CONTRACT.md, under the table):
  TOO_MANY_REQUESTS(429, Outcome.FAILURE, false), // 429: TooManyRequests with retryAfter()
  SERVICE_UNAVAILABLE(503, Outcome.FAILURE, false), // 503: ServiceUnavailable with retryAfter()
  OTHER_SUCCESS(-2, Outcome.OK, false), // other 2xx: successes (NoContent when bodiless)
  OTHER_REDIRECT(-3, Outcome.FAILURE, false), // 3xx OkHttp did not follow: general kind
  OTHER_CLIENT_ERROR(-4, Outcome.FAILURE, false), // other 4xx: general kind, status exposed
  OTHER_SERVER_ERROR(-5, Outcome.FAILURE, false), // other 5xx: general kind, status exposed
  UNKNOWN(-1, Outcome.FAILURE, false); // outside 100–599: general kind

  enum Outcome { OK, CREATED, NO_CONTENT, NOT_MODIFIED, FAILURE }

  final int code;
  final Outcome outcome;
  final boolean bodyless;

  StatusTable(int code, Outcome outcome, boolean bodyless) {
    this.code = code;
    this.outcome = outcome;
    this.bodyless = bodyless;
  }

  static StatusTable of(int code) {
    return switch (code) {
      case 200 -> OK;
      case 201 -> CREATED;
      case 204 -> NO_CONTENT;
      case 304 -> NOT_MODIFIED;
      case 400 -> BAD_REQUEST;
      case 401 -> UNAUTHORIZED;
      case 403 -> FORBIDDEN;
      case 404 -> NOT_FOUND;
      case 409 -> CONFLICT;
      case 412 -> PRECONDITION_FAILED;
      case 500 -> INTERNAL_SERVER_ERROR;
      case 429 -> TOO_MANY_REQUESTS;
      case 503 -> SERVICE_UNAVAILABLE;
      default -> switch (code / 100) {
        case 2 -> OTHER_SUCCESS;
        case 1, 3 -> OTHER_REDIRECT;
        case 4 -> OTHER_CLIENT_ERROR;
        case 5 -> OTHER_SERVER_ERROR;
        default -> UNKNOWN;
      };
    };
  }

  /** The exception for a failing row. */
  ApiException failure(ApiException.Failure f, @Nullable ETag sentIfMatch) {
    return switch (this) {
      case BAD_REQUEST -> new ApiException.BadRequest(f);
      case UNAUTHORIZED -> new ApiException.Unauthorized(f);
      case FORBIDDEN -> new ApiException.Forbidden(f);
      case NOT_FOUND -> new ApiException.NotFound(f);
      case CONFLICT -> new ApiException.Conflict(f);
      case PRECONDITION_FAILED -> new ApiException.PreconditionFailed(f, sentIfMatch);
      case INTERNAL_SERVER_ERROR -> new ApiException.InternalServerError(f);
      case TOO_MANY_REQUESTS -> new ApiException.TooManyRequests(f);
      case SERVICE_UNAVAILABLE -> new ApiException.ServiceUnavailable(f);
      default -> new ApiException.Other(f);
    };
  }
}
