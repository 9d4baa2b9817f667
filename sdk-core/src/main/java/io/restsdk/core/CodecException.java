package io.restsdk.core;

import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * A {@link BodyCodec} could not read or write a body: the bytes are not JSON, the JSON does not
 * fit the type, or a value cannot be written. The SDK turns it into a {@link DecodeException}
 * (reading a response) or an {@link IllegalArgumentException} (writing a request), with the
 * {@link #reason()} scrubbed of the request's credentials and the line and column added.
 *
 * <pre>{@code
 * } catch (com.fasterxml.jackson.core.JsonProcessingException e) {   // in a codec
 *   var at = e.getLocation();
 *   throw new CodecException(e.getOriginalMessage(),
 *       at == null ? -1 : at.getLineNr(), at == null ? -1 : at.getColumnNr(), e);
 * }
 * }</pre>
 */
public class CodecException extends IOException {
  private static final long serialVersionUID = 1L;
  private final String reason;
  private final int line;
  private final int column;

  /**
   * @param reason what is wrong, without the place (may quote body content: the SDK scrubs it)
   * @param line the 1-based line where, or a value below 1 when unknown
   * @param column the 1-based column where, or a value below 1 when unknown
   * @param cause the codec's own exception, if any (not shown to callers of the SDK)
   */
  public CodecException(@Nullable String reason, int line, int column, @Nullable Throwable cause) {
    super(where(reason, line, column), cause);
    this.reason = reason == null ? "malformed body" : reason;
    this.line = line;
    this.column = column;
  }

  /** A failure with no known place. */
  public CodecException(@Nullable String reason, @Nullable Throwable cause) {
    this(reason, -1, -1, cause);
  }

  private static String where(@Nullable String reason, int line, int column) {
    String r = reason == null ? "malformed body" : reason;
    return line < 1 ? r : r + " (line " + line + ", column " + column + ")";
  }

  /** What is wrong, without the place. */
  public String reason() {
    return reason;
  }

  /** The 1-based line where, or a value below 1 when unknown. */
  public int line() {
    return line;
  }

  /** The 1-based column where, or a value below 1 when unknown. */
  public int column() {
    return column;
  }
}
