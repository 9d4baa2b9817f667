package io.restsdk.testkit;

import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A response decided by the fake, before it is turned into bytes on the wire by {@link Faults}.
 * Keeping this independent of mockwebserver3 confines that library's API to one class.
 */
final class Reply {
  final int status;
  final Map<String, String> headers = new LinkedHashMap<>();
  @Nullable String body;
  /** A 201's created item as a GET of its Location would answer it; not sent unless a fault does. */
  @Nullable String created;
  /** The content type of {@link #created}. */
  String createdType = "application/json";

  private Reply(int status, @Nullable String body) {
    this.status = status;
    this.body = body;
  }

  static Reply noBody(int status) {
    return new Reply(status, null);
  }

  static Reply json(int status, String body) {
    Reply reply = new Reply(status, body);
    reply.header("Content-Type", "application/json");
    return reply;
  }

  /** An error with the contract's {@code {code,type,message}} body. */
  static Reply error(int status, String message) {
    return json(status, Json.errorBody(status, message));
  }

  Reply withBody(String body) {
    this.body = body;
    return this;
  }

  Reply created(String representation, String contentType) {
    this.created = representation;
    this.createdType = contentType;
    return this;
  }

  Reply header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  static String reason(int code) {
    return switch (code) {
      case 200 -> "OK";
      case 201 -> "Created";
      case 204 -> "No Content";
      case 304 -> "Not Modified";
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      case 408 -> "Request Timeout";
      case 409 -> "Conflict";
      case 412 -> "Precondition Failed";
      case 415 -> "Unsupported Media Type";
      case 422 -> "Unprocessable Content";
      case 429 -> "Too Many Requests";
      case 500 -> "Internal Server Error";
      case 501 -> "Not Implemented";
      case 502 -> "Bad Gateway";
      case 503 -> "Service Unavailable";
      case 504 -> "Gateway Timeout";
      default -> code >= 500 ? "Server Error" : code >= 400 ? "Client Error" : "Status " + code;
    };
  }

  @Override
  public String toString() {
    return status + " " + headers + (body == null ? "" : " " + body);
  }
}
