package scenario;

import io.restsdk.jackson3.Jackson3Codec;
import java.util.function.Supplier;
import tools.jackson.databind.json.JsonMapper;

/** The Jackson 3 codec, as an application on Jackson 3 makes it. */
public final class Jackson3Codecs implements Supplier<Object> {

  @Override
  public Object get() {
    return Jackson3Codec.of(JsonMapper.builder().build());
  }
}
