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

/**
 * Writes one client class per tag (per first path segment when an operation has no tag), one
 * method per operation, onto sdk-core's exported API: {@code RestClient.send}/{@code sendAsync}
 * with an {@code ApiRequest} built from typed parameters, and {@code Resource.stream} for the
 * lazy all-pages iteration of list operations.
 */
final class ClientWriter {

  private static final String CORE = "io.restsdk.core";
  private static final ClassName REST_CLIENT = ClassName.get(CORE, "RestClient");
  private static final ClassName API_REQUEST = ClassName.get(CORE, "ApiRequest");
  private static final ClassName API_RESPONSE = ClassName.get(CORE, "ApiResponse");
  private static final ClassName API_EXCEPTION = ClassName.get(CORE, "ApiException");
  private static final ClassName QUERY = ClassName.get(CORE, "Query");
  private static final ClassName ENTITY = ClassName.get(CORE, "Entity");
  private static final ClassName TYPE_REF = ClassName.get(CORE, "TypeRef");
  private static final ClassName PAGING = ClassName.get(CORE, "Paging");
  private static final ClassName PATH_SEGMENT = ClassName.get(CORE, "PathSegment");
  private static final ClassName ETAG = ClassName.get(CORE, "ETag");
  private static final ClassName JSON_PATCH = ClassName.get(CORE, "JsonPatch");
  private static final ClassName STRING = ClassName.get(String.class);
  private static final ClassName VOID = ClassName.get(Void.class);
  private static final ClassName URI = ClassName.get("java.net", "URI");
  private static final ClassName OBJECTS = ClassName.get("java.util", "Objects");
  private static final ClassName STREAM = ClassName.get("java.util.stream", "Stream");
  private static final ClassName FUTURE = ClassName.get("java.util.concurrent", "CompletableFuture");
  private static final ClassName CONSUMER = ClassName.get("java.util.function", "Consumer");
  private static final ClassName NULLABLE = ClassName.get("org.jspecify.annotations", "Nullable");
  private static final AnnotationSpec NULLABLE_SPEC = AnnotationSpec.builder(NULLABLE).build();
  private static final TypeVariableName T = TypeVariableName.get("T");
  private static final String[] HTTP_METHODS = {"get", "put", "post", "delete", "options", "head", "patch"};
  /** Method names a client must not declare: Object's, and the private helpers. */
  private static final Set<String> RESERVED_METHODS = Set.of("clone", "finalize", "getClass",
      "hashCode", "notify", "notifyAll", "toString", "wait", "equals", "body", "created", "location");
  /** Parameter names the generated method bodies use for locals. */
  private static final Set<String> LOCALS = Set.of("request", "query", "response", "client", "action");
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization",
      "proxy-authorization", "cookie", "x-api-key", "api-key", "apikey");
  private static final Set<String> TRANSPORT_HEADERS = Set.of("content-length", "host",
      "transfer-encoding", "connection", "content-type");

  enum Kind { BODY, ENTITY, LOCATION, VOID, RESPONSE }

  /** A list operation's items: their type and where they are in a page. */
  private record Items(TypeName type, @Nullable String pointer, @Nullable String next) {}

  /** Names of a page object's string member holding the next page's URI. */
  private static final List<String> NEXT_FIELDS = List.of("next", "nextLink", "next_link", "nextPage",
      "next_page", "nextUrl", "next_url");

  private final String pkg;
  private final OpenAPI api;
  private final SchemaTypes types;
  private final Problems problems;
  private final String specName;

  ClientWriter(String pkg, OpenAPI api, SchemaTypes types, Problems problems, String specName) {
    this.pkg = pkg;
    this.api = api;
    this.types = types;
    this.problems = problems;
    this.specName = specName;
  }

  /** The client classes, sorted by name. */
  Map<ClassName, JavaFile> write() {
    Map<String, List<String[]>> groups = new TreeMap<>(); // group → [path, method]
    if (api.getPaths() == null) {
      return Map.of();
    }
    for (var path : new TreeMap<>(api.getPaths()).entrySet()) {
      PathItem item = path.getValue();
      if (item == null) {
        continue;
      }
      if (item.getTrace() != null) {
        problems.warning(pointer(path.getKey(), "trace"), "TRACE operations are not generated");
      }
      for (String method : HTTP_METHODS) {
        Operation o = operation(item, method);
        if (o != null) {
          groups.computeIfAbsent(group(path.getKey(), o), k -> new ArrayList<>())
              .add(new String[] {path.getKey(), method});
        }
      }
    }
    Map<ClassName, JavaFile> files = new TreeMap<>((a, b) -> a.simpleName().compareTo(b.simpleName()));
    for (var g : groups.entrySet()) {
      ClassName cls = types.newClass(g.getKey() + " Api");
      try {
        TypeSpec type = client(cls, g.getKey(), g.getValue());
        JavaFile file = JavaFile.builder(pkg, type)
            .addFileComment("Generated by restsdk src-gen from $L; do not edit.", specName)
            .indent("  ")
            .skipJavaLangImports(true)
            .build();
        file.toString(); // fails here, not later, when JavaPoet refuses something
        files.put(cls, file);
      } catch (RuntimeException | StackOverflowError e) {
        String[] first = g.getValue().get(0);
        problems.warning(pointer(first[0], first[1]), SchemaTypes.unsupported(e) + ": the client "
            + cls.simpleName() + " is not generated");
      }
    }
    return files;
  }

  private static @Nullable Operation operation(PathItem item, String method) {
    return switch (method) {
      case "get" -> item.getGet();
      case "put" -> item.getPut();
      case "post" -> item.getPost();
      case "delete" -> item.getDelete();
      case "options" -> item.getOptions();
      case "head" -> item.getHead();
      case "patch" -> item.getPatch();
      default -> null;
    };
  }

  private static String group(String path, Operation o) {
    if (o.getTags() != null) {
      for (String tag : o.getTags()) {
        if (tag != null && !Names.words(tag).isEmpty()) {
          return tag;
        }
      }
    }
    for (String segment : path.split("/")) {
      if (!segment.isEmpty() && !segment.startsWith("{") && !Names.words(segment).isEmpty()) {
        return segment;
      }
    }
    return "default";
  }

  private static String pointer(String path, String method) {
    return "/paths/" + Problem.escape(path) + "/" + method;
  }

  // ---------------------------------------------------------------------------------------------
  // one class

  private TypeSpec client(ClassName cls, String group, List<String[]> ops) {
    TypeSpec.Builder b = TypeSpec.classBuilder(cls).addModifiers(Modifier.PUBLIC, Modifier.FINAL);
    String tagDoc = tagDescription(group);
    b.addJavadoc("The operations $L in $L, each as a blocking method and an {@code …Async} one.\n",
        tagDoc == null && !isTag(group) ? "under {@code /" + ModelWriter.text(group).replace("}", "&#125;") + "}"
            : "tagged {@code " + ModelWriter.text(group).replace("}", "&#125;") + "}", ModelWriter.text(specName));
    if (tagDoc != null) {
      b.addJavadoc("\n<p>$L\n", ClientDocs.doc(tagDoc));
    }
    b.addJavadoc("\n<p>Every status the contract counts as a failure is an {@link $T} (a 404 a {@link $T.NotFound},"
        + " a 412 a {@link $T.PreconditionFailed}…); a 304 to a read is answered from the client's ETag cache.\n",
        API_EXCEPTION, API_EXCEPTION, API_EXCEPTION);
    b.addJavadoc("\n<pre>{@code\n$T api = new $T(RestClient.builder().baseUrl(\"https://api.example.com/\").build());\n}</pre>\n",
        cls, cls);
    b.addField(FieldSpec.builder(REST_CLIENT, "client", Modifier.PRIVATE, Modifier.FINAL).build());
    b.addMethod(MethodSpec.constructorBuilder()
        .addModifiers(Modifier.PUBLIC)
        .addJavadoc("A client sending through {@code client} (its base URL, credentials, ETag cache and policies).\n\n"
            + "@param client the client to send with\n@throws NullPointerException if it is null\n")
        .addParameter(REST_CLIENT, "client")
        .addStatement("this.client = $T.requireNonNull(client, $S)", OBJECTS, "client")
        .build());
    Set<String> taken = new TreeSet<>(RESERVED_METHODS);
    Set<Kind> helpers = new TreeSet<>();
    for (String[] op : ops) {
      // each operation on its own: one the generator cannot handle is left out, not the class
      TypeSpec.Builder scratch = TypeSpec.classBuilder(cls);
      Set<Kind> used = new TreeSet<>();
      try {
        operation(scratch, cls, op[0], op[1], taken, used);
        b.addMethods(scratch.build().methodSpecs());
        helpers.addAll(used);
      } catch (RuntimeException | StackOverflowError e) {
        problems.warning(pointer(op[0], op[1]), SchemaTypes.unsupported(e) + ": the operation is not generated");
      }
    }
    if (helpers.contains(Kind.BODY)) {
      b.addMethod(MethodSpec.methodBuilder("body")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addTypeVariable(T)
          .returns(T)
          .addParameter(ParameterizedTypeName.get(API_RESPONSE, T), "response")
          .beginControlFlow("if (response instanceof $T.Ok<$T> ok)", API_RESPONSE, T)
          .addStatement("return ok.body()")
          .endControlFlow()
          .beginControlFlow("if (response instanceof $T.Created<$T> created && created.entity() != null)", API_RESPONSE, T)
          .addStatement("return created.entity().body()")
          .endControlFlow()
          .addStatement("throw new $T(\"the server answered \" + response.status()\n+ $S)",
              IllegalStateException.class, " without a body; the spec declares one")
          .build());
    }
    if (helpers.contains(Kind.ENTITY)) {
      b.addMethod(MethodSpec.methodBuilder("created")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .addTypeVariable(T)
          .returns(ParameterizedTypeName.get(ENTITY, T))
          .addParameter(ParameterizedTypeName.get(API_RESPONSE, T), "response")
          .beginControlFlow("if (response instanceof $T.Created<$T> created && created.entity() != null)", API_RESPONSE, T)
          .addStatement("return created.entity()")
          .endControlFlow()
          .beginControlFlow("if (response instanceof $T.Ok<$T> ok)", API_RESPONSE, T)
          .addStatement("return ok.entity()")
          .endControlFlow()
          .addStatement("throw new $T(\"the server answered \" + response.status()\n+ $S)",
              IllegalStateException.class, " without the created resource (is following Location switched off?)")
          .build());
    }
    if (helpers.contains(Kind.LOCATION)) {
      b.addMethod(MethodSpec.methodBuilder("location")
          .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
          .returns(URI)
          .addParameter(ParameterizedTypeName.get(API_RESPONSE, VOID), "response")
          .beginControlFlow("if (response instanceof $T.Created<$T> created && created.location() != null)", API_RESPONSE, VOID)
          .addStatement("return created.location()")
          .endControlFlow()
          .addStatement("throw new $T(\"the server answered \" + response.status()\n+ $S)",
              IllegalStateException.class, " without a Location; the spec declares a 201")
          .build());
    }
    return b.build();
  }

  private boolean isTag(String group) {
    return api.getTags() != null && api.getTags().stream().anyMatch(t -> t != null && group.equals(t.getName()));
  }

  private @Nullable String tagDescription(String group) {
    if (api.getTags() == null) {
      return null;
    }
    return api.getTags().stream()
        .filter(t -> t != null && group.equals(t.getName()) && t.getDescription() != null
            && !t.getDescription().isBlank())
        .map(t -> t.getDescription().strip()).findFirst().orElse(null);
  }

  // ---------------------------------------------------------------------------------------------
  // one operation

  private void operation(TypeSpec.Builder b, ClassName cls, String path, String method,
      Set<String> taken, Set<Kind> helpers) {
    PathItem item = api.getPaths().get(path);
    Operation o = operation(item, method);
    String at = pointer(path, method);
    String relative = path.startsWith("/") ? path.substring(1) : path;
    if (relative.isEmpty() || relative.startsWith("/")) {
      problems.warning(at, "an operation on the base URL itself ('" + path + "') is not generated:"
          + " send it with RestClient.send");
      return;
    }
    if (o.getCallbacks() != null && !o.getCallbacks().isEmpty()) {
      problems.warning(at + "/callbacks", "callbacks are not generated (" + String.join(", ",
          new TreeSet<>(o.getCallbacks().keySet())) + "): receive them with your own server code");
    }
    String opName = o.getOperationId() != null && !o.getOperationId().isBlank() ? o.getOperationId()
        : Generator.operationName(path, method);
    String name = reserve(Names.memberName(opName), taken);

    // parameters
    Map<String, Parameter> declared = new LinkedHashMap<>();
    Map<String, String> pointers = new LinkedHashMap<>();
    collect(item.getParameters(), "/paths/" + Problem.escape(path) + "/parameters", declared, pointers);
    collect(o.getParameters(), at + "/parameters", declared, pointers);
    Set<String> paramNames = new TreeSet<>(LOCALS);
    List<ClientCode.Param> pathParams = new ArrayList<>();
    List<ClientCode.Param> otherParams = new ArrayList<>();
    List<String> template = ClientCode.templateNames(relative);
    for (String t : template) {
      Parameter p = declared.get("path:" + t);
      if (p == null) {
        problems.warning(at, "path parameter '" + t + "' is not declared: generated as a String");
        pathParams.add(new ClientCode.Param(Names.unique(Names.memberName(t), paramNames), t, "path", STRING,
            true, false, false, null));
      } else {
        pathParams.add(param(p, pointers.get("path:" + t), opName, paramNames));
      }
    }
    for (var e : declared.entrySet()) {
      Parameter p = e.getValue();
      String in = e.getKey().substring(0, e.getKey().indexOf(':'));
      String pp = pointers.get(e.getKey());
      switch (in) {
        case "path" -> {
          if (!template.contains(p.getName())) {
            problems.warning(pp, "path parameter '" + p.getName() + "' is not in the path: ignored");
          }
        }
        case "query" -> otherParams.add(param(p, pp, opName, paramNames));
        case "header" -> {
          String lower = p.getName().toLowerCase(Locale.ROOT);
          if (TRANSPORT_HEADERS.contains(lower)) {
            problems.warning(pp, "header parameter '" + p.getName() + "' is set by the client itself: ignored");
          } else {
            otherParams.add(param(p, pp, opName, paramNames));
          }
        }
        default -> problems.warning(pp, in + " parameter '" + p.getName() + "' is not supported: ignored"
            + (Boolean.TRUE.equals(p.getRequired()) ? " (it is required: add it with a RestClient interceptor)" : ""));
      }
    }
    ClientCode.Body body = body(o.getRequestBody(), at + "/requestBody", opName, paramNames);

    // responses
    Map<String, ApiResponse> success = new TreeMap<>();
    Map<String, ApiResponse> failures = new TreeMap<>();
    if (o.getResponses() != null) {
      o.getResponses().forEach((code, r) -> {
        ApiResponse resolved = response(r);
        if (resolved == null) {
          return;
        }
        if (code.startsWith("2")) {
          success.put(code, resolved);
        } else if (code.startsWith("4") || code.startsWith("5") || code.equals("default")) {
          failures.put(code, resolved);
        }
      });
    }
    Kind kind;
    TypeName bodyType = VOID;
    Map<String, TypeName> bodies = new TreeMap<>();
    for (var e : success.entrySet()) {
      TypeName t = responseType(e.getValue(), opName, e.getKey(), success.size(),
          at + "/responses/" + Problem.escape(e.getKey()));
      if (t != null) {
        bodies.put(e.getKey(), t);
      }
    }
    if (success.isEmpty()) {
      kind = Kind.RESPONSE;
      bodyType = SchemaTypes.ANY;
      problems.warning(at + "/responses", "no 2xx response declared: the method returns the"
          + " ApiResponse<Object> the server sends");
    } else if (success.size() == 1) {
      String code = success.keySet().iterator().next();
      TypeName t = bodies.get(code);
      if (code.equals("201")) {
        kind = t == null ? Kind.LOCATION : Kind.ENTITY;
        bodyType = t == null ? VOID : t;
      } else if (t == null || code.equals("204")) {
        kind = Kind.VOID;
      } else {
        kind = Kind.BODY;
        bodyType = t;
      }
    } else {
      kind = Kind.RESPONSE;
      Set<TypeName> distinct = new java.util.LinkedHashSet<>(bodies.values());
      if (distinct.size() == 1) {
        bodyType = distinct.iterator().next();
      } else if (distinct.size() > 1) {
        bodyType = SchemaTypes.ANY;
        problems.warning(at + "/responses", "the 2xx responses have different bodies: generated as"
            + " ApiResponse<Object>");
      }
    }
    if (kind == Kind.BODY || kind == Kind.ENTITY || kind == Kind.LOCATION) {
      helpers.add(kind);
    }

    // the request builder
    List<ParameterSpec> specs = new ArrayList<>();
    List<String> args = new ArrayList<>();
    for (ClientCode.Param p : pathParams) {
      specs.add(ClientCode.spec(p.type(), p.javaName(), true));
      args.add(p.javaName());
    }
    if (body != null) {
      specs.add(ClientCode.spec(body.type(), body.javaName(), body.required()));
      args.add(body.javaName());
    }
    for (ClientCode.Param p : otherParams) {
      specs.add(ClientCode.spec(p.type(), p.javaName(), p.required()));
      args.add(p.javaName());
    }
    String call = String.join(", ", args);
    MethodSpec.Builder req = MethodSpec.methodBuilder(name + "Request")
        .addModifiers(Modifier.PRIVATE, Modifier.STATIC)
        .returns(API_REQUEST)
        .addParameters(specs);
    ClientCode.requireNonNull(req, pathParams, body, otherParams);
    req.addStatement("$T request = $T.of($S, $L)", API_REQUEST, API_REQUEST,
        method.toUpperCase(Locale.ROOT), ClientCode.pathExpression(relative, pathParams));
    ClientCode.queryStatements(req, otherParams);
    if (otherParams.stream().anyMatch(p -> p.in().equals("query"))) {
      req.addStatement("request = request.query(query)");
    }
    for (ClientCode.Param p : otherParams) {
      if (p.in().equals("header")) {
        ClientCode.headerStatement(req, p);
      }
    }
    if (body != null) {
      CodeBlock set = body.how().equals("rawBody")
          ? CodeBlock.of("request = request.rawBody($L, $S)", body.javaName(), body.mediaType())
          : CodeBlock.of("request = request.$L($L)", body.how(), body.javaName());
      if (body.required()) {
        req.addStatement(set);
      } else {
        req.beginControlFlow("if ($L != null)", body.javaName()).addStatement(set).endControlFlow();
      }
    }
    req.addStatement("return request");

    // the public methods
    CodeBlock typeArg = ClientCode.typeLiteral(bodyType);
    CodeBlock request = kind == Kind.LOCATION ? CodeBlock.of("$LRequest($L).followLocation(false)", name, call)
        : CodeBlock.of("$LRequest($L)", name, call);
    TypeName syncReturn = switch (kind) {
      case BODY -> bodyType;
      case ENTITY -> ParameterizedTypeName.get(ENTITY, bodyType);
      case LOCATION -> URI;
      case VOID -> TypeName.VOID;
      case RESPONSE -> ParameterizedTypeName.get(API_RESPONSE, bodyType);
    };
    MethodSpec.Builder sync = MethodSpec.methodBuilder(name).addModifiers(Modifier.PUBLIC)
        .addParameters(specs).returns(syncReturn);
    MethodSpec.Builder async = MethodSpec.methodBuilder(name + "Async").addModifiers(Modifier.PUBLIC)
        .addParameters(specs)
        .returns(ParameterizedTypeName.get(FUTURE, syncReturn == TypeName.VOID ? VOID : syncReturn.box()));
    switch (kind) {
      case BODY -> {
        sync.addStatement("return body(client.send($L, $L))", request, typeArg);
        async.addStatement("return client.sendAsync($L, $L).thenApply($T::body)", request, typeArg, cls);
      }
      case ENTITY -> {
        sync.addStatement("return created(client.send($L, $L))", request, typeArg);
        async.addStatement("return client.sendAsync($L, $L).thenApply($T::created)", request, typeArg, cls);
      }
      case LOCATION -> {
        sync.addStatement("return location(client.send($L, $L))", request, typeArg);
        async.addStatement("return client.sendAsync($L, $L).thenApply($T::location)", request, typeArg, cls);
      }
      case VOID -> {
        sync.addStatement("client.send($L, $L)", request, typeArg);
        async.addStatement("return client.sendAsync($L, $L).thenAccept(response -> { })", request, typeArg);
      }
      case RESPONSE -> {
        sync.addStatement("return client.send($L, $L)", request, typeArg);
        async.addStatement("return client.sendAsync($L, $L)", request, typeArg);
      }
    }
    String docs = ClientDocs.javadoc(specName, o, method, path, pathParams, body, otherParams);
    String returns = ClientDocs.returnsDoc(kind, success, bodyType);
    String throwsDoc = ClientDocs.throwsDoc(failures);
    sync.addJavadoc("$L", docs + (kind == Kind.VOID ? "" : "@return " + returns + "\n") + throwsDoc
        + ClientDocs.deprecatedDoc(o));
    async.addJavadoc("$L", docs + "@return a future of " + returns + "; it fails with the exception the"
        + " blocking {@link #" + name + "} would throw\n" + ClientDocs.deprecatedDoc(o));
    if (Boolean.TRUE.equals(o.getDeprecated())) {
      sync.addAnnotation(Deprecated.class);
      async.addAnnotation(Deprecated.class);
    }
    b.addMethod(sync.build());
    b.addMethod(async.build());
    b.addMethod(req.build());

    // the lazy all-pages iteration
    Items items = method.equals("get") && (kind == Kind.BODY || kind == Kind.RESPONSE)
        ? items(success, bodies, bodyType) : null;
    if (items != null && otherParams.stream().anyMatch(p -> p.in().equals("header"))) {
      problems.warning(at, "a list operation with header parameters gets no all-pages method"
          + " (pages after the first would be read without those headers)");
      items = null;
    }
    if (items != null) {
      pages(b, name, relative, pathParams, otherParams, items, docs, o);
    }
  }

  /** {@code name}, or {@code name2}…, such that it and its derived names are all free; takes them. */
  private static String reserve(String base, Set<String> taken) {
    for (int n = 1; ; n++) {
      String candidate = n == 1 ? base : base + n;
      List<String> all = List.of(candidate, candidate + "Async", candidate + "Request",
          candidate + "Stream", candidate + "ForEachAsync");
      if (all.stream().noneMatch(taken::contains)) {
        taken.addAll(all);
        return candidate;
      }
    }
  }

  private void collect(@Nullable List<Parameter> params, String pointer, Map<String, Parameter> into,
      Map<String, String> pointers) {
    if (params == null) {
      return;
    }
    for (int i = 0; i < params.size(); i++) {
      Parameter p = params.get(i);
      String pp = pointer + "/" + i;
      if (p != null && p.get$ref() != null) {
        String ref = p.get$ref();
        String key = ref.startsWith("#/components/parameters/")
            ? ref.substring("#/components/parameters/".length()).replace("~1", "/").replace("~0", "~") : null;
        Parameter resolved = key == null || api.getComponents() == null || api.getComponents().getParameters() == null
            ? null : api.getComponents().getParameters().get(key);
        if (resolved == null) {
          problems.warning(pp, "parameter $ref '" + ref + "' does not name a parameter of this document: ignored");
          continue;
        }
        p = resolved;
        pp = "/components/parameters/" + Problem.escape(key);
      }
      if (p == null || p.getName() == null || p.getIn() == null) {
        continue;
      }
      String k = p.getIn() + ":" + p.getName();
      into.remove(k); // an operation's parameter replaces the path's, in the operation's order
      into.put(k, p);
      pointers.put(k, pp);
    }
  }

  private ClientCode.Param param(Parameter p, String pointer, String opName, Set<String> names) {
    TypeName type;
    if (p.getSchema() != null) {
      type = types.typeOf(p.getSchema(), opName + " " + p.getName(), pointer + "/schema");
    } else {
      type = STRING;
      problems.warning(pointer, "a parameter without a schema: generated as a String");
    }
    String lower = p.getName().toLowerCase(Locale.ROOT);
    boolean list = false;
    if (p.getIn().equals("header") && (lower.equals("if-match") || lower.equals("if-none-match"))) {
      type = ETAG;
    } else if (type instanceof ParameterizedTypeName pt && pt.rawType().equals(SchemaTypes.LIST)
        && scalar(pt.typeArguments().get(0))) {
      list = true;
    } else if (!scalar(type)) {
      problems.warning(pointer, "a " + p.getIn() + " parameter of type " + type + ": generated as a"
          + " String sent as given (serialize the value yourself)");
      type = STRING;
    }
    boolean required = p.getIn().equals("path") || Boolean.TRUE.equals(p.getRequired());
    boolean explode = p.getExplode() == null ? p.getIn().equals("query") : p.getExplode();
    return new ClientCode.Param(Names.unique(Names.memberName(p.getName()), names), p.getName(), p.getIn(),
        type, required, list, explode, ClientDocs.description(p.getDescription()));
  }

  private boolean scalar(TypeName t) {
    if (t.isPrimitive() || t.isBoxedPrimitive()) {
      return true;
    }
    if (t instanceof ClassName c) {
      return c.packageName().equals("java.lang") || c.packageName().equals("java.math")
          || c.packageName().equals("java.time") || c.canonicalName().equals("java.util.UUID")
          || types.isEnum(c);
    }
    return false;
  }

  private ClientCode.@Nullable Body body(@Nullable RequestBody rb, String pointer, String opName, Set<String> names) {
    if (rb != null && rb.get$ref() != null) {
      String ref = rb.get$ref();
      String key = ref.startsWith("#/components/requestBodies/")
          ? ref.substring("#/components/requestBodies/".length()).replace("~1", "/").replace("~0", "~") : null;
      RequestBody resolved = key == null || api.getComponents() == null
          || api.getComponents().getRequestBodies() == null ? null : api.getComponents().getRequestBodies().get(key);
      if (resolved == null) {
        problems.warning(pointer, "request body $ref '" + ref + "' does not name a request body of this document: ignored");
        return null;
      }
      rb = resolved;
      pointer = "/components/requestBodies/" + Problem.escape(key);
      opName = key.endsWith("Request") ? key : key + " Request";
    } else {
      opName = opName + " Request";
    }
    if (rb == null || rb.getContent() == null || rb.getContent().isEmpty()) {
      return null;
    }
    String javaName = Names.unique("body", names);
    boolean required = Boolean.TRUE.equals(rb.getRequired());
    String description = ClientDocs.description(rb.getDescription());
    Content content = rb.getContent();
    String json = Generator.jsonMediaType(content);
    if (json != null) {
      String lower = json.toLowerCase(Locale.ROOT);
      if (lower.startsWith("application/json-patch+json")) {
        return new ClientCode.Body(javaName, JSON_PATCH, required, "jsonPatch", null, description);
      }
      TypeName type = types.typeOf(content.get(json).getSchema(), opName,
          pointer + "/content/" + Problem.escape(json) + "/schema");
      String how = lower.startsWith("application/merge-patch+json") ? "mergePatch" : "body";
      if (how.equals("mergePatch") && (type instanceof ParameterizedTypeName || scalar(type))) {
        problems.warning(pointer, "a merge patch that is not an object: sent as JSON");
        how = "body";
      }
      return new ClientCode.Body(javaName, type, required, how, null, description);
    }
    String media = new TreeSet<>(content.keySet()).first();
    if (media.contains("*")) {
      media = "application/octet-stream";
    }
    problems.warning(pointer + "/content", "a " + media + " request body: generated as byte[] sent as"
        + " given (encode it yourself)");
    return new ClientCode.Body(javaName, ArrayTypeName.of(TypeName.BYTE), required, "rawBody", media, description);
  }

  private @Nullable ApiResponse response(@Nullable ApiResponse r) {
    if (r == null || r.get$ref() == null) {
      return r;
    }
    String ref = r.get$ref();
    String key = ref.startsWith("#/components/responses/")
        ? ref.substring("#/components/responses/".length()).replace("~1", "/").replace("~0", "~") : null;
    return key == null || api.getComponents() == null || api.getComponents().getResponses() == null
        ? null : api.getComponents().getResponses().get(key);
  }

  /** The body type of a success response, or null when it has no JSON body. */
  private @Nullable TypeName responseType(ApiResponse r, String opName, String code, int count, String pointer) {
    String json = Generator.jsonMediaType(r.getContent());
    if (json == null) {
      if (r.getContent() != null && !r.getContent().isEmpty() && !code.equals("204")) {
        problems.warning(pointer + "/content", "a response body that is not JSON ("
            + new TreeSet<>(r.getContent().keySet()) + "): not read");
      }
      return null;
    }
    return types.typeOf(r.getContent().get(json).getSchema(),
        count == 1 ? opName + " Response" : opName + " " + code + " Response",
        pointer + "/content/" + Problem.escape(json) + "/schema");
  }

  // ---------------------------------------------------------------------------------------------
  // pages

  /** The items of a list operation: an array body, or a page object holding one array. */
  private @Nullable Items items(Map<String, ApiResponse> success, Map<String, TypeName> bodies, TypeName bodyType) {
    String code = success.containsKey("200") ? "200" : bodies.size() == 1 ? bodies.keySet().iterator().next() : null;
    if (code == null || !bodies.containsKey(code) || !bodies.get(code).equals(bodyType)) {
      return null;
    }
    ApiResponse r = success.get(code);
    Schema<?> schema = resolve(r.getContent().get(Generator.jsonMediaType(r.getContent())).getSchema());
    if (schema == null) {
      return null;
    }
    if (bodyType instanceof ParameterizedTypeName list && list.rawType().equals(SchemaTypes.LIST)) {
      return new Items(list.typeArguments().get(0), null, null);
    }
    Map<String, Schema> props = schema.getProperties();
    if (props == null) {
      return null;
    }
    Schema<?> embedded = resolve(props.get("_embedded"));
    if (embedded != null && embedded.getProperties() != null) {
      String only = onlyArray(embedded.getProperties());
      return only == null ? null : new Items(types.typeOf(resolve(embedded.getProperties().get(only)).getItems(),
          "Page Item", ""), "/_embedded/" + Problem.escape(only), null);
    }
    String only = onlyArray(props);
    return only == null ? null
        : new Items(types.typeOf(resolve(props.get(only)).getItems(), "Page Item", ""), "/" + Problem.escape(only),
            nextField(props));
  }

  private @Nullable String nextField(Map<String, Schema> props) {
    for (String name : NEXT_FIELDS) {
      Schema<?> s = resolve(props.get(name));
      if (s != null && SchemaTypes.types(s).contains("string")) {
        return "/" + name;
      }
    }
    return null;
  }

  private @Nullable String onlyArray(Map<String, Schema> props) {
    List<String> arrays = new ArrayList<>();
    props.forEach((k, v) -> {
      Schema<?> s = resolve(v);
      if (s != null && s.getItems() != null) {
        arrays.add(k);
      }
    });
    return arrays.size() == 1 ? arrays.get(0) : null;
  }

  private @Nullable Schema<?> resolve(@Nullable Schema<?> s) {
    for (int i = 0; s != null && s.get$ref() != null && i < 20; i++) {
      String ref = s.get$ref();
      if (!ref.startsWith("#/components/schemas/") || api.getComponents() == null
          || api.getComponents().getSchemas() == null) {
        return null;
      }
      s = api.getComponents().getSchemas().get(
          ref.substring("#/components/schemas/".length()).replace("~1", "/").replace("~0", "~"));
    }
    return s != null && s.get$ref() == null ? s : null;
  }

  private void pages(TypeSpec.Builder b, String name, String relative, List<ClientCode.Param> pathParams,
      List<ClientCode.Param> otherParams, Items items, String docs, Operation o) {
    List<ParameterSpec> specs = new ArrayList<>();
    for (ClientCode.Param p : pathParams) {
      specs.add(ClientCode.spec(p.type(), p.javaName(), true));
    }
    for (ClientCode.Param p : otherParams) {
      specs.add(ClientCode.spec(p.type(), p.javaName(), p.required()));
    }
    TypeName item = items.type().isPrimitive() ? items.type().box() : items.type();
    CodeBlock resource = CodeBlock.of("client.resource($L, $L)$L", ClientCode.pathExpression(relative, pathParams),
        ClientCode.typeLiteral(item), items.pointer() == null ? ""
            : items.next() == null ? CodeBlock.of(".withPaging($T.itemsAt($S))", PAGING, items.pointer())
            : CodeBlock.of(".withPaging($T.itemsAt($S).withNextLinkAt($S))", PAGING, items.pointer(), items.next()));
    MethodSpec.Builder stream = MethodSpec.methodBuilder(name + "Stream").addModifiers(Modifier.PUBLIC)
        .addParameters(specs).returns(ParameterizedTypeName.get(STREAM, item));
    MethodSpec.Builder each = MethodSpec.methodBuilder(name + "ForEachAsync").addModifiers(Modifier.PUBLIC)
        .addParameters(specs)
        .addParameter(ParameterizedTypeName.get(CONSUMER, WildcardTypeName.supertypeOf(item)), "action")
        .returns(ParameterizedTypeName.get(FUTURE, VOID));
    for (MethodSpec.Builder m : List.of(stream, each)) {
      ClientCode.requireNonNull(m, pathParams, null, otherParams);
      ClientCode.queryStatements(m, otherParams);
    }
    each.addStatement("$T.requireNonNull(action, $S)", OBJECTS, "action");
    CodeBlock query = otherParams.isEmpty() ? CodeBlock.of("$T.of()", QUERY) : CodeBlock.of("query");
    stream.addStatement("return $L.stream($L)", resource, query);
    each.addStatement("return $L.async().forEach($L, action)", resource, query);
    String pagesDoc = "\n<p>Every item of every page, read lazily: the next page is fetched when the"
        + " items of the one before are used up (by its {@code Link: rel=\"next\"}, HAL {@code next} link"
        + " or the page's next field).\n\n";
    stream.addJavadoc("$L", docs.replaceFirst("\n\n", "\n" + pagesDoc)
        + "@return the items, lazily; a failing page throws when it is reached\n" + ClientDocs.deprecatedDoc(o));
    each.addJavadoc("$L", docs.replaceFirst("\n\n", "\n" + pagesDoc)
        + "@param action called with each item, in order\n"
        + "@return a future completed after the last page, or failed with the first failure\n" + ClientDocs.deprecatedDoc(o));
    if (Boolean.TRUE.equals(o.getDeprecated())) {
      stream.addAnnotation(Deprecated.class);
      each.addAnnotation(Deprecated.class);
    }
    b.addMethod(stream.build());
    b.addMethod(each.build());
  }
}
