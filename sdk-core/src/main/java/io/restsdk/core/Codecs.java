package io.restsdk.core;

/**
 * The codec of a client built without {@link RestClient.Builder#codec(BodyCodec)}:
 * {@link Jackson2Codec#defaults()}, when Jackson 2's {@code jackson-databind} is on the class
 * path. It is looked for by name first, so that an application without it (on Jackson 3 only)
 * gets a message saying what to add, never a {@link NoClassDefFoundError}: no other class of
 * sdk-core refers to Jackson.
 */
final class Codecs {
  static final String JACKSON2 = "com.fasterxml.jackson.databind.ObjectMapper";
  static final String JACKSON3 = "tools.jackson.databind.json.JsonMapper";

  private Codecs() {}

  /**
   * @throws IllegalStateException if Jackson 2 is not on the class path; the message says what
   *     to add or configure
   */
  static BodyCodec defaultCodec() {
    if (present(JACKSON2)) return Jackson2Codec.defaults();
    if (present(JACKSON3)) {
      throw new IllegalStateException("no codec configured and Jackson 2 (jackson-databind) is"
          + " not on the class path, but Jackson 3 is: add io.restsdk:sdk-jackson3 and build the"
          + " client with .codec(Jackson3Codec.of(jsonMapper)), or add"
          + " com.fasterxml.jackson.core:jackson-databind for the default Jackson 2 codec");
    }
    throw new IllegalStateException("no codec configured and no JSON library on the class path:"
        + " add com.fasterxml.jackson.core:jackson-databind (the default codec), or"
        + " io.restsdk:sdk-jackson3 with .codec(Jackson3Codec.of(jsonMapper)), or set"
        + " RestClient.Builder.codec(BodyCodec) to a codec of your own");
  }

  private static boolean present(String className) {
    try {
      Class.forName(className, false, Codecs.class.getClassLoader());
      return true;
    } catch (ClassNotFoundException | LinkageError e) {
      return false;
    }
  }
}
