package io.restsdk.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TourOptionsTest {
  private static final Map<String, String> NO_ENV = Map.of();

  @Test
  void noArgumentsMeanTheFakeServer() {
    TourOptions options = TourOptions.parse(new String[0], NO_ENV);

    assertTrue(options.againstFake());
    assertEquals(TourOptions.fake(), options);
  }

  @Test
  void parsesEveryOptionInBothForms() {
    TourOptions options = TourOptions.parse(new String[] {
        "--base-url", "https://api.example.com/v1/", "--token=t-1",
        "--read-only-token", "r-1", "--fail-path=debug/fail"}, NO_ENV);

    assertEquals(new TourOptions("https://api.example.com/v1/", "t-1", "r-1", "debug/fail"), options);
    assertFalse(options.againstFake());
  }

  @Test
  void halAsksTheFakeServerForHalAndIsRefusedForARealOne() {
    TourOptions options = TourOptions.parse(new String[] {"--hal"}, NO_ENV);

    assertEquals(TourOptions.fakeHal(), options);
    assertTrue(options.hal());
    assertEquals("TourOptions{fake server, HAL}", options.toString());
    IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(
        IllegalArgumentException.class, () -> TourOptions.parse(new String[] {
            "--hal", "--base-url", "https://api.example.com/v1/", "--token", "t"}, NO_ENV));
    assertEquals("--hal is for the fake server; a real one answers as it does", e.getMessage());
  }

  @Test
  void aMissingTrailingSlashIsAdded() {
    assertEquals("https://api.example.com/v1/",
        TourOptions.real("https://api.example.com/v1", "t").baseUrl());
  }

  @Test
  void tokensMayComeFromTheEnvironment() {
    TourOptions options = TourOptions.parse(new String[] {"--base-url", "http://localhost:8080/"},
        Map.of(TourOptions.TOKEN_ENV, "t-env", TourOptions.READ_ONLY_TOKEN_ENV, "r-env"));

    assertEquals("t-env", options.token());
    assertEquals("r-env", options.readOnlyToken());
    assertTrue(TourOptions.parse(new String[0], Map.of(TourOptions.TOKEN_ENV, "t")).againstFake(),
        "the environment alone does not leave the fake server");
  }

  @Test
  void refusesWhatCannotWork() {
    assertEquals("--base-url needs a read-write token: --token T or RESTSDK_TOKEN",
        assertThrows(IllegalArgumentException.class,
            () -> TourOptions.parse(new String[] {"--base-url", "http://localhost/"}, NO_ENV))
            .getMessage());
    assertEquals("--token, --read-only-token and --fail-path need --base-url",
        assertThrows(IllegalArgumentException.class,
            () -> TourOptions.parse(new String[] {"--token", "t"}, NO_ENV)).getMessage());
    assertEquals("--base-url must be an absolute http(s) URL: api.example.com",
        assertThrows(IllegalArgumentException.class,
            () -> TourOptions.real("api.example.com", "t")).getMessage());
    assertEquals("--token needs a value", assertThrows(IllegalArgumentException.class,
        () -> TourOptions.parse(new String[] {"--base-url", "http://h/", "--token"}, NO_ENV))
        .getMessage());
  }

  @Test
  void anUnknownArgumentIsNotEchoedSinceItMightBeAToken() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TourOptions.parse(new String[] {"--base-url", "http://h/", "s3cr3t"}, NO_ENV));

    assertEquals("unknown argument #3", e.getMessage());
    assertEquals("unknown argument #1 (--tokn)", assertThrows(IllegalArgumentException.class,
        () -> TourOptions.parse(new String[] {"--tokn=s3cr3t"}, NO_ENV)).getMessage());
  }

  @Test
  void toStringNeverShowsAToken() {
    String shown = new TourOptions("https://api.example.com/v1/", "t-secret", "r-secret", "fail")
        .toString();

    assertEquals("TourOptions{https://api.example.com/v1/, token=<set>, readOnlyToken=<set>, "
        + "failPath=fail}", shown);
  }
}
