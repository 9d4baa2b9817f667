package io.restsdk.gen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.JavaFile;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Generates Java 17 model sources from an OpenAPI 3.0 or 3.1 document (YAML or JSON, with
 * {@code $ref}s into other files resolved): a record per object schema, an enum per enum schema
 * (with an {@code UNKNOWN} fallback), a sealed interface per discriminated {@code oneOf}/{@code
 * anyOf}. Inline schemas in properties, request bodies, responses and parameters get names from
 * where they are ({@code PetOwner}, {@code CreatePetRequest}). Output is deterministic: the same
 * spec gives byte-identical sources.
 *
 * <pre>{@code
 * try {
 *   Generation g = Generator.forPackage("com.acme.api").generate(Path.of("api.yaml"));
 *   g.warnings().forEach(System.err::println);
 *   g.writeTo(Path.of("src/generated/java"));
 * } catch (GenerationException e) {
 *   System.err.println(e.getMessage()); // one line per problem, with file, line and JSON pointer
 * }
 * }</pre>
 */
public final class Generator {

  private static final List<String> JSON_TYPES = List.of("application/json", "application/hal+json",
      "application/problem+json");

  private final String packageName;

  private Generator(String packageName) {
    this.packageName = packageName;
  }

  /**
   * A generator writing into {@code packageName}.
   *
   * @param packageName a Java package name, e.g. {@code com.acme.api}
   * @return the generator
   * @throws IllegalArgumentException if it is not a legal package name
   */
  public static Generator forPackage(String packageName) {
    Objects.requireNonNull(packageName, "packageName");
    if (!Names.isPackageName(packageName)) {
      throw new IllegalArgumentException("not a Java package name: '" + packageName + "'");
    }
    return new Generator(packageName);
  }

  /**
   * Reads the spec and generates the sources.
   *
   * @param spec the OpenAPI document (its relative {@code $ref}s are resolved against its folder)
   * @return the sources and the warnings
   * @throws GenerationException listing every error (and warning) found, each with its location
   */
  public Generation generate(Path spec) throws GenerationException {
    Objects.requireNonNull(spec, "spec");
    Problems problems = new Problems();
    OpenAPI api;
    try {
      api = new SpecLoader(problems).load(spec);
    } catch (RuntimeException e) {
      problems.error("", "the spec could not be read (" + e + "); please report it with the spec");
      api = null;
    }
    if (api == null || problems.hasErrors()) {
      throw new GenerationException(problems.all());
    }
    SchemaTypes types = new SchemaTypes(packageName,
        api.getComponents() == null ? null : api.getComponents().getSchemas(), problems);
    String specName = spec.getFileName() == null ? spec.toString() : spec.getFileName().toString();
    if (api.getWebhooks() != null && !api.getWebhooks().isEmpty()) {
      problems.warning("/webhooks", "webhooks are not generated (" + String.join(", ",
          new TreeSet<>(api.getWebhooks().keySet())) + "): receive them with your own server code");
    }
    Map<String, String> sources = new TreeMap<>();
    try {
      // each schema and operation is isolated: one the generator cannot handle is a warning
      types.components();
      operations(api, types);
      ModelWriter writer = new ModelWriter(specName);
      Map<ClassName, JavaFile> clients = Map.of();
      for (int round = 0; round < 10; round++) {
        int dropped = types.droppedCount();
        clients.keySet().forEach(types::release);
        clients = new ClientWriter(packageName, api, types, problems, specName).write();
        sources.clear();
        for (TypeModel model : types.models()) {
          try {
            String text = writer.write(model, types.superinterfacesOf(model.name())).toString();
            sources.put(packageName.replace('.', '/') + "/" + model.name().simpleName() + ".java", text);
          } catch (RuntimeException e) {
            types.drop(model.name(), model.source(), e);
          }
        }
        if (types.droppedCount() == dropped) {
          break; // nothing written refers to a type that was left out
        }
      }
      clients.forEach((name, file) -> sources.put(
          packageName.replace('.', '/') + "/" + name.simpleName() + ".java", file.toString()));
    } catch (RuntimeException | StackOverflowError e) {
      // a shape the generator did not foresee outside any one schema or operation
      problems.error("", "the generator failed on this spec (" + e + "); please report it with the spec");
    }
    if (problems.hasErrors()) {
      throw new GenerationException(problems.all());
    }
    return new Generation(sources, problems.warnings());
  }

  /** Names the inline schemas of operations and of shared responses, bodies and parameters. */
  private static void operations(OpenAPI api, SchemaTypes types) {
    if (api.getComponents() != null) {
      var c = api.getComponents();
      if (c.getRequestBodies() != null) {
        new TreeMap<>(c.getRequestBodies()).forEach((k, body) -> body(types, body,
            suffixed(k, "Request"), "/components/requestBodies/" + Problem.escape(k)));
      }
      if (c.getResponses() != null) {
        new TreeMap<>(c.getResponses()).forEach((k, r) -> content(types, r.getContent(),
            suffixed(k, "Response"), "/components/responses/" + Problem.escape(k) + "/content"));
      }
      if (c.getParameters() != null) {
        new TreeMap<>(c.getParameters()).forEach((k, p) -> parameter(types, p, k,
            "/components/parameters/" + Problem.escape(k)));
      }
    }
    if (api.getPaths() == null) {
      return;
    }
    for (var path : new TreeMap<>(api.getPaths()).entrySet()) {
      PathItem item = path.getValue();
      String pathPointer = "/paths/" + Problem.escape(path.getKey());
      if (item == null) {
        continue;
      }
      if (item.getParameters() != null) {
        for (int i = 0; i < item.getParameters().size(); i++) {
          Parameter p = item.getParameters().get(i);
          parameter(types, p, operationName(path.getKey(), "") + " " + (p == null ? "" : p.getName()),
              pathPointer + "/parameters/" + i);
        }
      }
      for (var op : item.readOperationsMap().entrySet()) {
        String method = op.getKey().name().toLowerCase(Locale.ROOT);
        try {
          operation(types, path.getKey(), method, op.getValue(), pathPointer + "/" + method);
        } catch (RuntimeException | StackOverflowError e) {
          // the client writer meets the operation again and leaves it out if it fails there too
          types.problems().warning(pathPointer + "/" + method, SchemaTypes.unsupported(e)
              + ": the operation's inline schemas are not generated");
        }
      }
    }
  }

  private static void operation(SchemaTypes types, String path, String method, Operation o,
      String pointer) {
    String name = o.getOperationId() != null && !o.getOperationId().isBlank()
        ? o.getOperationId() : operationName(path, method);
    if (o.getParameters() != null) {
      for (int i = 0; i < o.getParameters().size(); i++) {
        Parameter p = o.getParameters().get(i);
        if (p != null && p.get$ref() == null) {
          parameter(types, p, name + " " + p.getName(), pointer + "/parameters/" + i);
        }
      }
    }
    if (o.getRequestBody() != null && o.getRequestBody().get$ref() == null) {
      body(types, o.getRequestBody(), name + " Request", pointer + "/requestBody");
    }
    if (o.getResponses() != null) {
      Map<String, ApiResponse> inline = new LinkedHashMap<>();
      new TreeMap<>(o.getResponses()).forEach((code, r) -> {
        if (r != null && r.get$ref() == null && schemaOf(r.getContent()) != null
            && schemaOf(r.getContent()).get$ref() == null) {
          inline.put(code, r);
        }
      });
      inline.forEach((code, r) -> content(types, r.getContent(),
          inline.size() == 1 ? name + " Response" : name + " " + code + " Response",
          pointer + "/responses/" + Problem.escape(code) + "/content"));
    }
  }

  private static String suffixed(String key, String suffix) {
    return key.endsWith(suffix) ? key : key + " " + suffix;
  }

  /** {@code get /pets/{petId}/toys} → {@code get pets by petId toys}. */
  static String operationName(String path, String method) {
    StringBuilder sb = new StringBuilder(method);
    for (String segment : path.split("/")) {
      if (segment.startsWith("{") && segment.endsWith("}")) {
        sb.append(" by ").append(segment, 1, segment.length() - 1);
      } else if (!segment.isEmpty()) {
        sb.append(' ').append(segment);
      }
    }
    return sb.toString().strip();
  }

  private static void body(SchemaTypes types, @Nullable RequestBody body, String name, String pointer) {
    if (body != null) {
      content(types, body.getContent(), name, pointer + "/content");
    }
  }

  private static void parameter(SchemaTypes types, @Nullable Parameter p, String name, String pointer) {
    if (p == null || p.get$ref() != null) {
      return;
    }
    if (p.getSchema() != null) {
      types.typeOf(p.getSchema(), name, pointer + "/schema");
    } else if (p.getContent() != null) {
      content(types, p.getContent(), name, pointer + "/content");
    }
  }

  private static void content(SchemaTypes types, @Nullable Content content, String name, String pointer) {
    String mediaType = jsonMediaType(content);
    if (mediaType != null) {
      Schema<?> schema = content.get(mediaType).getSchema();
      types.typeOf(schema, name, pointer + "/" + Problem.escape(mediaType) + "/schema");
    }
  }

  private static @Nullable Schema<?> schemaOf(@Nullable Content content) {
    String mediaType = jsonMediaType(content);
    return mediaType == null ? null : content.get(mediaType).getSchema();
  }

  /** The JSON media type of a content map: application/json first, then any {@code +json}. */
  static @Nullable String jsonMediaType(@Nullable Content content) {
    if (content == null) {
      return null;
    }
    List<String> candidates = new ArrayList<>();
    for (Map.Entry<String, MediaType> e : content.entrySet()) {
      String type = e.getKey().toLowerCase(Locale.ROOT);
      if (e.getValue() != null && e.getValue().getSchema() != null
          && (JSON_TYPES.contains(type) || type.endsWith("+json") || type.startsWith("application/json"))) {
        candidates.add(e.getKey());
      }
    }
    candidates.sort((a, b) -> Boolean.compare(!a.equalsIgnoreCase("application/json"),
        !b.equalsIgnoreCase("application/json")) != 0
        ? Boolean.compare(!a.equalsIgnoreCase("application/json"), !b.equalsIgnoreCase("application/json"))
        : a.compareTo(b));
    return candidates.isEmpty() ? null : candidates.get(0);
  }
}
