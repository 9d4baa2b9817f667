package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.OkHttpClient;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * An https base URL whose server redirects to plain http, over real TLS: the redirect is
 * followed (by default) but carries no credential, since https → http is another origin.
 */
class HttpsDowngradeTest {
  private static final String TOKEN = "tok-tls-5c1e-secret";
  private static final String KEY = "k-tls-secret-31";

  private MockWebServer https;
  private MockWebServer plain;
  private RestClient client;

  @BeforeEach
  void start() throws IOException {
    HeldCertificate cert = new HeldCertificate.Builder()
        .addSubjectAlternativeName("localhost")
        .addSubjectAlternativeName("127.0.0.1")
        .build();
    HandshakeCertificates serverCerts = new HandshakeCertificates.Builder()
        .heldCertificate(cert).build();
    HandshakeCertificates clientCerts = new HandshakeCertificates.Builder()
        .addTrustedCertificate(cert.certificate()).build();
    https = new MockWebServer();
    https.useHttps(serverCerts.sslSocketFactory());
    https.start();
    plain = new MockWebServer();
    plain.start();
    OkHttpClient ok = new OkHttpClient.Builder()
        .sslSocketFactory(clientCerts.sslSocketFactory(), clientCerts.trustManager())
        .build();
    client = RestClient.builder().baseUrl(https.url("/v1/").toString()).bearerToken(TOKEN)
        .okHttpClient(ok).build();
  }

  @AfterEach
  void stop() {
    client.close();
    https.close();
    plain.close();
  }

  @ParameterizedTest
  @EnumSource(Mode.class)
  void aRedirectFromHttpsToHttpCarriesNoCredential(Mode mode) throws Exception {
    https.enqueue(new MockResponse.Builder().code(302)
        .addHeader("Location", plain.url("/v1/books/1").toString()).build());
    plain.enqueue(new MockResponse.Builder().code(200)
        .addHeader("Content-Type", "application/json")
        .body("{\"title\":\"Dune\",\"author\":\"Herbert\"}").build());
    ApiRequest request = ApiRequest.get("books/1").credentialHeader("X-Api-Key", KEY)
        .header("Cookie", "session=tls-cookie");

    ApiResponse<Book> r = mode.send(client, request, Book.class);

    assertEquals("Dune", assertInstanceOf(ApiResponse.Ok.class, r).body() instanceof Book b
        ? b.title() : null);
    RecordedRequest first = https.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("Bearer " + TOKEN, first.getHeaders().get("Authorization"));
    assertEquals(KEY, first.getHeaders().get("X-Api-Key"));
    RecordedRequest second = plain.takeRequest(5, TimeUnit.SECONDS);
    assertEquals("http", second.getUrl().scheme());
    assertNull(second.getHeaders().get("Authorization"));
    assertNull(second.getHeaders().get("X-Api-Key"));
    assertNull(second.getHeaders().get("Cookie"));
  }
}
