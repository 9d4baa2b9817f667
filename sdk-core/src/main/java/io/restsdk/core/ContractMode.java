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
  /** Tolerate and log violations through {@link System.Logger}; the default. */
  LENIENT,
  /** Raise {@link ApiException.ContractViolation} on every violation. */
  STRICT
}
