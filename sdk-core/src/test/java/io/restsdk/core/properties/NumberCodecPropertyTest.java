package io.restsdk.core.properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restsdk.core.Jackson2Codec;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * {@link Jackson2Codec#defaults()} reads numbers with Jackson's fast parsers (Jackson 3's
 * default): every double it reads is the one the JDK's own parser reads from the same text, bit
 * for bit, every double it writes reads back as itself, and a {@code BigDecimal} or
 * {@code BigInteger} keeps its exact digits and scale.
 */
class NumberCodecPropertyTest {
  private static final Jackson2Codec CODEC = Jackson2Codec.defaults();

  /** A record as a body type would hold its numbers. */
  public record Reading(double value, List<Double> more, BigDecimal exact, BigInteger big) {}

  @Property
  void aDoubleReadsAsTheJdkReadsIt(@ForAll("numberTexts") String text) throws IOException {
    double jdk = Double.parseDouble(text);
    String json = "{\"value\":" + text + ",\"more\":[" + text + "],\"exact\":0,\"big\":0}";
    Reading r = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), Reading.class);
    assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(r.value()), text);
    assertEquals(Double.doubleToRawLongBits(jdk), Double.doubleToRawLongBits(r.more().get(0)), text);
  }

  @Property
  void aWrittenDoubleReadsBackAsItself(@ForAll("finiteDoubles") double d) throws IOException {
    byte[] json = CODEC.encode(new Reading(d, List.of(d), BigDecimal.ONE, BigInteger.ONE));
    Reading back = CODEC.decode(json, Reading.class);
    assertEquals(Double.doubleToRawLongBits(d), Double.doubleToRawLongBits(back.value()));
    // and the text written is one the JDK's parser reads as the same value
    String text = new String(json, StandardCharsets.UTF_8);
    String written = text.substring(text.indexOf(':') + 1, text.indexOf(','));
    assertEquals(Double.doubleToRawLongBits(d),
        Double.doubleToRawLongBits(Double.parseDouble(written)), text);
  }

  @Property
  void bigNumbersKeepTheirDigits(@ForAll("decimalTexts") String decimal,
      @ForAll("integerTexts") String integer) throws IOException {
    String json = "{\"value\":0,\"more\":[],\"exact\":" + decimal + ",\"big\":" + integer + "}";
    Reading r = CODEC.decode(json.getBytes(StandardCharsets.UTF_8), Reading.class);
    assertEquals(new BigDecimal(decimal), r.exact()); // equals compares the scale too
    assertEquals(new BigInteger(integer), r.big());
  }

  @Example
  void theDefaultsUseTheFastNumberCodeAndAGivenMapperIsLeftAsItIs() {
    ObjectMapper defaults = CODEC.mapper();
    assertTrue(defaults.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    assertTrue(defaults.isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER));

    ObjectMapper own = new ObjectMapper();
    boolean fastDoubles = own.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER);
    boolean fastBig = own.isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER);
    assertSame(own, Jackson2Codec.of(own).mapper());
    assertEquals(fastDoubles, own.isEnabled(StreamReadFeature.USE_FAST_DOUBLE_PARSER));
    assertEquals(fastBig, own.isEnabled(StreamReadFeature.USE_FAST_BIG_NUMBER_PARSER));
  }

  @Provide
  Arbitrary<String> numberTexts() {
    Arbitrary<String> shortDecimals = Arbitraries.integers().between(-100_000, 100_000)
        .flatMap(i -> Arbitraries.integers().between(0, 4).map(s ->
            new BigDecimal(BigInteger.valueOf(i), s).toPlainString()));
    Arbitrary<String> anyDouble = finiteDoubles().map(String::valueOf);
    Arbitrary<String> longDigits = Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)
        .flatMap(a -> Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(40)
            .map(b -> trimZeros(a) + "." + b));
    Arbitrary<String> exponents = Arbitraries.integers().between(1, 9_999_999)
        .flatMap(m -> Arbitraries.integers().between(-340, 310).map(e -> m + "e" + e));
    Arbitrary<String> edges = Arbitraries.of("0", "-0.0", "4.9e-324", "2.4703282292062328e-324",
        "1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072011e-308",
        "9007199254740993", "0.1", "1e23", "8.41e21");
    return Arbitraries.oneOf(shortDecimals, anyDouble, longDigits, exponents, edges);
  }

  @Provide
  Arbitrary<Double> finiteDoubles() {
    return Arbitraries.longs().map(Double::longBitsToDouble)
        .filter(d -> !Double.isNaN(d) && !Double.isInfinite(d));
  }

  @Provide
  Arbitrary<String> decimalTexts() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(60)
        .flatMap(a -> Arbitraries.strings().numeric().ofMinLength(0).ofMaxLength(30)
            .flatMap(b -> Arbitraries.of("", "-").map(sign ->
                sign + trimZeros(a) + (b.isEmpty() ? "" : "." + b))));
  }

  @Provide
  Arbitrary<String> integerTexts() {
    return Arbitraries.strings().numeric().ofMinLength(1).ofMaxLength(80)
        .flatMap(a -> Arbitraries.of("", "-").map(sign -> sign + trimZeros(a)));
  }

  /** JSON allows no leading zeros. */
  private static String trimZeros(String digits) {
    String t = digits.replaceFirst("^0+", "");
    return t.isEmpty() ? "0" : t;
  }
}
