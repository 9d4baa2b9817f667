package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** The origin rule every request of a call goes through (redirects and Location alike). */
class OriginPolicyTest {
  private static final HttpUrl BASE = HttpUrl.get("https://api.example.com/v1/");

  @Test
  void anHttpsToHttpDowngradeIsAnotherOriginAndGetsNoCredentials() {
    HttpUrl downgraded = HttpUrl.get("http://api.example.com/v1/books/1");
    assertFalse(OriginPolicy.sameOrigin(BASE, downgraded));
    assertFalse(OriginPolicy.mayCarryCredentials(BASE, downgraded, false));
    assertFalse(OriginPolicy.mayResendBody(BASE, downgraded));
  }

  @Test
  void anotherPortOrHostIsAnotherOrigin() {
    assertFalse(OriginPolicy.sameOrigin(BASE, HttpUrl.get("https://api.example.com:8443/v1/")));
    assertFalse(OriginPolicy.sameOrigin(BASE, HttpUrl.get("https://cdn.example.com/v1/")));
    assertTrue(OriginPolicy.sameOrigin(BASE, HttpUrl.get("https://api.example.com:443/other")));
  }

  @Test
  void theBaseOriginGetsCredentialsOnlyUntilTheCallLeftIt() {
    HttpUrl same = HttpUrl.get("https://api.example.com/v2/x");
    assertTrue(OriginPolicy.mayCarryCredentials(BASE, same, false));
    assertFalse(OriginPolicy.mayCarryCredentials(BASE, same, true));
  }

  @Test
  void credentialsAreTheAuthHeadersCookiesAndTheCallersMarkedHeaders() {
    Set<String> marked = Set.of("x-api-key");
    for (String name : new String[] {"Authorization", "cookie", "Proxy-Authorization", "X-Api-Key"}) {
      assertTrue(OriginPolicy.isCredential(name, marked), name);
    }
    assertFalse(OriginPolicy.isCredential("Accept", marked));
  }
}
