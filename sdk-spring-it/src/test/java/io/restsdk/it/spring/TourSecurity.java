package io.restsdk.it.spring;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * What the tour needs of a server beyond Spring Data REST's own answers, switched on by the
 * property {@code it.tour.token} (so the other tests' application is left as it is): bearer
 * tokens (401 without one, 403 for the read-only token on a write) and a path whose GET
 * answers 500 with the contract's {@code {code,type,message}} body.
 *
 * <pre>{@code
 * SpringDataRestServer.Running app = SpringDataRestServer.Running.start(Map.of(
 *     "it.tour.token", "rw", "it.tour.read-only-token", "ro"));
 * }</pre>
 */
@Configuration
@ConditionalOnProperty("it.tour.token")
public class TourSecurity {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Bearer tokens in front of every path. */
  @Bean
  FilterRegistrationBean<OncePerRequestFilter> bearerTokens(
      @Value("${it.tour.token}") String token,
      @Value("${it.tour.read-only-token}") String readOnlyToken) {
    OncePerRequestFilter filter = new OncePerRequestFilter() {
      @Override
      protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
          FilterChain chain) throws ServletException, IOException {
        String auth = request.getHeader("Authorization");
        String method = request.getMethod();
        boolean read = method.equals("GET") || method.equals("HEAD");
        if (("Bearer " + token).equals(auth)
            || (read && ("Bearer " + readOnlyToken).equals(auth))) {
          chain.doFilter(request, response);
        } else if (("Bearer " + readOnlyToken).equals(auth)) {
          error(response, 403, "forbidden", "this token may only read");
        } else {
          response.setHeader("WWW-Authenticate", "Bearer");
          error(response, 401, "unauthorized", "a valid bearer token is required");
        }
      }
    };
    FilterRegistrationBean<OncePerRequestFilter> bean = new FilterRegistrationBean<>(filter);
    bean.setOrder(Integer.MIN_VALUE);
    return bean;
  }

  /** {@code GET /debug/fail}: a 500 with the contract's error body. */
  @RestController
  @ConditionalOnProperty("it.tour.token")
  static class FailingEndpoint {
    @GetMapping(path = "/debug/fail", produces = "application/json")
    ResponseEntity<Map<String, Object>> fail() {
      return ResponseEntity.status(500).body(body(500, "internal", "the failure the tour asks for"));
    }
  }

  private static void error(HttpServletResponse response, int status, String type,
      String message) throws IOException {
    response.setStatus(status);
    response.setContentType("application/json");
    JSON.writeValue(response.getOutputStream(), body(status, type, message));
  }

  private static Map<String, Object> body(int code, String type, String message) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("code", code);
    m.put("type", type);
    m.put("message", message);
    return m;
  }
}
