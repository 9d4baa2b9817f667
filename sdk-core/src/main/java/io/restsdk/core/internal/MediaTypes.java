package io.restsdk.core.internal;

import okhttp3.MediaType;
import org.jspecify.annotations.Nullable;

/** Which media types restsdk reads as JSON. */
public final class MediaTypes {
  /** The type JSON request bodies are sent with. */
  public static final MediaType JSON = MediaType.get("application/json; charset=utf-8");

  private MediaTypes() {}

  /** {@code application/json} or any {@code application/*+json}, e.g. {@code application/problem+json}. */
  public static boolean isJson(@Nullable MediaType type) {
    if (type == null) return false;
    if (!type.type().equalsIgnoreCase("application")) return false;
    String sub = type.subtype().toLowerCase(java.util.Locale.ROOT);
    return sub.equals("json") || sub.endsWith("+json");
  }
}
