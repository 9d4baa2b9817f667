package io.restsdk.core.internal;

import io.restsdk.core.CodecException;
import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * sdk-core's own small JSON reader, for what the SDK itself reads from bodies whatever the
 * {@link io.restsdk.core.BodyCodec}: HAL {@code _links} and {@code _embedded} pages, next links
 * and cursors, JSON:API documents, error bodies, the outcome check's comparison, merge patches.
 * Application types are never bound here: that is the codec's job.
 *
 * <p>Strict RFC 8259 over UTF-8 bytes. Every node keeps where it is in the bytes it was read
 * from ({@link Node#start()}, {@link Node#end()}), so a part of a body (a page's item, an
 * attribute value) can be handed to the codec as the exact bytes the server sent: numbers keep
 * their text and scale. Nesting deeper than {@value #MAX_DEPTH} is refused.
 */
public final class Json {
  /** Deeper nesting is refused (as Jackson refuses more than 1000 by default). */
  public static final int MAX_DEPTH = 1000;

  /** The kinds of JSON value. */
  public enum Kind { OBJECT, ARRAY, STRING, NUMBER, TRUE, FALSE, NULL }

  /** One JSON value with its place in the bytes it was read from. Immutable. */
  public static final class Node {
    private final Kind kind;
    private final int start;
    private final int end;
    /** Map of members, list of items, string value or number text; null when skipped. */
    private final @Nullable Object value;

    Node(Kind kind, int start, int end, @Nullable Object value) {
      this.kind = kind;
      this.start = start;
      this.end = end;
      this.value = value;
    }

    public Kind kind() {
      return kind;
    }

    /** Offset of the value's first byte. */
    public int start() {
      return start;
    }

    /** Offset just after the value's last byte. */
    public int end() {
      return end;
    }

    public boolean isObject() {
      return kind == Kind.OBJECT;
    }

    public boolean isArray() {
      return kind == Kind.ARRAY;
    }

    public boolean isString() {
      return kind == Kind.STRING;
    }

    public boolean isNumber() {
      return kind == Kind.NUMBER;
    }

    public boolean isNull() {
      return kind == Kind.NULL;
    }

    public boolean isContainer() {
      return kind == Kind.OBJECT || kind == Kind.ARRAY;
    }

    /** An object's members in order (empty for anything else). */
    @SuppressWarnings("unchecked")
    public Map<String, Node> members() {
      return kind == Kind.OBJECT && value != null ? (Map<String, Node>) value : Map.of();
    }

    /** An array's items (empty for anything else). */
    @SuppressWarnings("unchecked")
    public List<Node> items() {
      return kind == Kind.ARRAY && value != null ? (List<Node>) value : List.of();
    }

    /** The member {@code name} of an object; null when absent or this is no object. */
    public @Nullable Node get(String name) {
      return members().get(name);
    }

    /** A string's value, a number's text, {@code true}/{@code false}/{@code null}; "" for containers. */
    public String text() {
      return switch (kind) {
        case STRING, NUMBER -> value == null ? "" : (String) value;
        case TRUE -> "true";
        case FALSE -> "false";
        case NULL -> "null";
        default -> "";
      };
    }

    /** Whether this is a number written without fraction or exponent. */
    public boolean isIntegral() {
      if (kind != Kind.NUMBER) return false;
      String t = text();
      return t.indexOf('.') < 0 && t.indexOf('e') < 0 && t.indexOf('E') < 0;
    }

    /** A number's value, exactly. @throws IllegalStateException if this is no number */
    public BigDecimal decimal() {
      if (kind != Kind.NUMBER) throw new IllegalStateException("not a number: " + kind);
      return new BigDecimal(text());
    }

    /** The value at an RFC 6901 pointer ({@code ""} is this node); null when missing. */
    public @Nullable Node at(String pointer) {
      if (pointer.isEmpty()) return this;
      Node n = this;
      int i = 1; // past the leading '/'
      while (n != null) {
        int slash = pointer.indexOf('/', i);
        String token = unescape(pointer.substring(i, slash < 0 ? pointer.length() : slash));
        if (n.isObject()) {
          n = n.get(token);
        } else if (n.isArray()) {
          n = index(n.items(), token);
        } else {
          return null;
        }
        if (slash < 0) return n;
        i = slash + 1;
      }
      return null;
    }

    private static @Nullable Node index(List<Node> items, String token) {
      if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
        return null;
      }
      for (int k = 0; k < token.length(); k++) {
        if (token.charAt(k) < '0' || token.charAt(k) > '9') return null;
      }
      int idx = Integer.parseInt(token);
      return idx < items.size() ? items.get(idx) : null;
    }

    /** What this is, for messages: "a JSON string", "JSON null". */
    public String describe() {
      return Json.describe(this);
    }

    /** Equal JSON values: numbers by value (1 and 1.0 are equal), objects regardless of order. */
    public boolean sameAs(@Nullable Node other) {
      if (other == null || other.kind != kind) return false;
      return switch (kind) {
        case NUMBER -> decimal().compareTo(other.decimal()) == 0;
        case STRING -> text().equals(other.text());
        case ARRAY -> {
          List<Node> a = items();
          List<Node> b = other.items();
          if (a.size() != b.size()) yield false;
          for (int k = 0; k < a.size(); k++) if (!a.get(k).sameAs(b.get(k))) yield false;
          yield true;
        }
        case OBJECT -> {
          Map<String, Node> a = members();
          Map<String, Node> b = other.members();
          if (a.size() != b.size()) yield false;
          for (Map.Entry<String, Node> e : a.entrySet()) {
            if (!e.getValue().sameAs(b.get(e.getKey()))) yield false;
          }
          yield true;
        }
        default -> true;
      };
    }

    @Override
    public String toString() {
      return kind + "[" + start + ".." + end + ")";
    }
  }

  /**
   * A JSON document and the bytes it was read from (which its nodes' places refer to; they are
   * only read, never changed).
   */
  public record Doc(byte[] bytes, Node root) {
    /** The bytes of {@code node}, a node of this document. */
    public byte[] slice(Node node) {
      return Json.slice(bytes, node);
    }
  }

  /** {@link #parse(byte[])} with the bytes kept. */
  public static Doc doc(byte[] body) throws CodecException {
    return new Doc(body, parse(body));
  }

  /** What {@code n} is, for messages; {@code "missing"} for null. */
  public static String describe(@Nullable Node n) {
    if (n == null) return "missing";
    return switch (n.kind) {
      case NULL -> "JSON null";
      case STRING -> "a JSON string";
      case NUMBER -> "a JSON number";
      case TRUE, FALSE -> "a JSON boolean";
      case ARRAY -> "a JSON array";
      case OBJECT -> "a JSON object";
    };
  }

  private final byte[] in;
  private final int limit;
  private int pos;
  /** Members of the top-level object to build; null: build everything. */
  private final @Nullable String keep;

  private Json(byte[] in, int from, int to, @Nullable String keep) {
    this.in = in;
    this.pos = from;
    this.limit = to;
    this.keep = keep;
  }

  /**
   * The JSON document {@code body} holds, all of it.
   *
   * @throws CodecException if it is not one JSON value (with the line and column where not)
   */
  public static Node parse(byte[] body) throws CodecException {
    return new Json(body, 0, body.length, null).document();
  }

  /**
   * The document {@code body} holds, reading only the top level in full when it is an object:
   * the value of its member {@code keep} is built, the other members' values are checked and
   * skipped (their nodes have a kind and a place but no content). Anything else is read in
   * full. For a HAL body, whose {@code _links} is all the SDK needs.
   *
   * @throws CodecException if it is not one JSON value
   */
  public static Node parseShallow(byte[] body, String keep) throws CodecException {
    return new Json(body, 0, body.length, keep).document();
  }

  private Node document() throws CodecException {
    skipBom();
    space();
    if (pos >= limit) throw fail(limit == 0 ? "the body is empty" : "no JSON value");
    Node n = value(0, true);
    space();
    if (pos < limit) throw fail("unexpected content after the JSON value");
    return n;
  }

  private void skipBom() {
    if (limit - pos >= 3 && (in[pos] & 0xff) == 0xEF && (in[pos + 1] & 0xff) == 0xBB
        && (in[pos + 2] & 0xff) == 0xBF) {
      pos += 3;
    }
  }

  private void space() {
    while (pos < limit) {
      byte b = in[pos];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return;
      pos++;
    }
  }

  private Node value(int depth, boolean build) throws CodecException {
    if (depth > MAX_DEPTH) throw fail("JSON nested more than " + MAX_DEPTH + " levels deep");
    if (pos >= limit) throw fail("unexpected end of the JSON");
    int start = pos;
    byte b = in[pos];
    switch (b) {
      case '{':
        return object(depth, build);
      case '[':
        return array(depth, build);
      case '"': {
        String s = string(build);
        return new Node(Kind.STRING, start, pos, s);
      }
      case 't':
        literal("true");
        return new Node(Kind.TRUE, start, pos, null);
      case 'f':
        literal("false");
        return new Node(Kind.FALSE, start, pos, null);
      case 'n':
        literal("null");
        return new Node(Kind.NULL, start, pos, null);
      default:
        if (b == '-' || (b >= '0' && b <= '9')) {
          number();
          return new Node(Kind.NUMBER, start, pos,
              build ? new String(in, start, pos - start, StandardCharsets.US_ASCII) : null);
        }
        throw fail("unexpected " + shown(b));
    }
  }

  private Node object(int depth, boolean build) throws CodecException {
    int start = pos++;
    boolean top = depth == 0 && keep != null;
    Map<String, Node> members = build ? new LinkedHashMap<>() : null;
    space();
    if (pos < limit && in[pos] == '}') {
      pos++;
      return new Node(Kind.OBJECT, start, pos, members == null ? null : Collections.emptyMap());
    }
    while (true) {
      space();
      if (pos >= limit || in[pos] != '"') throw fail("expected a member name");
      String name = string(build);
      space();
      if (pos >= limit || in[pos] != ':') throw fail("expected ':' after a member name");
      pos++;
      space();
      boolean buildValue = build && (!top || name.equals(keep));
      Node v = value(depth + 1, buildValue);
      if (members != null) members.put(name, v);
      space();
      if (pos >= limit) throw fail("unexpected end of the JSON in an object");
      byte b = in[pos++];
      if (b == '}') break;
      if (b != ',') throw fail("expected ',' or '}' in an object, not " + shown(b), pos - 1);
    }
    return new Node(Kind.OBJECT, start, pos,
        members == null ? null : Collections.unmodifiableMap(members));
  }

  private Node array(int depth, boolean build) throws CodecException {
    int start = pos++;
    List<Node> items = build ? new ArrayList<>() : null;
    space();
    if (pos < limit && in[pos] == ']') {
      pos++;
      return new Node(Kind.ARRAY, start, pos, items == null ? null : List.of());
    }
    while (true) {
      space();
      Node v = value(depth + 1, build);
      if (items != null) items.add(v);
      space();
      if (pos >= limit) throw fail("unexpected end of the JSON in an array");
      byte b = in[pos++];
      if (b == ']') break;
      if (b != ',') throw fail("expected ',' or ']' in an array, not " + shown(b), pos - 1);
    }
    return new Node(Kind.ARRAY, start, pos,
        items == null ? null : Collections.unmodifiableList(items));
  }

  /** Reads a string at {@code pos} (its opening quote); its value when {@code build}. */
  private @Nullable String string(boolean build) throws CodecException {
    int start = ++pos;
    boolean escaped = false;
    while (true) {
      if (pos >= limit) throw fail("unterminated string");
      byte b = in[pos];
      if (b == '"') break;
      if ((b & 0xff) < 0x20) throw fail("a control character in a string (escape it)");
      if (b == '\\') {
        escaped = true;
        pos++;
        if (pos >= limit) throw fail("unterminated string");
        byte e = in[pos];
        if (e == 'u') {
          for (int k = 1; k <= 4; k++) {
            if (pos + k >= limit || Character.digit(in[pos + k], 16) < 0) {
              throw fail("a \\u escape without four hex digits");
            }
          }
          pos += 4;
        } else if ("\"\\/bfnrt".indexOf(e) < 0) {
          throw fail("an invalid escape \\" + (char) (e & 0xff));
        }
      }
      pos++;
    }
    int end = pos++;
    if (!build) return null;
    String raw = new String(in, start, end - start, StandardCharsets.UTF_8);
    return escaped ? unescapeJson(raw) : raw;
  }

  private static String unescapeJson(String raw) {
    StringBuilder sb = new StringBuilder(raw.length());
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = raw.charAt(++i);
      switch (e) {
        case 'b' -> sb.append('\b');
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'u' -> {
          sb.append((char) Integer.parseInt(raw.substring(i + 1, i + 5), 16));
          i += 4;
        }
        default -> sb.append(e); // " \ /
      }
    }
    return sb.toString();
  }

  private void number() throws CodecException {
    if (in[pos] == '-') pos++;
    if (pos >= limit) throw fail("a number without digits");
    if (in[pos] == '0') {
      pos++;
    } else if (in[pos] >= '1' && in[pos] <= '9') {
      digits();
    } else {
      throw fail("a number without digits");
    }
    if (pos < limit && in[pos] == '.') {
      pos++;
      if (pos >= limit || in[pos] < '0' || in[pos] > '9') throw fail("a number without digits after '.'");
      digits();
    }
    if (pos < limit && (in[pos] == 'e' || in[pos] == 'E')) {
      pos++;
      if (pos < limit && (in[pos] == '+' || in[pos] == '-')) pos++;
      if (pos >= limit || in[pos] < '0' || in[pos] > '9') throw fail("a number without exponent digits");
      digits();
    }
  }

  private void digits() {
    while (pos < limit && in[pos] >= '0' && in[pos] <= '9') pos++;
  }

  private void literal(String word) throws CodecException {
    int n = word.length();
    if (limit - pos < n) throw fail("unexpected end of the JSON");
    for (int k = 0; k < n; k++) {
      if (in[pos + k] != word.charAt(k)) throw fail("unexpected " + shown(in[pos]));
    }
    pos += n;
  }

  private static String shown(byte b) {
    int c = b & 0xff;
    return c >= 0x20 && c < 0x7f ? "character '" + (char) c + "'" : "byte 0x" + Integer.toHexString(c);
  }

  private CodecException fail(String reason) {
    return fail(reason, pos);
  }

  private CodecException fail(String reason, int at) {
    int line = 1;
    int column = 1;
    for (int k = 0; k < Math.min(at, limit); k++) {
      if (in[k] == '\n') {
        line++;
        column = 1;
      } else {
        column++;
      }
    }
    return new CodecException(reason, line, column, null);
  }

  // ------------------------------------------------------------------ pointers and writing

  /** RFC 6901 unescaping of one reference token. */
  static String unescape(String token) {
    return token.indexOf('~') < 0 ? token : token.replace("~1", "/").replace("~0", "~");
  }

  /**
   * {@code pointer} checked as an RFC 6901 JSON Pointer: {@code ""} or {@code /}-separated
   * tokens where {@code ~} is only followed by {@code 0} or {@code 1}; null when it is one,
   * else what is wrong with it.
   */
  public static @Nullable String pointerProblem(String pointer) {
    if (!pointer.isEmpty() && pointer.charAt(0) != '/') {
      return "must start with '/' (or be \"\" for the whole document)";
    }
    for (int i = 0; i < pointer.length(); i++) {
      if (pointer.charAt(i) == '~') {
        char next = i + 1 < pointer.length() ? pointer.charAt(i + 1) : 0;
        if (next != '0' && next != '1') {
          return "holds '~' not followed by 0 or 1 (write '~' as ~0 and '/' as ~1)";
        }
      }
    }
    return null;
  }

  /** Appends {@code s} as a JSON string, quoted and escaped. */
  public static void quote(StringBuilder sb, String s) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    sb.append('"');
  }

  /** {@code s} as a JSON string, in UTF-8. */
  public static byte[] quoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2);
    quote(sb, s);
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The object {@code object} (read from {@code source}) with {@code extra} members (name,
   * string value) added at its end; its own bytes are kept as they are.
   */
  public static byte[] withMembers(byte[] source, Node object, List<Map.Entry<String, String>> extra) {
    if (!object.isObject()) throw new IllegalArgumentException("not an object: " + object);
    StringBuilder sb = new StringBuilder();
    boolean first = object.members().isEmpty() && isEmptyObject(source, object);
    for (Map.Entry<String, String> e : extra) {
      if (!first) sb.append(',');
      first = false;
      quote(sb, e.getKey());
      sb.append(':');
      quote(sb, e.getValue());
    }
    byte[] add = sb.toString().getBytes(StandardCharsets.UTF_8);
    int close = object.end() - 1; // the '}'
    byte[] out = new byte[close - object.start() + add.length + 1];
    System.arraycopy(source, object.start(), out, 0, close - object.start());
    System.arraycopy(add, 0, out, close - object.start(), add.length);
    out[out.length - 1] = '}';
    return out;
  }

  private static boolean isEmptyObject(byte[] source, Node object) {
    for (int i = object.start() + 1; i < object.end() - 1; i++) {
      byte b = source[i];
      if (b != ' ' && b != '\n' && b != '\r' && b != '\t') return false;
    }
    return true;
  }

  /** The bytes of {@code node} in {@code source}. */
  public static byte[] slice(byte[] source, Node node) {
    byte[] out = new byte[node.end() - node.start()];
    System.arraycopy(source, node.start(), out, 0, out.length);
    return out;
  }

  /**
   * {@code node} (read from {@code source}) without the null members of its objects,
   * recursively; arrays and everything in them are kept as they are, as are numbers' texts.
   */
  public static byte[] withoutNulls(byte[] source, Node node) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(node.end() - node.start());
    writeWithoutNulls(source, node, out);
    return out.toByteArray();
  }

  private static void writeWithoutNulls(byte[] source, Node node, ByteArrayOutputStream out) {
    if (!node.isObject()) {
      out.write(source, node.start(), node.end() - node.start());
      return;
    }
    out.write('{');
    boolean first = true;
    for (Map.Entry<String, Node> m : node.members().entrySet()) {
      if (m.getValue().isNull()) continue;
      if (!first) out.write(',');
      first = false;
      byte[] name = quoted(m.getKey());
      out.write(name, 0, name.length);
      out.write(':');
      writeWithoutNulls(source, m.getValue(), out);
    }
    out.write('}');
  }
}
