package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.PathParameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A schema or an operation the generator cannot handle is left out with a warning, not the run. */
@SuppressWarnings({"rawtypes", "unchecked"}) // swagger-parser's Schema model is raw throughout
class RobustnessTest {

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"}) // swagger-parser's model is raw Schema throughout
  void aSchemaThatCannotBeGeneratedIsLeftOutAndReferencesToItBecomeObject() {
    Schema<Object> bad = new Schema<>() {
      @Override
      public java.util.List<String> getRequired() {
        throw new IllegalStateException("a shape nobody foresaw");
      }
    };
    bad.type("object").addProperty("name", new Schema<>().type("string"));
    Schema<Object> thing = new Schema<>().type("object")
        .addProperty("bad", new Schema<>().$ref("#/components/schemas/Bad"))
        .addProperty("bads", new Schema<>().type("array").items(new Schema<>().$ref("#/components/schemas/Bad")))
        .addProperty("name", new Schema<>().type("string"));
    Problems problems = new Problems();
    problems.file("api.yaml");
    SchemaTypes types = new SchemaTypes("p", new java.util.TreeMap<>(Map.of("Bad", bad, "Thing", thing)), problems);
    types.components();
    List<TypeModel> models = types.models();
    assertEquals(List.of(
        "warning: api.yaml /components/schemas/Bad: the generator cannot handle this (IllegalStateException:"
            + " a shape nobody foresaw; please report it with the spec): Bad is not generated and references to"
            + " it are Object",
        "warning: api.yaml /components/schemas/Thing/properties/bad: refers to a type that could not be"
            + " generated: generated as java.lang.Object",
        "warning: api.yaml /components/schemas/Thing/properties/bads/items: refers to a type that could not"
            + " be generated: generated as java.lang.Object"),
        problems.all().stream().map(Problem::toString).toList());
    assertEquals(List.of("Thing"), models.stream().map(m -> m.name().simpleName()).toList());
    assertEquals(List.of("java.lang.Object", "java.util.List<java.lang.Object>", "java.lang.String"),
        ((TypeModel.RecordModel) models.get(0)).components().stream().map(c -> c.type().toString()).toList());
  }

  @Test
  @SuppressWarnings({"unchecked", "rawtypes"}) // swagger-parser's model is raw Schema throughout
  void anOperationThatCannotBeGeneratedIsLeftOutAndTheOthersAreGenerated() {
    PathParameter odd = new PathParameter() {
      @Override
      public Schema getSchema() {
        throw new IllegalStateException("a shape nobody foresaw");
      }
    };
    odd.name("id");
    ApiResponses noContent = new ApiResponses().addApiResponse("204", new ApiResponse().description("ok"));
    OpenAPI api = new OpenAPI().paths(new Paths()
        .addPathItem("/things", new PathItem().get(new Operation().operationId("listThings").responses(noContent)))
        .addPathItem("/things/{id}", new PathItem().get(new Operation().operationId("getThing")
            .addParametersItem(odd).responses(noContent))));
    Problems problems = new Problems();
    problems.file("api.yaml");
    SchemaTypes types = new SchemaTypes("p", Map.of(), problems);
    types.components();
    var files = new ClientWriter("p", api, types, problems, "api.yaml").write();
    assertEquals(List.of("warning: api.yaml /paths/~1things~1{id}/get: the generator cannot handle this"
        + " (IllegalStateException: a shape nobody foresaw; please report it with the spec): the operation is not"
        + " generated"), problems.all().stream().map(Problem::toString).toList());
    String source = files.values().iterator().next().toString();
    assertTrue(source.contains("public void listThings()"), source);
    assertFalse(source.contains("getThing"), source);
  }
}
