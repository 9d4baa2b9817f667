package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.Json;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * An RFC 6902 JSON Patch: operations the server applies to a JSON document in order, all of
 * them or none. Send one with {@link ApiRequest#jsonPatch(JsonPatch)}, as
 * {@code application/json-patch+json}. Paths are RFC 6901 JSON Pointers ({@code /a/b/0});
 * {@link #pointer(String...)} builds one from member names, escaping {@code ~} and {@code /}.
 *
 * <p>Immutable and thread-safe: each method returns a new patch. Values are written with the
 * client's {@link BodyCodec} when the request is sent; a {@code null} value is JSON
 * {@code null}.
 *
 * <pre>{@code
 * JsonPatch patch = JsonPatch.create()
 *     .test("/version", 7)                       // fail (409 or 422) unless version is 7
 *     .replace("/title", "Dune Messiah")
 *     .add(JsonPatch.pointer("tags", "-"), "sequel") // append to the tags array
 *     .remove("/draft")
 *     .move("/subtitle", "/tagline")
 *     .copy("/author", "/credits/0");
 * client.send(ApiRequest.patch("books/42").jsonPatch(patch), Book.class);
 * // [{"op":"test","path":"/version","value":7},{"op":"replace","path":"/title",…},…]
 * }</pre>
 */
public final class JsonPatch {
  /** The media type of a JSON Patch body. */
  public static final String MEDIA_TYPE = "application/json-patch+json";

  private static final JsonPatch EMPTY = new JsonPatch(List.of());
  private static final byte[] NULL = {'n', 'u', 'l', 'l'};

  /** One operation: {@code from} for move and copy, {@code value} for add, replace and test. */
  private record Op(String op, String path, @Nullable String from, boolean hasValue,
      @Nullable Object value) {}

  private final List<Op> ops;

  private JsonPatch(List<Op> ops) {
    this.ops = ops;
  }

  /** An empty patch, to add operations to. */
  public static JsonPatch create() {
    return EMPTY;
  }

  /**
   * The JSON Pointer to the member named by {@code segments}, each escaped as RFC 6901 asks
   * ({@code ~} as {@code ~0}, {@code /} as {@code ~1}): {@code pointer("a/b", "m~n")} is
   * {@code /a~1b/m~0n}. No segments: {@code ""}, the whole document. Array indexes are
   * segments too ({@code "0"}, or {@code "-"} for the end of an array in {@code add}).
   *
   * @throws NullPointerException if a segment is null
   */
  public static String pointer(String... segments) {
    requireNonNull(segments, "segments == null");
    StringBuilder sb = new StringBuilder();
    for (String s : segments) {
      requireNonNull(s, "segment == null");
      sb.append('/').append(s.replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }

  /** Adds {@code value} at {@code path} (a new member, an array element, or a replacement). */
  public JsonPatch add(String path, @Nullable Object value) {
    return with(new Op("add", checkPointer(path, "path"), null, true, value));
  }

  /** Removes the value at {@code path}, which must exist. */
  public JsonPatch remove(String path) {
    return with(new Op("remove", checkPointer(path, "path"), null, false, null));
  }

  /** Replaces the value at {@code path}, which must exist, with {@code value}. */
  public JsonPatch replace(String path, @Nullable Object value) {
    return with(new Op("replace", checkPointer(path, "path"), null, true, value));
  }

  /** Moves the value at {@code from} to {@code path}. */
  public JsonPatch move(String from, String path) {
    return with(new Op("move", checkPointer(path, "path"), checkPointer(from, "from"), false,
        null));
  }

  /** Copies the value at {@code from} to {@code path}. */
  public JsonPatch copy(String from, String path) {
    return with(new Op("copy", checkPointer(path, "path"), checkPointer(from, "from"), false,
        null));
  }

  /** Makes the whole patch fail unless the value at {@code path} equals {@code value}. */
  public JsonPatch test(String path, @Nullable Object value) {
    return with(new Op("test", checkPointer(path, "path"), null, true, value));
  }

  /** The number of operations. */
  public int size() {
    return ops.size();
  }

  /** Whether there are no operations (an empty patch changes nothing). */
  public boolean isEmpty() {
    return ops.isEmpty();
  }

  /** The patch as JSON, each value written by {@code codec}. */
  byte[] encode(BodyCodec codec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write('[');
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      StringBuilder sb = new StringBuilder(i == 0 ? "{" : ",{");
      member(sb, "op", op.op()).append(',');
      if (op.from() != null) member(sb, "from", op.from()).append(',');
      member(sb, "path", op.path());
      if (op.hasValue()) sb.append(",\"value\":");
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
      if (op.hasValue()) {
        out.write(op.value() == null ? NULL : codec.encode(op.value()));
      }
      out.write('}');
    }
    out.write(']');
    return out.toByteArray();
  }

  private static StringBuilder member(StringBuilder sb, String name, String value) {
    Json.quote(sb, name);
    sb.append(':');
    Json.quote(sb, value);
    return sb;
  }

  /** Equal when the operations are, in the same order, with equal values. */
  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof JsonPatch other && ops.equals(other.ops);
  }

  @Override
  public int hashCode() {
    return ops.hashCode();
  }

  /** The operations in order, e.g. {@code [replace /title, remove /draft]}; values not shown. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("JsonPatch[");
    for (int i = 0; i < ops.size(); i++) {
      Op op = ops.get(i);
      if (i > 0) sb.append(", ");
      sb.append(op.op());
      if (op.from() != null) sb.append(' ').append(op.from()).append(" →");
      sb.append(' ').append(op.path());
    }
    return sb.append(']').toString();
  }

  private JsonPatch with(Op op) {
    List<Op> next = new ArrayList<>(ops.size() + 1);
    next.addAll(ops);
    next.add(op);
    return new JsonPatch(Collections.unmodifiableList(next));
  }

  /**
   * RFC 6901: {@code ""} or {@code /}-separated reference tokens, where {@code ~} is only
   * followed by {@code 0} or {@code 1}.
   */
  private static String checkPointer(String pointer, String what) {
    requireNonNull(pointer, what + " == null");
    if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
      throw new IllegalArgumentException(what + " must be a JSON Pointer starting with '/' (or"
          + " \"\" for the whole document): " + pointer);
    }
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~') {
        char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
        if (next != '0' && next != '1') {
          throw new IllegalArgumentException(what + " holds '~' not followed by 0 or 1 (write"
              + " '~' as ~0 and '/' as ~1, or use JsonPatch.pointer): " + pointer);
        }
      }
    }
    return pointer;
  }
}
