package io.restsdk.it.jackson3;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.math.BigDecimal;

/**
 * The application's model, annotated as restsdk's generator writes models: with
 * {@code com.fasterxml.jackson.annotation} only, which Jackson 2 and 3 share.
 *
 * <pre>{@code
 * Book dune = new Book(null, "Dune", 1965, new BigDecimal("9.90"));
 * }</pre>
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Book(
    @JsonProperty("id") String id,
    @JsonProperty("title") String title,
    @JsonProperty("first_published") Integer year,
    @JsonProperty("price") BigDecimal price) {

  /** This book with another title. */
  public Book withTitle(String newTitle) {
    return new Book(id, newTitle, year, price);
  }
}
