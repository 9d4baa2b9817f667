package io.restsdk.gen;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Specs written in the shapes large published APIs use (GitHub's, Stripe's, Kubernetes' and
 * Azure's): each generates, with warnings for what is generated loosely, and compiles with
 * -Xlint:all -Werror (once per spec).
 */
class RealWorldSpecsTest {

  static final List<String> SPECS = List.of("github", "stripe", "cloud31");
  static final Map<String, Generation> GENERATED = new HashMap<>();
  static final Map<String, ClassLoader> LOADERS = new HashMap<>();
  static final ObjectMapper MAPPER = new ObjectMapper();

  @BeforeAll
  static void generateAndCompileEach(@TempDir Path tmp) throws Exception {
    for (String name : SPECS) {
      Generation g = generate(name);
      GENERATED.put(name, g);
      LOADERS.put(name, Compiled.compile(g, tmp.resolve(name)));
    }
  }

  static Generation generate(String name) throws GenerationException {
    return Generator.forPackage("com.acme." + name).generate(Compiled.resource("specs/realworld/" + name + ".yaml"));
  }

  static Class<?> type(String spec, String simpleName) throws ClassNotFoundException {
    return LOADERS.get(spec).loadClass("com.acme." + spec + "." + simpleName);
  }

  static List<String> warnings(String spec) {
    return GENERATED.get(spec).warnings().stream().map(Problem::toString).toList();
  }

  static void assertWarning(String spec, String expected) {
    assertTrue(warnings(spec).contains(expected), () -> "no warning\n  " + expected + "\nin\n  "
        + String.join("\n  ", warnings(spec)));
  }

  static Map<String, String> components(Class<?> record) {
    return Arrays.stream(record.getRecordComponents()).collect(Collectors.toMap(RecordComponent::getName,
        c -> c.getGenericType().getTypeName().replace("com.acme.", "").replace("java.util.", "")
            .replace("java.lang.", "")));
  }

  static List<String> methods(Class<?> client) {
    return Arrays.stream(client.getDeclaredMethods())
        .filter(m -> java.lang.reflect.Modifier.isPublic(m.getModifiers())).map(Method::getName)
        .sorted().toList();
  }

  @ParameterizedTest
  @ValueSource(strings = {"github", "stripe", "cloud31"})
  void theSameSpecGivesTheSameSourcesAndWarnings(String name) throws Exception {
    Generation again = generate(name);
    assertEquals(GENERATED.get(name).sources(), again.sources());
    assertEquals(GENERATED.get(name).warnings(), again.warnings());
  }

  // ---------------------------------------------------------------------------------------------
  // GitHub's shapes

  @Test
  void enumValuesThatCollideAsIdentifiersGetDistinctConstantsAndKeepTheirWireValues() throws Exception {
    Class<?> state = type("github", "IssueState");
    assertEquals(List.of("OPEN", "CLOSED", "OPEN2", "OPEN3", "OPEN4", "O_PEN", "EMPTY", "NULL", "PLUS_1",
            "MINUS_1", "_1", "_01", "A", "A2", "UNKNOWN"),
        Arrays.stream(state.getEnumConstants()).map(c -> ((Enum<?>) c).name()).toList());
    for (String wire : List.of("open", "OPEN", "open ", "", "null", "+1", "-1", "1", "01", "a", "A")) {
      Object constant = MAPPER.readValue(MAPPER.writeValueAsString(wire), state);
      assertEquals(MAPPER.writeValueAsString(wire), MAPPER.writeValueAsString(constant), wire);
    }
    // 72 values (one of them '*') and the fallback
    Class<?> events = type("github", "WebhookEventName");
    assertEquals(73, events.getEnumConstants().length);
    assertEquals("VALUE", ((Enum<?>) MAPPER.readValue("\"*\"", events)).name());
  }

  @Test
  void propertyNamesWithDigitsSignsAndDollarsOrAtSignsBecomeIdentifiersAndDecode() throws Exception {
    Map<String, String> c = components(type("github", "ReactionRollup"));
    assertTrue(c.keySet().containsAll(List.of("plus1", "minus1", "_1st", "type", "ref", "id", "links",
        "aPropertyNameThatIsVeryLongBecauseSomeApisGenerateNamesFromDescriptionsAndNeverStopAddingWords"
            + "ToThemUntilTheLineRunsOut")), c.keySet().toString());
    Object r = MAPPER.readValue("{\"+1\":3,\"-1\":1,\"1st\":2,\"@type\":\"t\",\"$ref\":\"#/x\",\"$id\":\"i\"}",
        type("github", "ReactionRollup"));
    JsonNode back = MAPPER.valueToTree(r);
    assertEquals(3, back.get("+1").asInt());
    assertEquals(1, back.get("-1").asInt());
    assertEquals("#/x", back.get("$ref").asText());
    assertEquals("t", back.get("@type").asText());
  }

  @Test
  void recursiveNullableAllOfAndFreeFormShapesHaveTheirTypes() throws Exception {
    Map<String, String> c = components(type("github", "FullRepository"));
    assertEquals("github.FullRepository", c.get("parent"));
    assertEquals("github.FullRepository", c.get("templateRepository"));
    assertEquals("Object", c.get("customProperties"));
    assertEquals("Map<String, Object>", c.get("extra"));
    assertEquals("github.LicenseSimple", c.get("license"));
    assertEquals("String", c.get("secretToken"));
    assertEquals("github.SimpleUser", components(type("github", "Issue")).get("assignee"));
    assertEquals("List<Object>", components(type("github", "Issue")).get("timeline"));
    assertWarning("github", "warning: github.yaml:338 /components/schemas/timeline-event: oneOf without a"
        + " discriminator: generated as Object (the decoded JSON: a Map, List, String, Number or Boolean;"
        + " convert it once you know which alternative it is)");
    // six levels of inline objects, each named after where it is
    assertEquals("List<github.ReposUpdateRequestSecurityAndAnalysisAdvancedSecurityDetailsLevel1Level2Level3Item>",
        components(type("github", "ReposUpdateRequestSecurityAndAnalysisAdvancedSecurityDetailsLevel1Level2"))
            .get("level3"));
  }

  @Test
  void operationsWithRepeatedSpacedOrMissingIdsAndCaseDifferentParametersAreEachGenerated() throws Exception {
    assertEquals(List.of("listIssues", "listIssues2", "listIssues2Async", "listIssuesAsync"),
        methods(type("github", "IssuesApi")));
    assertEquals(List.of("postReposByOwnerByRepoContentsByPath", "postReposByOwnerByRepoContentsByPathAsync",
            "putReposByOwnerByRepoContentsByPath", "putReposByOwnerByRepoContentsByPathAsync", "reposGet",
            "reposGet2", "reposGet2Async", "reposGet2ForEachAsync", "reposGet2Stream", "reposGetAsync",
            "reposUpdate", "reposUpdateAsync"),
        methods(type("github", "ReposApi")));
    String gists = GENERATED.get("github").sources().get("com/acme/github/GistsApi.java");
    assertTrue(gists.contains("public BasicError gistsGetRevision(String gistId, String gistId2)"), gists);
    assertTrue(gists.contains("PathSegment.encode(gistId) + \"/revisions/\" + PathSegment.encode(gistId2)"), gists);
    assertWarning("github", "warning: github.yaml:104 /paths/~1repos~1{Owner}~1{repo}~1issues/post/operationId:"
        + " operationId is repeated (each should be unique): the method names get a number appended");
  }

  @Test
  void whatIsNotGeneratedOrGeneratedLooselyIsAWarningWithItsPointerAndLine() {
    String issues = "/paths/~1repos~1{Owner}~1{repo}~1issues";
    String contents = "/paths/~1repos~1{owner}~1{repo}~1contents~1{path}";
    for (String w : List.of(
        "warning: github.yaml:134 " + issues + "/post/callbacks: callbacks are not generated (issueEvent):"
            + " receive them with your own server code",
        "warning: github.yaml:79 " + issues + "/get/parameters/3: a query parameter of type"
            + " com.acme.github.ListIssuesFilter: generated as a String sent as given (serialize the value yourself)",
        "warning: github.yaml:84 " + issues + "/get/parameters/4: a parameter without a schema: generated as a String",
        "warning: github.yaml:95 " + issues + "/get/parameters/7: cookie parameter 'session' is not supported: ignored",
        "warning: github.yaml:168 " + contents + "/post/requestBody/content: a multipart/form-data request body:"
            + " generated as byte[] sent as given (encode it yourself)",
        "warning: github.yaml:152 " + contents + "/put/requestBody/content: a application/octet-stream request"
            + " body: generated as byte[] sent as given (encode it yourself)",
        "warning: github.yaml:158 " + contents + "/put/responses/200/content: a response body that is not JSON"
            + " ([text/plain]): not read",
        "warning: github.yaml:175 " + contents + "/post/responses: no 2xx response declared: the method returns"
            + " the ApiResponse<Object> the server sends",
        "warning: github.yaml:198 /paths/~1markdown~1raw/post/requestBody/content: a text/plain request body:"
            + " generated as byte[] sent as given (encode it yourself)")) {
      assertWarning("github", w);
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Stripe's shapes

  @Test
  void singleRefAllOfAndAnyOfWithNullableOrDescriptionAreTheReferencedTypeAndExpandableFieldsObject()
      throws Exception {
    Map<String, String> c = components(type("stripe", "Customer"));
    assertEquals("stripe.Address", c.get("address"));
    assertEquals("stripe.InvoiceSettingCustomerSetting", c.get("invoiceSettings"));
    assertEquals("stripe.Discount", c.get("discount"));
    assertEquals("Object", c.get("defaultSource"));
    assertEquals("Map<String, String>", c.get("metadata"));
    assertEquals("Object", components(type("stripe", "PaymentMethod")).get("customer"));
    assertWarning("stripe", "warning: stripe.yaml:127 /components/schemas/customer/properties/default_source:"
        + " anyOf without a discriminator: generated as Object (the decoded JSON: a Map, List, String, Number or"
        + " Boolean; convert it once you know which alternative it is)");
    assertWarning("stripe", "warning: stripe.yaml:50 /paths/~1v1~1customers/post/requestBody/content: a"
        + " application/x-www-form-urlencoded request body: generated as byte[] sent as given (encode it yourself)");
    assertWarning("stripe", "warning: stripe.yaml:167 /components/schemas/deleted_customer/properties/deleted/enum:"
        + " an enum of [boolean]: generated as its base type, without the enum");
    assertEquals(List.of("deleteCustomersCustomer", "deleteCustomersCustomerAsync", "getCustomers",
        "getCustomersAsync", "getCustomersForEachAsync", "getCustomersStream", "postCustomers",
        "postCustomersAsync"), methods(type("stripe", "V1Api")));
  }

  // ---------------------------------------------------------------------------------------------
  // Kubernetes' and Azure's shapes, OpenAPI 3.1

  @Test
  void openApi31ShapesGenerate() throws Exception {
    Map<String, String> rg = components(type("cloud31", "ResourceGroup"));
    assertEquals("String", rg.get("managedBy")); // type: [string, 'null']
    assertEquals("String", rg.get("kind")); // const
    assertEquals("List<Object>", rg.get("tuple")); // prefixItems
    assertEquals("cloud31.TreeNode", rg.get("node")); // a $ref into $defs
    assertEquals("List<cloud31.TreeNode>", components(type("cloud31", "TreeNode")).get("children"));
    assertEquals("Map<String, String>", components(type("cloud31", "ObjectMeta")).get("annotations"));
    assertEquals("Boolean", components(type("cloud31", "OwnerReference")).get("controller"));
    assertWarning("cloud31", "warning: cloud31.yaml:9 /webhooks: webhooks are not generated (podChanged):"
        + " receive them with your own server code");
    assertWarning("cloud31", "warning: cloud31.yaml:182 /components/schemas/ResourceGroup/properties/tuple: a tuple"
        + " (prefixItems): generated as List<Object>");
  }

  @Test
  void schemasNamedLikeJavaLangTypesAndMutuallyRecursiveOnesCompile() throws Exception {
    Map<String, String> r = components(type("cloud31", "RecordModel"));
    assertEquals("cloud31.StringModel", r.get("value"));
    assertEquals("cloud31.ClassModel", r.get("class_"));
    assertEquals("cloud31.ObjectModel", r.get("object"));
    assertEquals("cloud31.ListModel", r.get("list"));
    assertEquals("cloud31.OverrideModel", r.get("override"));
    assertEquals("Map<String, cloud31.RecordModel>", r.get("map")); // an alias reaching Record again
    assertEquals("cloud31.NodeSelectorTerm", components(type("cloud31", "Affinity")).get("nodeAffinity"));
    assertEquals("cloud31.Affinity", components(type("cloud31", "NodeSelectorTerm")).get("nested"));
    assertEquals("Object", components(type("cloud31", "Probe")).get("port")); // int-or-string
    assertFalse(warnings("cloud31").stream().anyMatch(w -> w.contains("cyclic")), warnings("cloud31").toString());
  }
}
