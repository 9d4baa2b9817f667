package io.restsdk.jackson3;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tools.jackson.core.StreamReadFeature;

/**
 * {@link Jackson3Codec#defaults()} reads numbers with Jackson's fast parsers, Jackson 3's default,
 * as sdk-core's {@code Jackson2Codec.defaults()} does: both codecs read the same values.
 */
class Jackson3CodecNumbersTest {
  record Reading(double value, BigDecimal exact) {}

  @Test
  void theDefaultsReadNumbersWithTheFastParsersAndExactly() throws Exception {
    Jackson3Codec codec = Jackson3Codec.defaults();
    assertTrue(codec.mapper().isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    assertTrue(codec.mapper().isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER));

    String text = "2.2250738585072011e-308";
    Reading r = codec.decode(("{\"value\":" + text + ",\"exact\":19.990}")
        .getBytes(StandardCharsets.UTF_8), Reading.class);
    assertEquals(Double.doubleToRawLongBits(Double.parseDouble(text)),
        Double.doubleToRawLongBits(r.value()));
    assertEquals(new BigDecimal("19.990"), r.exact());
  }
}
