package io.restsdk.core;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;

/**
 * The codecs the cross-codec suites (ContractRowsTest, HalTest, PageTest, PagingAsyncTest,
 * AssociationTest, JsonApiTest) are parameterised by: the system property
 * {@code restsdk.test.codecs}, a comma-separated list of {@link TestCodec} class names (each
 * with a no-argument constructor), or Jackson 2 when it is not set. sdk-jackson3's build runs
 * these classes from sdk-core's test jar with its Jackson 3 codec named there.
 */
public final class TestCodecs {
  private TestCodecs() {}

  /** Jackson 2, the default codec. */
  public static final class Jackson2 implements TestCodec {
    @Override
    public String name() {
      return "jackson2";
    }

    @Override
    public BodyCodec codec() {
      return Jackson2Codec.defaults();
    }

    @Override
    public BodyCodec strict() {
      return Jackson2Codec.of(new ObjectMapper()
          .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, true));
    }

    @Override
    public Object tree(String json) {
      try {
        return new ObjectMapper().readTree(json);
      } catch (java.io.IOException e) {
        throw new IllegalArgumentException(e);
      }
    }

    @Override
    public String toString() {
      return name();
    }
  }

  /** The codecs to run under. */
  public static List<TestCodec> all() {
    String names = System.getProperty("restsdk.test.codecs", "").trim();
    if (names.isEmpty()) return List.of(new Jackson2());
    List<TestCodec> out = new ArrayList<>();
    for (String n : names.split(",")) {
      try {
        out.add((TestCodec) Class.forName(n.trim()).getDeclaredConstructor().newInstance());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("restsdk.test.codecs: cannot make " + n, e);
      }
    }
    return out;
  }
}
