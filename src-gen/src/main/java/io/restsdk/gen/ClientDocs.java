package io.restsdk.gen;

import com.palantir.javapoet.AnnotationSpec;
import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.CodeBlock;
import com.palantir.javapoet.FieldSpec;
import com.palantir.javapoet.JavaFile;
import com.palantir.javapoet.MethodSpec;
import com.palantir.javapoet.ParameterSpec;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import com.palantir.javapoet.TypeSpec;
import com.palantir.javapoet.TypeVariableName;
import com.palantir.javapoet.WildcardTypeName;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import javax.lang.model.element.Modifier;
import org.jspecify.annotations.Nullable;

/** The Javadoc of generated client methods, from the spec's summaries and descriptions. */
final class ClientDocs {

  private ClientDocs() {}

  // ---------------------------------------------------------------------------------------------
  // javadoc

  static String javadoc(String specName, Operation o, String method, String path, List<ClientCode.Param> pathParams,
      ClientCode.@Nullable Body body, List<ClientCode.Param> others) {
    StringBuilder sb = new StringBuilder();
    String summary = description(o.getSummary());
    String description = description(o.getDescription());
    if (summary != null) {
      sb.append(doc(summary)).append(summary.endsWith(".") ? "" : ".").append("\n\n");
    }
    if (description != null && !description.equals(summary)) {
      sb.append(summary == null ? "" : "<p>").append(doc(description)).append("\n\n");
    }
    sb.append(summary == null && description == null ? "" : "<p>")
        .append("<code>").append(method.toUpperCase(Locale.ROOT)).append(' ').append(doc(path)).append("</code>")
        .append(o.getOperationId() == null ? "" : " (operation <code>" + doc(o.getOperationId()) + "</code>)")
        .append(" in ").append(doc(specName)).append(".\n\n");
    for (ClientCode.Param p : pathParams) {
      sb.append(paramDoc(p));
    }
    if (body != null) {
      sb.append("@param ").append(body.javaName()).append(' ')
          .append(body.description() == null ? "the request body" : doc(body.description()))
          .append(body.required() ? "" : " (optional: null sends none)").append('\n');
    }
    for (ClientCode.Param p : others) {
      sb.append(paramDoc(p));
    }
    return sb.toString();
  }

  static String paramDoc(ClientCode.Param p) {
    String what = p.in().equals("path") ? "path parameter" : p.in().equals("query") ? "query parameter"
        : "header";
    return "@param " + p.javaName() + " " + (p.description() == null ? "" : doc(p.description()) + " ")
        + "(<code>" + doc(p.wireName()) + "</code> " + what
        + (p.required() ? "" : "; null sends none") + ")\n";
  }

  static String returnsDoc(ClientWriter.Kind kind, Map<String, ApiResponse> success, TypeName bodyType) {
    String codes = String.join(", ", success.keySet());
    return switch (kind) {
      case BODY -> "the " + codes + " body" + describe(success);
      case ENTITY -> "the created resource as read from the 201's {@code Location}, with its ETag and URI"
          + describe(success);
      case LOCATION -> "the 201's {@code Location}, the created resource's URI" + describe(success);
      case VOID -> "nothing" + describe(success);
      case RESPONSE -> success.isEmpty() ? "the success the server answered (the spec declares none)"
          : "the success the server answered, one of " + codes + describe(success);
    };
  }

  static String describe(Map<String, ApiResponse> responses) {
    List<String> parts = new ArrayList<>();
    responses.forEach((code, r) -> {
      String d = description(r.getDescription());
      if (d != null) {
        parts.add(code + ": " + doc(d));
      }
    });
    return parts.isEmpty() ? "" : " (" + String.join("; ", parts) + ")";
  }

  static String throwsDoc(Map<String, ApiResponse> failures) {
    Map<String, List<String>> byType = new TreeMap<>();
    failures.forEach((code, r) -> {
      String type = switch (code) {
        case "400" -> "ApiException.BadRequest";
        case "401" -> "ApiException.Unauthorized";
        case "403" -> "ApiException.Forbidden";
        case "404" -> "ApiException.NotFound";
        case "409" -> "ApiException.Conflict";
        case "412" -> "ApiException.PreconditionFailed";
        case "429" -> "ApiException.TooManyRequests";
        case "500" -> "ApiException.InternalServerError";
        case "503" -> "ApiException.ServiceUnavailable";
        default -> code.matches("[45]\\d\\d") ? "ApiException.Other" : "ApiException";
      };
      String d = description(r.getDescription());
      byType.computeIfAbsent(type, k -> new ArrayList<>())
          .add((code.equals("default") ? "any other failing status" : "a " + code) + (d == null ? "" : ": " + doc(d)));
    });
    StringBuilder sb = new StringBuilder();
    byType.forEach((type, codes) -> sb.append("@throws io.restsdk.core.").append(type).append(" on ")
        .append(String.join("; ", codes)).append('\n'));
    if (!byType.containsKey("ApiException")) {
      sb.append("@throws io.restsdk.core.ApiException on any other failing status\n");
    }
    return sb.toString();
  }

  static String deprecatedDoc(Operation o) {
    return Boolean.TRUE.equals(o.getDeprecated()) ? "@deprecated the API marks this operation deprecated\n" : "";
  }

  static @Nullable String description(@Nullable String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /** Spec text inside Javadoc: HTML-escaped, then made safe for a comment. */
  static String doc(String s) {
    return ModelWriter.text(s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"))
        .replace("{", "&#123;").replace("}", "&#125;").replace("$", "&#36;");
  }
}
