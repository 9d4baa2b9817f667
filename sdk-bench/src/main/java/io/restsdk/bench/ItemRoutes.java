package io.restsdk.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What the bench server answers, independent of the HTTP engine that carries it: the routes of
 * {@link BenchServer}, the item versions, and counters. Bodies are precomputed; only the id is
 * spliced in. Thread-safe.
 */
final class ItemRoutes {
  private static final String PLACEHOLDER = "@@ID@@";
  private static final Pattern ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");
  private static final byte[] PRECONDITION_FAILED = utf8(
      "{\"code\":412,\"type\":\"precondition_failed\","
          + "\"message\":\"If-Match does not match the current ETag\"}");
  private static final byte[] PRECONDITION_REQUIRED = utf8(
      "{\"code\":428,\"type\":\"precondition_required\",\"message\":\"PUT needs If-Match\"}");
  private static final byte[] NOT_FOUND = utf8(
      "{\"code\":404,\"type\":\"not_found\",\"message\":\"no such resource\"}");
  private static final byte[] METHOD_NOT_ALLOWED = utf8(
      "{\"code\":405,\"type\":\"method_not_allowed\",\"message\":\"method not allowed\"}");

  private final Body small;
  private final Body large;
  private final ConcurrentMap<String, AtomicLong> versions = new ConcurrentHashMap<>();
  private final AtomicLong liveTags = new AtomicLong();
  private final AtomicLong created = new AtomicLong();
  private final LongAdder requests = new LongAdder();
  private final LongAdder[] statuses = new LongAdder[600];
  private final Set<Integer> clientPorts = ConcurrentHashMap.newKeySet();

  ItemRoutes() {
    ObjectMapper mapper = new ObjectMapper();
    this.small = Body.of(mapper, Item.SMALL_PARTS);
    this.large = Body.of(mapper, Item.LARGE_PARTS);
    for (int i = 0; i < statuses.length; i++) statuses[i] = new LongAdder();
  }

  /** The answer to one request; the request body, if any, has been read and is ignored. */
  record Reply(int status, @Nullable String etag, @Nullable String location, boolean noCache,
      List<byte[]> body, int length) {
    static Reply empty(int status, @Nullable String etag, @Nullable String location) {
      return new Reply(status, etag, location, false, List.of(), 0);
    }

    static Reply json(int status, byte[] body) {
      return new Reply(status, null, null, false, List.of(body), body.length);
    }
  }

  Reply handle(int clientPort, String method, String rawPath, @Nullable String ifNoneMatch,
      @Nullable String ifMatch) {
    requests.increment();
    clientPorts.add(clientPort);
    Reply r = route(method, rawPath, ifNoneMatch, ifMatch);
    statuses[r.status()].increment();
    return r;
  }

  private Reply route(String method, String path, @Nullable String ifNoneMatch,
      @Nullable String ifMatch) {
    if (path.equals("/items") || path.equals("/items/")) {
      if (!method.equals("POST")) return Reply.json(405, METHOD_NOT_ALLOWED);
      return Reply.empty(201, null, "/items/c" + created.incrementAndGet());
    }
    String id = path.startsWith("/items/") ? path.substring("/items/".length()) : "";
    if (!ID.matcher(id).matches()) return Reply.json(404, NOT_FOUND);
    return switch (method) {
      case "GET" -> read(id, ifNoneMatch);
      case "PUT" -> write(id, ifMatch);
      default -> Reply.json(405, METHOD_NOT_ALLOWED);
    };
  }

  private Reply read(String id, @Nullable String ifNoneMatch) {
    String etag = id.endsWith("-live")
        ? '"' + id + ".l" + liveTags.incrementAndGet() + '"'
        : tag(id, version(id).get());
    if (matches(ifNoneMatch, etag)) return new Reply(304, etag, null, true, List.of(), 0);
    Body body = bodyFor(id);
    return new Reply(200, etag, null, true, body.with(utf8(id)), body.size(id.length()));
  }

  private Reply write(String id, @Nullable String ifMatch) {
    if (ifMatch == null) return Reply.json(428, PRECONDITION_REQUIRED);
    AtomicLong version = version(id);
    long current = version.get();
    if (!ifMatch.trim().equals(tag(id, current)) || !version.compareAndSet(current, current + 1)) {
      return Reply.json(412, PRECONDITION_FAILED);
    }
    return Reply.empty(204, tag(id, current + 1), null);
  }

  int bodySize(String id) {
    return bodyFor(id).size(id.length());
  }

  long requests() {
    return requests.sum();
  }

  /** Connections that sent requests so far (distinct client ports). */
  int connections() {
    return clientPorts.size();
  }

  long responses(int status) {
    return status >= 0 && status < statuses.length ? statuses[status].sum() : 0;
  }

  private AtomicLong version(String id) {
    AtomicLong v = versions.get(id);
    return v != null ? v : versions.computeIfAbsent(id, k -> new AtomicLong(1));
  }

  private static String tag(String id, long version) {
    return '"' + id + ".v" + version + '"';
  }

  /** {@code If-None-Match}: {@code *}, or a list of tags compared weakly. */
  private static boolean matches(@Nullable String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) return false;
    String opaque = etag.substring(1, etag.length() - 1);
    for (String t : ifNoneMatch.split(",")) {
      String s = t.trim();
      if (s.equals("*")) return true;
      if (s.startsWith("W/")) s = s.substring(2);
      if (s.length() >= 2 && s.substring(1, s.length() - 1).equals(opaque)) return true;
    }
    return false;
  }

  private Body bodyFor(String id) {
    return id.endsWith("100k") || id.endsWith("100k-live") ? large : small;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /** An item's JSON split around its id, so any id is served without serializing. */
  private record Body(List<byte[]> segments, int fixedBytes) {
    static Body of(ObjectMapper mapper, int parts) {
      String json;
      try {
        json = mapper.writeValueAsString(Item.sample(PLACEHOLDER, parts));
      } catch (JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      List<byte[]> segments = new ArrayList<>();
      int fixed = 0;
      for (String s : json.split(Pattern.quote(PLACEHOLDER), -1)) {
        byte[] b = utf8(s);
        segments.add(b);
        fixed += b.length;
      }
      return new Body(List.copyOf(segments), fixed);
    }

    int size(int idLength) {
      return fixedBytes + (segments.size() - 1) * idLength;
    }

    /** The segments with {@code id} between them, ready to be written in order. */
    List<byte[]> with(byte[] id) {
      List<byte[]> out = new ArrayList<>(segments.size() * 2 - 1);
      for (int i = 0; i < segments.size(); i++) {
        if (i > 0) out.add(id);
        out.add(segments.get(i));
      }
      return out;
    }
  }
}
