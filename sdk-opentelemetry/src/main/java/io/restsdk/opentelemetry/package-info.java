/** OpenTelemetry tracing for restsdk: see {@link io.restsdk.opentelemetry.RestClientTracing}. */
package io.restsdk.opentelemetry;
