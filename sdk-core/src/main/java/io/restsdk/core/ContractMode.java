package io.restsdk.core;

/**
 * How the client treats a server that breaks the response-code contract (a body on a 201, 204,
 * 304, 401 or 404; a 201 without {@code Location}; a raw stack trace in an error body).
 *
 * <pre>{@code
 * RestClient strict = RestClient.builder()
 *     .baseUrl("https://api.example.com/v1/")
 *     .contractMode(ContractMode.STRICT)
 *     .build();
 * }</pre>
 */
public enum ContractMode {
  /**
   * Tolerate and log violations through {@link System.Logger}; the default. A violation that
   * leaves the client without what the call needs (a {@code create} whose 201 has no usable
   * {@code Location}, a {@code get} answered without a body) is raised all the same: see
   * {@link ApiException.ContractViolation}.
   */
  LENIENT,
  /** Raise {@link ApiException.ContractViolation} on every violation. */
  STRICT
}
