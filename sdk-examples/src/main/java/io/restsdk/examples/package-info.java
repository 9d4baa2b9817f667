/**
 * Runnable examples of restsdk: {@link io.restsdk.examples.Tour} walks every row of the
 * response-code contract against the in-process fake server or a real one; the smaller examples
 * show retries ({@link io.restsdk.examples.RetryAwareExample}), testing a service of your own
 * with the test kit ({@link io.restsdk.examples.TestingYourServiceExample}) and the async API
 * ({@link io.restsdk.examples.AsyncExample}).
 *
 * <pre>{@code
 * TourResult result = Tour.run(TourOptions.fake(), System.out);
 * System.out.println(result.passed() + " steps passed");
 * }</pre>
 */
@NullMarked
package io.restsdk.examples;

import org.jspecify.annotations.NullMarked;
