package io.restsdk.testkit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Watches the client's side of the contract: it remembers which resources each token read (and
 * with which ETag) and reports writes to them that carry no {@code If-Match}.
 */
final class StrictObserver {
  private final Map<String, String> servedEtags = new HashMap<>();
  private final List<ClientViolation> violations = new ArrayList<>();

  /** Called before a request is handled. */
  synchronized void beforeRequest(
      @Nullable String token, String method, String path, @Nullable ItemRef ref, boolean hasIfMatch) {
    if (ref == null || ref.id() == null || hasIfMatch) {
      return;
    }
    if (!method.equals("PUT") && !method.equals("PATCH") && !method.equals("DELETE")) {
      return;
    }
    String etag = servedEtags.get(key(token, ref));
    if (etag != null) {
      violations.add(new ClientViolation(
          ClientViolation.WRITE_WITHOUT_IF_MATCH,
          method,
          path,
          "the client read " + ref.key() + " (ETag " + etag + ") and then sent " + method
              + " without If-Match; a concurrent change would be silently overwritten"));
    }
  }

  /** Called after a request is handled, with the reply that will be sent. */
  synchronized void afterReply(@Nullable String token, String method, @Nullable ItemRef ref, Reply reply) {
    if (ref == null || ref.id() == null) {
      return;
    }
    String etag = reply.headers.get("ETag");
    String key = key(token, ref);
    if ((method.equals("GET") || method.equals("HEAD")) && (reply.status == 200 || reply.status == 304)
        && etag != null) {
      servedEtags.put(key, etag);
    } else if ((method.equals("PUT") || method.equals("PATCH")) && reply.status == 204 && etag != null) {
      servedEtags.put(key, etag);
    } else if (method.equals("DELETE") && reply.status == 204) {
      servedEtags.remove(key);
    }
  }

  synchronized List<ClientViolation> violations() {
    return List.copyOf(violations);
  }

  private static String key(@Nullable String token, ItemRef ref) {
    return (token == null ? "" : token) + " " + ref.key();
  }
}
