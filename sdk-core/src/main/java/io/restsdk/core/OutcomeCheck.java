package io.restsdk.core;

import io.restsdk.core.internal.Json;
import io.restsdk.core.internal.MediaTypes;
import java.io.IOException;
import java.util.Map;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.Request;
import okhttp3.RequestBody;
import okio.Buffer;
import org.jspecify.annotations.Nullable;

/**
 * The outcome check after a lost response (see {@link Policies#reconcilable} for when it runs):
 * a re-read tells "my earlier attempt succeeded" from a real conflict.
 *
 * <ul>
 *   <li>DELETE answered 404 or 410: the resource is gone, as the DELETE wanted: reported as
 *       {@code 204 No Content} at once, with no re-read.
 *   <li>DELETE answered 412: the re-read of the URL answers 404 or 410, so the resource is gone
 *       as the DELETE wanted: reported as {@code 204 No Content}.
 *   <li>PUT or PATCH answered 412: the re-read of the URL answers 200 with a JSON body that
 *       holds every member the request's JSON body sent, with equal values (recursively for
 *       objects; a member sent as {@code null} must be absent or null), so the resource is in
 *       the state the write asked for: reported as {@code 200 OK} with the re-read entity.
 *   <li>POST with {@code Idempotency-Key} answered 409 with a {@code Location} on the same
 *       origin: the re-read of that Location answers 200 with a body that matches the POST's
 *       body as above: reported as {@code 201 Created} with that Location and entity.
 * </ul>
 *
 * Anything else (no JSON body to compare, a mismatch, another status) raises the original 412
 * or 409, with the earlier attempts' failures suppressed in it.
 */
final class OutcomeCheck {
  private OutcomeCheck() {}

  /** The GET that re-reads {@code url}, with the original's credentials and Accept. */
  static Request reread(Request sent, HttpUrl url) {
    return sent.newBuilder().url(url).get()
        .removeHeader("If-Match").removeHeader("If-None-Match")
        .removeHeader("Idempotency-Key").removeHeader("Content-Type")
        .build();
  }

  /** The JSON the request sent, or null when it sent none (or not JSON). */
  static Json.@Nullable Node sentJson(Request sent) {
    RequestBody body = sent.body();
    if (body == null) return null;
    MediaType type = body.contentType();
    if (type == null || !MediaTypes.isJson(type)) return null;
    try (Buffer buffer = new Buffer()) {
      body.writeTo(buffer);
      if (buffer.size() == 0) return null;
      return Json.parse(buffer.readByteArray());
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Whether {@code current} (a response body) holds what {@code sent} asked for. */
  static boolean holds(byte[] current, Json.@Nullable Node sent) {
    if (sent == null || current.length == 0) return false;
    try {
      return contains(Json.parse(current), sent);
    } catch (IOException e) {
      return false;
    }
  }

  static boolean contains(Json.@Nullable Node current, Json.Node sent) {
    if (!sent.isObject()) return sent.sameAs(current);
    if (current == null || !current.isObject()) return false;
    for (Map.Entry<String, Json.Node> member : sent.members().entrySet()) {
      Json.Node there = current.get(member.getKey());
      if (member.getValue().isNull()) {
        if (there != null && !there.isNull()) return false;
      } else if (!contains(there, member.getValue())) {
        return false;
      }
    }
    return true;
  }
}
