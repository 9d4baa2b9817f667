package io.restsdk.jackson3;

import io.restsdk.core.BodyCodec;
import io.restsdk.core.TestCodec;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Jackson 3 as the parameter of sdk-core's cross-codec suites (restsdk.test.codecs). */
public final class Jackson3TestCodec implements TestCodec {
  @Override
  public String name() {
    return "jackson3";
  }

  @Override
  public BodyCodec codec() {
    return Jackson3Codec.of(JsonMapper.builder().build());
  }

  @Override
  public BodyCodec strict() {
    return Jackson3Codec.of(JsonMapper.builder()
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());
  }

  @Override
  public Object tree(String json) {
    return JsonMapper.builder().build().readTree(json);
  }

  @Override
  public String toString() {
    return name();
  }
}
