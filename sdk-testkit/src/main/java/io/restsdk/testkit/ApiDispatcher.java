package io.restsdk.testkit;

import java.nio.charset.StandardCharsets;
import java.util.logging.Level;
import java.util.logging.Logger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okio.ByteString;
import org.jspecify.annotations.Nullable;

/**
 * The mockwebserver3 dispatcher of a {@link MockApiServer}: faults first, then authentication,
 * the strict observer and the {@link ApiHandler}; every request is recorded.
 */
final class ApiDispatcher extends Dispatcher {
  private static final Logger LOG = Logger.getLogger(ApiDispatcher.class.getName());

  private final Store store;
  private final ApiHandler handler;
  private final Faults faults;
  private final Auth auth;
  private final @Nullable StrictObserver observer;
  private final Traffic traffic;

  ApiDispatcher(
      Store store, ServerOptions options, Faults faults, Auth auth, @Nullable StrictObserver observer, Traffic traffic) {
    this.store = store;
    this.handler = new ApiHandler(store, options);
    this.faults = faults;
    this.auth = auth;
    this.observer = observer;
    this.traffic = traffic;
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) {
    String method = request.getMethod();
    HttpUrl url = request.getUrl();
    Headers headers = request.getHeaders();
    ByteString bytes = request.getBody();
    String body = bytes == null ? "" : bytes.string(StandardCharsets.UTF_8);
    String token = Auth.bearer(headers.get("Authorization"));

    ScriptedFault fault = faults.match(method, url.encodedPath());
    Reply reply;
    try {
      if (fault != null && Faults.replacesProcessing(fault)) {
        reply = Faults.replacement(fault);
      } else {
        reply = process(method, url, headers, body, token);
      }
    } catch (RuntimeException e) {
      LOG.log(Level.WARNING, "The fake server failed on " + method + " " + url.encodedPath(), e);
      reply = Reply.error(500, "The server could not process the request");
    }
    MockResponse response = Faults.toResponse(reply, fault);
    traffic.add(new RecordedCall(
        method,
        url.encodedPath(),
        url.encodedQuery(),
        headers.toMultimap(),
        body,
        token,
        Faults.sentStatus(reply, fault),
        fault == null ? null : fault.describe()));
    return response;
  }

  private Reply process(String method, HttpUrl url, Headers headers, String body, @Nullable String token) {
    Reply denied = auth.check(method, token);
    if (denied != null) {
      return denied;
    }
    String ifMatch = joined(headers, "If-Match");
    ItemRef ref = store.route(url);
    if (observer != null) {
      observer.beforeRequest(token, method, url.encodedPath(), ref, ifMatch != null);
    }
    Reply reply = handler.handle(new ApiHandler.Request(
        method, url, ifMatch, joined(headers, "If-None-Match"), headers.get("Content-Type"), joined(headers, "Accept"), body));
    if (observer != null) {
      observer.afterReply(token, method, ref, reply);
    }
    return reply;
  }

  private static @Nullable String joined(Headers headers, String name) {
    var values = headers.values(name);
    return values.isEmpty() ? null : String.join(", ", values);
  }
}
