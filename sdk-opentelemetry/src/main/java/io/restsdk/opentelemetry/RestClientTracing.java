package io.restsdk.opentelemetry;

import static java.util.Objects.requireNonNull;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import io.opentelemetry.context.propagation.TextMapSetter;
import io.restsdk.core.CallListener;
import io.restsdk.core.RestClient;
import io.restsdk.core.RetryListener;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * Traces a {@link RestClient} with OpenTelemetry: a {@link SpanKind#CLIENT} span per logical
 * call (one {@code send}, one {@code get} or {@code create} of a resource), with a child span
 * per HTTP attempt (each retry, a redirect, the {@code GET} of a 201's {@code Location}, the
 * request that revalidates a cached entry and is answered 304), and the W3C trace context
 * ({@code traceparent}) of the attempt's span sent on each attempt, through the application's
 * propagators.
 *
 * <p>The call's span is a child of the context current on the thread that starts the call, the
 * async path included: its attempts and its end run on OkHttp's threads, under that same parent.
 * Attributes follow the HTTP client semantic conventions: {@code http.request.method},
 * {@code server.address}, {@code server.port}, {@code url.full} (secret query values and user
 * info redacted), {@code http.response.status_code}, {@code error.type} (the status, or the
 * failure's kind such as {@code CONNECT}), {@code http.request.resend_count} on attempts after
 * the first; {@code url.template} is the call's route when it has one. No header value is
 * recorded. Span names are {@code GET books} (method and route) or {@code GET}.
 *
 * <pre>{@code
 * RestClient client = RestClientTracing.create(openTelemetry)
 *     .configure(RestClient.builder().baseUrl("https://api.example.com/v1/"))
 *     .build();
 * }</pre>
 */
public final class RestClientTracing implements CallListener {
  /** The instrumentation scope name of the spans. */
  public static final String SCOPE = "io.restsdk";

  static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  static final AttributeKey<String> SERVER = AttributeKey.stringKey("server.address");
  static final AttributeKey<Long> PORT = AttributeKey.longKey("server.port");
  static final AttributeKey<String> URL = AttributeKey.stringKey("url.full");
  static final AttributeKey<String> TEMPLATE = AttributeKey.stringKey("url.template");
  static final AttributeKey<Long> STATUS = AttributeKey.longKey("http.response.status_code");
  static final AttributeKey<String> ERROR = AttributeKey.stringKey("error.type");
  static final AttributeKey<Long> RESEND = AttributeKey.longKey("http.request.resend_count");
  static final AttributeKey<String> KIND = AttributeKey.stringKey("restsdk.attempt.kind");
  static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("restsdk.outcome");
  static final AttributeKey<Boolean> REVALIDATION =
      AttributeKey.booleanKey("restsdk.cache.revalidation");

  private static final TextMapSetter<Attempt> HEADERS = (attempt, name, value) -> {
    if (attempt != null) attempt.header(name, value);
  };

  /** The key of a call's span among its attributes. */
  private final Object callKey = new Object();
  private final Tracer tracer;
  private final TextMapPropagator propagator;

  private RestClientTracing(OpenTelemetry otel) {
    this.tracer = otel.getTracer(SCOPE);
    this.propagator = otel.getPropagators().getTextMapPropagator();
  }

  /**
   * Traces with {@code openTelemetry}'s tracer provider and propagators.
   *
   * @throws NullPointerException if {@code openTelemetry} is null
   */
  public static RestClientTracing create(OpenTelemetry openTelemetry) {
    return new RestClientTracing(requireNonNull(openTelemetry, "openTelemetry == null"));
  }

  /**
   * Adds this tracing to {@code builder}'s client.
   *
   * @return {@code builder}
   */
  public RestClient.Builder configure(RestClient.Builder builder) {
    return requireNonNull(builder, "builder == null").callListener(this);
  }

  @Override
  public void onCallStart(Call call) {
    boolean routed = !call.route().equals("none");
    SpanBuilder b = tracer.spanBuilder(routed ? call.method() + " " + call.route() : call.method())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(Context.current())
        .setAttribute(METHOD, call.method())
        .setAttribute(SERVER, call.host())
        .setAttribute(PORT, (long) call.port())
        .setAttribute(URL, call.url());
    if (routed) b.setAttribute(TEMPLATE, call.route());
    Span span = b.startSpan();
    call.attribute(callKey, Context.current().with(span));
  }

  @Override
  public void onAttemptStart(Attempt attempt) {
    Context parent = callContext(attempt.call());
    if (parent == null) return;
    SpanBuilder b = tracer.spanBuilder(attempt.method())
        .setSpanKind(SpanKind.CLIENT)
        .setParent(parent)
        .setAttribute(METHOD, attempt.method())
        .setAttribute(URL, attempt.url())
        .setAttribute(KIND, attempt.kind().name());
    HttpUrl url = HttpUrl.parse(attempt.url());
    if (url != null) b.setAttribute(SERVER, url.host()).setAttribute(PORT, (long) url.port());
    if (attempt.number() > 1) b.setAttribute(RESEND, (long) attempt.number() - 1);
    if (attempt.isRevalidation()) b.setAttribute(REVALIDATION, true);
    Span span = b.startSpan();
    Context context = parent.with(span);
    attempt.call().attribute(attempt, span);
    propagator.inject(context, attempt, HEADERS);
  }

  @Override
  public void onAttemptEnd(Attempt attempt) {
    if (!(attempt.call().attribute(attempt) instanceof Span span)) return;
    end(span, attempt.status(), attempt.failure());
  }

  @Override
  public void onRetry(Call call, RetryListener.RetryEvent event) {
    Context c = callContext(call);
    if (c == null) return;
    Span.fromContext(c).addEvent("retry", Attributes.of(
        AttributeKey.longKey("restsdk.retry.attempt"), (long) event.attempt(),
        AttributeKey.longKey("restsdk.retry.delay_ms"), event.delay().toMillis(),
        ERROR, CallListener.kindOf(event.failure())));
  }

  @Override
  public void onGiveUp(Call call, RetryListener.GiveUpEvent event) {
    Context c = callContext(call);
    if (c == null) return;
    Span.fromContext(c).addEvent("give_up", Attributes.of(
        AttributeKey.stringKey("restsdk.giveup.reason"), event.reason().name()));
  }

  @Override
  public void onCallEnd(Call call) {
    Context c = callContext(call);
    if (c == null) return;
    Span span = Span.fromContext(c);
    span.setAttribute(OUTCOME, call.outcome());
    end(span, call.status(), call.failure());
  }

  private static void end(Span span, int status, @Nullable Throwable failure) {
    if (status > 0) span.setAttribute(STATUS, (long) status);
    if (status >= 400) {
      span.setAttribute(ERROR, Integer.toString(status));
      span.setStatus(StatusCode.ERROR);
    } else if (failure != null) {
      span.setAttribute(ERROR, CallListener.kindOf(failure));
      span.setStatus(StatusCode.ERROR);
    }
    span.end();
  }

  private @Nullable Context callContext(Call call) {
    return call.attribute(callKey) instanceof Context c ? c : null;
  }

  @Override
  public String toString() {
    return "RestClientTracing{" + propagator + "}";
  }
}
