package io.restsdk.core;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/** Runs one attempt of an exchange under the client's resilience policies. */
abstract class Policies {
  /** Runs {@code attempt} synchronously. */
  abstract <R> R get(ApiRequest request, String method, Supplier<R> attempt);

  /** Runs {@code attempt} asynchronously. */
  abstract <R> CompletableFuture<R> getAsync(
      ApiRequest request, String method, Supplier<CompletableFuture<R>> attempt);

  /** Each attempt once, as it comes. */
  static Policies none() {
    return new Policies() {
      @Override
      <R> R get(ApiRequest request, String method, Supplier<R> attempt) {
        return attempt.get();
      }

      @Override
      <R> CompletableFuture<R> getAsync(
          ApiRequest request, String method, Supplier<CompletableFuture<R>> attempt) {
        return attempt.get();
      }
    };
  }
}
