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

/** The statements of generated client methods: parameters, paths, query, headers, type literals. */
final class ClientCode {

  static final String CORE = "io.restsdk.core";
  static final ClassName API_REQUEST = ClassName.get(CORE, "ApiRequest");
  static final ClassName QUERY = ClassName.get(CORE, "Query");
  static final ClassName TYPE_REF = ClassName.get(CORE, "TypeRef");
  static final ClassName PATH_SEGMENT = ClassName.get(CORE, "PathSegment");
  static final ClassName STRING = ClassName.get(String.class);
  static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  static final AnnotationSpec NULLABLE_SPEC = AnnotationSpec.builder(NULLABLE).build();
  static final java.util.Set<String> CREDENTIAL_HEADERS = java.util.Set.of("authorization",
      "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey");

  private ClientCode() {}

  record Param(String javaName, String wireName, String in, TypeName type, boolean required,
      boolean list, boolean explode, @Nullable String description) {}

  record Body(String javaName, TypeName type, boolean required, String how,
      @Nullable String mediaType, @Nullable String description) {}


  // ---------------------------------------------------------------------------------------------
  // statements

  static ParameterSpec spec(TypeName type, String name, boolean required) {
    TypeName t = required ? (type.isBoxedPrimitive() ? type.unbox() : type)
        : type.isPrimitive() ? type.box().annotated(NULLABLE_SPEC) : type.annotated(NULLABLE_SPEC);
    return ParameterSpec.builder(t, name).build();
  }

  static void requireNonNull(MethodSpec.Builder m, List<Param> path, @Nullable Body body, List<Param> others) {
    List<String> names = new ArrayList<>();
    for (Param p : path) {
      if (!p.type().isBoxedPrimitive()) {
        names.add(p.javaName());
      }
    }
    if (body != null && body.required()) {
      names.add(body.javaName());
    }
    for (Param p : others) {
      if (p.required() && !p.type().isBoxedPrimitive()) {
        names.add(p.javaName());
      }
    }
    for (String n : names) {
      m.addStatement("$T.requireNonNull($L, $S)", OBJECTS, n, n);
    }
  }

  /** Names in a path template, in order: {@code pets/{petId}/toys/{toyId}} → petId, toyId. */
  static List<String> templateNames(String path) {
    List<String> names = new ArrayList<>();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path);
    while (m.find()) {
      if (!names.contains(m.group(1))) {
        names.add(m.group(1));
      }
    }
    return names;
  }

  /** The path as a Java expression: literals encoded now, parameters by PathSegment when sent. */
  static CodeBlock pathExpression(String path, List<Param> params) {
    List<CodeBlock> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("\\{([^}/]+)}").matcher(path);
    int last = 0;
    while (m.find()) {
      literal.append(encodeLiteral(path.substring(last, m.start())));
      Param p = params.stream().filter(x -> x.wireName().equals(m.group(1))).findFirst().orElseThrow();
      if (literal.length() > 0) {
        parts.add(CodeBlock.of("$S", literal.toString()));
        literal.setLength(0);
      }
      parts.add(p.list()
          ? CodeBlock.of("$T.encode($T.join(\",\", $L.stream().map($T::valueOf).toList()))",
              PATH_SEGMENT, STRING, p.javaName(), STRING)
          : CodeBlock.of("$T.encode($L)", PATH_SEGMENT, p.javaName()));
      last = m.end();
    }
    literal.append(encodeLiteral(path.substring(last)));
    if (literal.length() > 0) {
      parts.add(CodeBlock.of("$S", literal.toString()));
    }
    return CodeBlock.join(parts, " + ");
  }

  /** Percent-encodes what a path may not hold as it is (RFC 3986 pchar and '/'). */
  static String encodeLiteral(String s) {
    StringBuilder sb = new StringBuilder();
    for (byte b : s.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if (c < 0x80 && (Character.isLetterOrDigit(c) || "-._~!$&'()*+,;=:@/".indexOf(c) >= 0)) {
        sb.append(c);
      } else {
        sb.append('%').append(String.format(Locale.ROOT, "%02X", b & 0xff));
      }
    }
    return sb.toString();
  }

  static void queryStatements(MethodSpec.Builder m, List<Param> params) {
    List<Param> query = params.stream().filter(p -> p.in().equals("query")).toList();
    if (query.isEmpty()) {
      return;
    }
    m.addStatement("$T query = $T.of()", QUERY, QUERY);
    for (Param p : query) {
      CodeBlock add;
      if (p.list() && p.explode()) {
        add = CodeBlock.of("query = query.and($S, $L.stream().map($T::valueOf).toList())", p.wireName(),
            p.javaName(), STRING);
      } else if (p.list()) {
        add = CodeBlock.of("query = query.and($S, $T.join(\",\", $L.stream().map($T::valueOf).toList()))",
            p.wireName(), STRING, p.javaName(), STRING);
      } else {
        add = CodeBlock.of("query = query.and($S, $T.valueOf($L))", p.wireName(), STRING, p.javaName());
      }
      if (p.required()) {
        m.addStatement(add);
      } else {
        m.beginControlFlow("if ($L != null)", p.javaName()).addStatement(add).endControlFlow();
      }
    }
  }

  static void headerStatement(MethodSpec.Builder m, Param p) {
    String lower = p.wireName().toLowerCase(Locale.ROOT);
    CodeBlock value = p.list() ? CodeBlock.of("$T.join(\",\", $L.stream().map($T::valueOf).toList())", STRING,
        p.javaName(), STRING) : p.type().equals(STRING) ? CodeBlock.of("$L", p.javaName())
        : CodeBlock.of("$T.valueOf($L)", STRING, p.javaName());
    CodeBlock set;
    if (lower.equals("if-match")) {
      set = CodeBlock.of("request = request.ifMatch($L)", p.javaName());
    } else if (lower.equals("if-none-match")) {
      set = CodeBlock.of("request = request.ifNoneMatch($L)", p.javaName());
    } else if (lower.equals("idempotency-key")) {
      set = CodeBlock.of("request = request.idempotencyKey($L)", value);
    } else if (CREDENTIAL_HEADERS.contains(lower) || lower.contains("token") || lower.contains("secret")) {
      set = CodeBlock.of("request = request.credentialHeader($S, $L)", p.wireName(), value);
    } else {
      set = CodeBlock.of("request = request.header($S, $L)", p.wireName(), value);
    }
    if (p.required()) {
      m.addStatement(set);
    } else {
      m.beginControlFlow("if ($L != null)", p.javaName()).addStatement(set).endControlFlow();
    }
  }

  static CodeBlock typeLiteral(TypeName type) {
    if (type instanceof ClassName || type instanceof ArrayTypeName) {
      return CodeBlock.of("$T.class", type);
    }
    return CodeBlock.of("new $T() { }", ParameterizedTypeName.get(TYPE_REF, type));
  }

}
