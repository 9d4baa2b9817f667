package io.restsdk.core.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class MediaTypesTest {
  @ParameterizedTest(name = "[{0}] → {1}")
  @CsvSource(delimiter = '|', value = {
    "application/json|true",
    "application/json; charset=utf-8|true",
    "application/json;charset=UTF-8|true",
    "application/json  ; charset=utf-8|true",
    "'application/json\t'|true",
    "'  application/json'|true",
    "Application/JSON|true",
    "APPLICATION/JSON; charset=utf-8|true",
    "application/jsonx|false",
    "application/json-seq|false",
    "application/json5|false",
    "application/json x|false",
    "application/hal+json|false",
    "application/jso|false",
    "text/json|false",
    "''|false",
  })
  void plainJsonIsApplicationJsonWithParametersOrNone(String header, boolean plain) {
    assertEquals(plain, MediaTypes.isPlainJson(header));
  }
}
