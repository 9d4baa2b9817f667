package io.restsdk.gen;

import com.palantir.javapoet.ArrayTypeName;
import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.ParameterizedTypeName;
import com.palantir.javapoet.TypeName;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.Schema;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * Maps schemas to Java types, collecting a {@link TypeModel} for each type that must be generated.
 * Component schemas are named first (in sorted order, so a name never depends on which schema
 * was reached first); inline schemas are named after where they are (parent type + property,
 * operation + {@code Request}…), with a number appended on a clash.
 */
final class SchemaTypes {

  /**
   * Any JSON value, for what has no more precise type: {@code java.lang.Object}, which every
   * codec decodes into {@code Map}, {@code List}, {@code String}, {@code Number},
   * {@code Boolean} or null and writes back as it came (generated code names no JSON library's
   * tree type, so it works with Jackson 2 and Jackson 3 alike).
   */
  static final ClassName ANY = ClassName.OBJECT;
  static final ClassName LIST = ClassName.get(List.class);
  static final ClassName MAP = ClassName.get(Map.class);
  private static final String COMPONENTS = "#/components/schemas/";
  /** Record component names that would clash with the methods every record has. */
  private static final Set<String> OBJECT_METHODS = Set.of("clone", "finalize", "getClass",
      "hashCode", "notify", "notifyAll", "toString", "wait", "equals");

  private enum Kind { RECORD, ENUM, UNION, ALIAS }

  private record Prop(Schema<?> schema, String pointer, String owner) {}

  private final String pkg;
  private final Problems problems;
  private final Map<String, Schema<?>> components = new TreeMap<>();
  private final Set<String> takenNames = new HashSet<>();
  private final Map<String, Kind> kinds = new HashMap<>();
  private final Map<String, ClassName> componentClass = new HashMap<>();
  private final Map<String, TypeName> componentType = new HashMap<>();
  private final Set<String> resolving = new HashSet<>();
  private final Map<Schema<?>, TypeName> inlineTypes = new IdentityHashMap<>();
  private final Map<String, TypeModel> models = new TreeMap<>();
  private final Map<ClassName, Set<ClassName>> superinterfaces = new HashMap<>();
  /** Discriminated allOf parents → their children (component names, sorted). */
  private final Map<String, List<String>> childrenOf = new HashMap<>();
  /** Types the generator could not build: references to them are generated as Object. */
  private final Set<ClassName> dropped = new TreeSet<>(Comparator.comparing(ClassName::canonicalName));
  /** Component records, enums and unions reached while an alias was resolved: built after it. */
  private final List<String> deferred = new ArrayList<>();

  SchemaTypes(String pkg, @Nullable Map<String, Schema> schemas, Problems problems) {
    this.pkg = pkg;
    this.problems = problems;
    if (schemas != null) {
      schemas.forEach((k, v) -> {
        if (v != null) {
          components.put(k, v);
        }
      });
    }
  }

  /** Names and builds every component schema. */
  void components() {
    findDiscriminatedParents();
    for (String name : components.keySet()) {
      Kind kind = kindOf(name);
      if (kind != Kind.ALIAS) {
        componentClass.put(name, ClassName.get(pkg, Names.unique(Names.typeName(name), takenNames)));
      }
    }
    for (String name : components.keySet()) {
      try {
        componentType(name);
      } catch (RuntimeException | StackOverflowError e) {
        resolving.clear();
        deferred.clear();
        componentType.put(name, ANY);
        ClassName cls = componentClass.get(name);
        if (cls != null) {
          drop(cls, componentPointer(name), e);
        } else {
          problems.warning(componentPointer(name), unsupported(e) + ": generated as Object");
        }
      }
    }
  }

  /**
   * The generated types, sorted by name, with every reference to a type that was not generated
   * replaced by {@code Object} (a warning each).
   */
  List<TypeModel> models() {
    List<TypeModel> result = new ArrayList<>();
    boolean changed = true;
    while (changed) { // a union left without members is dropped too, which may drop more
      changed = false;
      for (TypeModel m : models.values()) {
        if (m instanceof TypeModel.UnionModel u && !dropped.contains(u.name())
            && u.subtypes().values().stream().allMatch(dropped::contains)) {
          dropped.add(u.name());
          problems.warning(u.source(), "none of its alternatives could be generated: generated as Object");
          changed = true;
        }
      }
    }
    for (TypeModel m : models.values()) {
      if (dropped.contains(m.name())) {
        continue;
      }
      if (m instanceof TypeModel.RecordModel r) {
        List<TypeModel.Component> cs = new ArrayList<>();
        for (TypeModel.Component c : r.components()) {
          cs.add(new TypeModel.Component(c.javaName(), c.wireName(), loose(c.type(), c.pointer()),
              c.required(), c.nullable(), c.description(), c.pointer()));
        }
        m = new TypeModel.RecordModel(r.name(), r.source(), r.description(), cs);
      } else if (m instanceof TypeModel.UnionModel u) {
        Map<String, ClassName> subtypes = new TreeMap<>();
        u.subtypes().forEach((k, v) -> {
          if (dropped.contains(v)) {
            problems.warning(u.source(), "the alternative '" + k + "' (" + v.simpleName()
                + ") could not be generated: values naming it fail to decode");
          } else {
            subtypes.put(k, v);
          }
        });
        m = new TypeModel.UnionModel(u.name(), u.source(), u.description(), u.property(), subtypes,
            u.existingProperty());
      }
      result.add(m);
    }
    return result;
  }

  /** The sealed interfaces each record implements, sorted. */
  Set<ClassName> superinterfacesOf(ClassName record) {
    Set<ClassName> set = new TreeSet<>(Comparator.comparing(ClassName::canonicalName));
    set.addAll(superinterfaces.getOrDefault(record, Set.of()));
    set.removeAll(dropped);
    return set;
  }

  Problems problems() {
    return problems;
  }

  /** How many types were not generated so far. */
  int droppedCount() {
    return dropped.size();
  }

  /**
   * Marks {@code cls} as not generated because of {@code e} (a warning at {@code pointer});
   * references to it become {@code Object}.
   */
  void drop(ClassName cls, String pointer, Throwable e) {
    models.remove(cls.simpleName());
    if (dropped.add(cls)) {
      problems.warning(pointer, unsupported(e) + ": " + cls.simpleName() + " is not generated and"
          + " references to it are Object");
    }
  }

  /** Frees a name taken by {@link #newClass} (a client class that is written again). */
  void release(ClassName cls) {
    takenNames.remove(cls.simpleName());
  }

  /** What the generator could not handle, in words, for a warning. */
  static String unsupported(Throwable e) {
    String what = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName()
        : e.getClass().getSimpleName() + ": " + e.getMessage().strip().replaceAll("\\s+", " ");
    if (e instanceof StackOverflowError) {
      what = "nested too deeply";
    }
    return "the generator cannot handle this (" + what + "; please report it with the spec)";
  }

  /**
   * {@code type} with each type that was not generated replaced by {@code Object}; a warning at
   * {@code pointer} when one was.
   */
  TypeName loose(TypeName type, String pointer) {
    TypeName result = replaceDropped(type);
    if (!result.equals(type)) {
      problems.warning(pointer, "refers to a type that could not be generated: generated as " + result);
    }
    return result;
  }

  private TypeName replaceDropped(TypeName t) {
    if (dropped.isEmpty()) {
      return t;
    }
    if (t instanceof ClassName c) {
      return dropped.contains(c) ? ANY : c;
    }
    if (t instanceof ParameterizedTypeName p) {
      TypeName[] args = p.typeArguments().stream().map(this::replaceDropped).toArray(TypeName[]::new);
      return ParameterizedTypeName.get(p.rawType(), args);
    }
    if (t instanceof ArrayTypeName a) {
      return ArrayTypeName.of(replaceDropped(a.componentType()));
    }
    return t;
  }

  static String componentPointer(String name) {
    return "/components/schemas/" + Problem.escape(name);
  }

  // ---------------------------------------------------------------------------------------------
  // kinds

  private void findDiscriminatedParents() {
    for (var e : components.entrySet()) {
      Schema<?> s = e.getValue();
      if (s.getDiscriminator() == null || unionMembers(s) != null || s.getDiscriminator().getPropertyName() == null) {
        continue;
      }
      Set<String> children = new TreeSet<>();
      for (var c : components.entrySet()) {
        if (c.getValue().getAllOf() != null && !c.getKey().equals(e.getKey())) {
          for (Schema<?> m : c.getValue().getAllOf()) {
            if (m != null && (COMPONENTS + Problem.escape(e.getKey())).equals(m.get$ref())) {
              children.add(c.getKey());
            }
          }
        }
      }
      if (!children.isEmpty()) {
        childrenOf.put(e.getKey(), List.copyOf(children));
      }
    }
  }

  private Kind kindOf(String name) {
    Kind kind = kinds.get(name);
    if (kind == null) {
      Schema<?> s = components.get(name);
      if (childrenOf.containsKey(name)) {
        kind = Kind.UNION;
      } else if (childrenOf.values().stream().anyMatch(l -> l.contains(name))) {
        kind = Kind.RECORD;
      } else if (unionMembers(s) != null && hasProperties(s) && unionMembers(s).size() > 1) {
        kind = Kind.RECORD;
      } else if (unionMembers(s) != null && unionMembers(s).size() > 1) {
        kind = unionFeasible(s, componentPointer(name), false) ? Kind.UNION : Kind.ALIAS;
      } else {
        kind = structuralKind(s);
      }
      kinds.put(name, kind);
    }
    return kind;
  }

  /** RECORD, ENUM or ALIAS from the schema's own shape (unions are handled by the caller). */
  private static Kind structuralKind(Schema<?> s) {
    if (s.get$ref() != null || unionMembers(s) != null) {
      return Kind.ALIAS;
    }
    if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
      return s.getAllOf().size() == 1 && !hasProperties(s) ? Kind.ALIAS : Kind.RECORD;
    }
    if (enumValues(s) != null) {
      return Kind.ENUM;
    }
    return hasProperties(s) ? Kind.RECORD : Kind.ALIAS;
  }

  private static boolean hasProperties(Schema<?> s) {
    return s.getProperties() != null && !s.getProperties().isEmpty();
  }

  /** The non-null members of oneOf (or anyOf), or null when the schema has neither. */
  static @Nullable List<Schema> unionMembers(Schema<?> s) {
    List<Schema> all = s.getOneOf() != null && !s.getOneOf().isEmpty() ? s.getOneOf()
        : s.getAnyOf() != null && !s.getAnyOf().isEmpty() ? s.getAnyOf() : null;
    if (all == null) {
      return null;
    }
    List<Schema> members = new ArrayList<>();
    for (Schema m : all) {
      if (m != null && !isNullType(m)) {
        members.add(m);
      }
    }
    return members;
  }

  private static String unionWord(Schema<?> s) {
    return s.getOneOf() != null && !s.getOneOf().isEmpty() ? "oneOf" : "anyOf";
  }

  private static boolean isNullType(Schema<?> s) {
    Set<String> types = types(s);
    return types.size() == 1 && types.contains("null");
  }

  static Set<String> types(Schema<?> s) {
    Set<String> types = new TreeSet<>();
    if (s.getType() != null) {
      types.add(s.getType());
    }
    if (s.getTypes() != null) {
      types.addAll(s.getTypes());
    }
    return types;
  }

  /** Whether a value of this schema may be null (nullable, a "null" type, a null alternative). */
  static boolean isNullable(@Nullable Schema<?> s) {
    if (s == null) {
      return true;
    }
    if (Boolean.TRUE.equals(s.getNullable()) || types(s).contains("null")) {
      return true;
    }
    for (List<Schema> alternatives : java.util.Arrays.asList(s.getOneOf(), s.getAnyOf())) {
      if (alternatives != null && alternatives.stream().anyMatch(m -> m != null && isNullType(m))) {
        return true;
      }
    }
    return s.getEnum() != null && s.getEnum().contains(null);
  }

  private static @Nullable List<Object> enumValues(Schema<?> s) {
    if (s.getEnum() == null) {
      return null;
    }
    List<Object> values = new ArrayList<>();
    for (Object v : s.getEnum()) {
      if (v != null && !values.contains(v)) {
        values.add(v);
      }
    }
    return values.isEmpty() ? null : values;
  }

  /**
   * Whether a oneOf/anyOf with a discriminator can be a sealed interface: every member a $ref to
   * an object schema. Reports why not when {@code report}.
   */
  private boolean unionFeasible(Schema<?> s, String pointer, boolean report) {
    Discriminator d = s.getDiscriminator();
    String word = unionWord(s);
    if (d == null || d.getPropertyName() == null || d.getPropertyName().isEmpty()) {
      if (report) {
        problems.warning(pointer, word + " without a discriminator: generated as Object"
            + " (the decoded JSON: a Map, List, String, Number or Boolean; convert it once you know"
            + " which alternative it is)");
      }
      return false;
    }
    List<Schema> members = unionMembers(s);
    for (int i = 0; i < members.size(); i++) {
      Schema<?> m = members.get(i);
      String name = m.get$ref() == null ? null : refName(m.get$ref(), pointer + "/" + word + "/" + i, false);
      if (name == null || structuralKind(components.get(name)) != Kind.RECORD
          && !childrenOf.values().stream().anyMatch(l -> l.contains(name))) {
        if (report) {
          problems.warning(pointer + "/" + word + "/" + i, word + " with a discriminator whose"
              + " member is not a $ref to an object schema: the whole " + word
              + " is generated as Object");
        }
        return false;
      }
    }
    return true;
  }

  // ---------------------------------------------------------------------------------------------
  // references

  /** The component a $ref names, or null (reported as an error when {@code report}). */
  private @Nullable String refName(String ref, String pointer, boolean report) {
    String name = null;
    if (ref.startsWith(COMPONENTS)) {
      name = ref.substring(COMPONENTS.length()).replace("~1", "/").replace("~0", "~");
    } else if (!ref.contains("/") && !ref.contains("#")) {
      name = ref; // a bare name, as discriminator mappings allow
    }
    if (name == null || !components.containsKey(name)) {
      if (report) {
        problems.error(pointer + "/$ref", "unresolved $ref '" + ref + "'"
            + (ref.startsWith("#") ? ": there is no such schema in this document"
                : ": the referenced file or schema could not be read"));
      }
      return null;
    }
    return name;
  }

  /** The Java type of a component schema, building it on first use. */
  TypeName componentType(String name) {
    TypeName known = componentType.get(name);
    if (known != null) {
      return known;
    }
    Schema<?> s = components.get(name);
    String pointer = componentPointer(name);
    ClassName cls = componentClass.get(name);
    if (cls != null) {
      componentType.put(name, cls);
      if (!resolving.isEmpty()) {
        deferred.add(name); // an alias is being resolved: a record on its way is no cycle
      } else {
        buildComponent(name, cls);
      }
      return cls;
    }
    if (!resolving.add(name)) {
      problems.warning(pointer, "cyclic $ref: schema '" + name + "' refers to itself without an object in"
          + " between: generated as Object");
      return ANY;
    }
    TypeName alias;
    try {
      alias = typeOf(s, Names.typeName(name), pointer);
    } finally {
      resolving.remove(name);
    }
    componentType.put(name, alias);
    while (resolving.isEmpty() && !deferred.isEmpty()) {
      String next = deferred.remove(0);
      buildComponent(next, componentClass.get(next));
    }
    return alias;
  }

  private void buildComponent(String name, ClassName cls) {
    Schema<?> s = components.get(name);
    String pointer = componentPointer(name);
    build(cls, pointer, () -> {
      switch (kindOf(name)) {
        case RECORD -> buildRecord(cls, s, pointer);
        case ENUM -> buildEnum(cls, s, pointer);
        case UNION -> {
          if (childrenOf.containsKey(name)) {
            buildUnion(cls, s, pointer, childrenOf.get(name));
          } else {
            buildUnion(cls, s, pointer, memberNames(s, pointer));
          }
        }
        default -> throw new IllegalStateException(name);
      }
    });
  }

  /** Runs a builder of {@code cls}; when it fails, the type is dropped (a warning), not the run. */
  private void build(ClassName cls, String pointer, Runnable builder) {
    try {
      builder.run();
    } catch (RuntimeException | StackOverflowError e) {
      drop(cls, pointer, e);
    }
  }

  private List<String> memberNames(Schema<?> s, String pointer) {
    List<String> names = new ArrayList<>();
    for (Schema<?> m : unionMembers(s)) {
      names.add(refName(m.get$ref(), pointer, false));
    }
    return names;
  }

  // ---------------------------------------------------------------------------------------------
  // types

  /**
   * The Java type (boxed) of {@code s}; inline object/enum/union schemas become new types named
   * from {@code baseName}.
   */
  TypeName typeOf(@Nullable Schema<?> s, String baseName, String pointer) {
    if (s == null) {
      return ANY;
    }
    if (s.get$ref() != null) {
      String name = refName(s.get$ref(), pointer, true);
      return name == null ? ANY : loose(componentType(name), pointer);
    }
    TypeName memo = inlineTypes.get(s);
    if (memo != null) {
      return loose(memo, pointer);
    }
    TypeName t;
    try {
      t = inline(s, baseName, pointer);
    } catch (RuntimeException | StackOverflowError e) {
      problems.warning(pointer, unsupported(e) + ": generated as Object");
      t = ANY;
    }
    inlineTypes.put(s, t);
    return loose(t, pointer);
  }

  /** Whether {@code name} is a generated enum. */
  boolean isEnum(ClassName name) {
    return models.get(name.simpleName()) instanceof TypeModel.EnumModel e && e.name().equals(name);
  }

  /** A new class name from {@code baseName}, unique among every generated type. */
  ClassName newClass(String baseName) {
    return ClassName.get(pkg, Names.unique(Names.typeName(baseName), takenNames));
  }

  private TypeName inline(Schema<?> s, String baseName, String pointer) {
    List<Schema> members = unionMembers(s);
    if (members != null && !(hasProperties(s) && members.size() > 1)) {
      String word = unionWord(s);
      if (members.size() == 1) {
        int index = (s.getOneOf() != null && !s.getOneOf().isEmpty() ? s.getOneOf() : s.getAnyOf())
            .indexOf(members.get(0));
        return typeOf(members.get(0), baseName, pointer + "/" + word + "/" + index);
      }
      if (members.isEmpty() || !unionFeasible(s, pointer, true)) {
        return ANY;
      }
      ClassName cls = newClass(baseName);
      inlineTypes.put(s, cls);
      build(cls, pointer, () -> buildUnion(cls, s, pointer, memberNames(s, pointer)));
      return cls;
    }
    if (s.getAllOf() != null && !s.getAllOf().isEmpty()) {
      if (s.getAllOf().size() == 1 && !hasProperties(s)) {
        return typeOf(s.getAllOf().get(0), baseName, pointer + "/allOf/0");
      }
      ClassName cls = newClass(baseName);
      inlineTypes.put(s, cls);
      build(cls, pointer, () -> buildRecord(cls, s, pointer));
      return cls;
    }
    if (enumValues(s) != null) {
      return enumOrBase(s, baseName, pointer);
    }
    Set<String> types = types(s);
    types.remove("null");
    if (types.size() > 1) {
      problems.warning(pointer, "a value of several types " + types + ": generated as Object");
      return ANY;
    }
    String type = types.isEmpty() ? inferType(s) : types.iterator().next();
    if (type == null) {
      return ANY;
    }
    switch (type) {
      case "array": {
        if (s.getItems() == null) {
          problems.warning(pointer, s.getPrefixItems() != null && !s.getPrefixItems().isEmpty()
              ? "a tuple (prefixItems): generated as List<Object>"
              : "an array without 'items': generated as List<Object>");
          return ParameterizedTypeName.get(LIST, ANY);
        }
        return ParameterizedTypeName.get(LIST, typeOf(s.getItems(), baseName + " Item", pointer + "/items"));
      }
      case "object": {
        if (hasProperties(s)) {
          ClassName cls = newClass(baseName);
          inlineTypes.put(s, cls);
          build(cls, pointer, () -> buildRecord(cls, s, pointer));
          return cls;
        }
        Object extra = s.getAdditionalProperties();
        if (extra instanceof Schema<?> valueSchema) {
          TypeName value = typeOf(valueSchema, baseName + " Value", pointer + "/additionalProperties");
          return ParameterizedTypeName.get(MAP, ClassName.get(String.class), value);
        }
        return ANY; // free-form object: any members
      }
      case "string":
        return stringType(s.getFormat());
      case "integer":
        return "int32".equals(s.getFormat()) ? TypeName.INT.box() : TypeName.LONG.box();
      case "number":
        return "float".equals(s.getFormat()) ? TypeName.FLOAT.box()
            : "double".equals(s.getFormat()) ? TypeName.DOUBLE.box()
            : "int32".equals(s.getFormat()) ? TypeName.INT.box()
            : "int64".equals(s.getFormat()) ? TypeName.LONG.box()
            : ClassName.get(BigDecimal.class);
      case "boolean":
        return TypeName.BOOLEAN.box();
      default:
        problems.warning(pointer, "unknown type '" + type + "': generated as Object");
        return ANY;
    }
  }

  private static @Nullable String inferType(Schema<?> s) {
    if (s.getItems() != null) {
      return "array";
    }
    if (hasProperties(s) || s.getAdditionalProperties() instanceof Schema) {
      return "object";
    }
    if (s.getFormat() != null && !s.getFormat().isEmpty()) {
      return switch (s.getFormat()) {
        case "int32", "int64" -> "integer";
        case "float", "double" -> "number";
        default -> "string";
      };
    }
    return null;
  }

  private static TypeName stringType(@Nullable String format) {
    if (format == null) {
      return ClassName.get(String.class);
    }
    return switch (format) {
      case "date-time" -> ClassName.get("java.time", "OffsetDateTime");
      case "date" -> ClassName.get("java.time", "LocalDate");
      case "uuid" -> ClassName.get("java.util", "UUID");
      case "byte", "binary" -> ArrayTypeName.of(TypeName.BYTE);
      default -> ClassName.get(String.class);
    };
  }

  private TypeName enumOrBase(Schema<?> s, String baseName, String pointer) {
    ClassName cls = newClass(baseName);
    if (!buildEnum(cls, s, pointer)) {
      takenNames.remove(cls.simpleName());
      Schema<?> copy = new Schema<>();
      copy.setType(s.getType());
      copy.setTypes(s.getTypes());
      copy.setFormat(s.getFormat());
      return inline(copy, baseName, pointer);
    }
    return cls;
  }

  // ---------------------------------------------------------------------------------------------
  // builders

  private void buildRecord(ClassName cls, Schema<?> s, String pointer) {
    Map<String, Prop> props = new LinkedHashMap<>();
    Set<String> required = new HashSet<>();
    flatten(s, pointer, cls.simpleName(), props, required, new HashSet<>());
    Set<String> taken = new HashSet<>();
    List<TypeModel.Component> components = new ArrayList<>();
    for (var e : props.entrySet()) {
      String wire = e.getKey();
      Prop p = e.getValue();
      String javaName = Names.memberName(wire);
      if (OBJECT_METHODS.contains(javaName)) {
        javaName = javaName + "_";
      }
      javaName = Names.unique(javaName, taken);
      TypeName type = typeOf(p.schema(), p.owner() + " " + wire, p.pointer());
      components.add(new TypeModel.Component(javaName, wire, type, required.contains(wire),
          !required.contains(wire) || isNullable(p.schema()), description(p.schema()), p.pointer()));
    }
    models.put(cls.simpleName(), new TypeModel.RecordModel(cls, pointer, description(s), components));
  }

  private void flatten(Schema<?> s, String pointer, String owner, Map<String, Prop> props,
      Set<String> required, Set<String> visiting) {
    if (s.getAllOf() != null) {
      for (int i = 0; i < s.getAllOf().size(); i++) {
        Schema<?> m = s.getAllOf().get(i);
        if (m == null) {
          continue;
        }
        if (m.get$ref() != null) {
          String name = refName(m.get$ref(), pointer + "/allOf/" + i, true);
          if (name == null) {
            continue;
          }
          if (!visiting.add(name)) {
            problems.error(pointer + "/allOf/" + i, "cyclic allOf: '" + name + "' includes itself");
            continue;
          }
          ClassName known = componentClass.get(name);
          flatten(components.get(name), componentPointer(name),
              known != null ? known.simpleName() : Names.typeName(name), props, required, visiting);
          visiting.remove(name);
        } else {
          flatten(m, pointer + "/allOf/" + i, owner, props, required, visiting);
        }
      }
    }
    List<Schema> members = unionMembers(s);
    if (members != null && members.size() > 1) {
      problems.warning(pointer, unionWord(s) + " next to properties or inside allOf: its alternatives"
          + " are not generated, only the properties");
    }
    if (s.getProperties() != null) {
      s.getProperties().forEach((wire, schema) -> props.put(wire,
          new Prop(schema, pointer + "/properties/" + Problem.escape(wire), owner)));
    }
    if (s.getRequired() != null) {
      required.addAll(s.getRequired());
    }
    if (hasProperties(s) && (s.getAdditionalProperties() instanceof Schema
        || Boolean.TRUE.equals(s.getAdditionalProperties()))) {
      problems.warning(pointer + "/additionalProperties", "additionalProperties next to properties:"
          + " members not declared in 'properties' are ignored when decoding");
    }
  }

  private boolean buildEnum(ClassName cls, Schema<?> s, String pointer) {
    List<Object> values = enumValues(s);
    Set<String> types = types(s);
    boolean strings = values.stream().allMatch(v -> v instanceof String);
    boolean integers = values.stream().allMatch(v -> v instanceof Integer || v instanceof Long
        || v instanceof BigInteger || v instanceof BigDecimal bd && bd.stripTrailingZeros().scale() <= 0);
    TypeName valueType;
    if (strings && (types.isEmpty() || types.contains("string"))) {
      valueType = ClassName.get(String.class);
    } else if (integers && (types.contains("integer") || types.isEmpty())) {
      valueType = "int32".equals(s.getFormat()) ? TypeName.INT.box() : TypeName.LONG.box();
    } else {
      problems.warning(pointer + "/enum", "an enum of " + (types.isEmpty() ? "mixed values" : types)
          + ": generated as its base type, without the enum");
      return false;
    }
    Map<String, Object> constants = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (Object v : values) {
      String text = String.valueOf(v);
      String name = valueType.equals(ClassName.get(String.class))
          ? Names.constantName(text)
          : "VALUE_" + (text.startsWith("-") ? "MINUS_" + text.substring(1) : text);
      Object wire = valueType.equals(ClassName.get(String.class)) ? text
          : valueType.equals(TypeName.INT.box()) ? (Object) Integer.valueOf(new BigDecimal(text).intValueExact())
          : (Object) Long.valueOf(new BigDecimal(text).longValueExact());
      constants.put(Names.unique(name, taken), wire);
    }
    String unknown = "UNKNOWN";
    while (taken.contains(unknown)) {
      unknown = unknown + "_";
    }
    models.put(cls.simpleName(), new TypeModel.EnumModel(cls, pointer, description(s), valueType,
        constants, unknown));
    return true;
  }

  private void buildUnion(ClassName cls, Schema<?> s, String pointer, List<String> memberNames) {
    Discriminator d = s.getDiscriminator();
    String property = d.getPropertyName();
    Map<String, ClassName> subtypes = new TreeMap<>();
    Set<String> mapped = new HashSet<>();
    if (d.getMapping() != null) {
      for (var e : new TreeMap<>(d.getMapping()).entrySet()) {
        String name = refName(e.getValue(), pointer + "/discriminator/mapping/"
            + Problem.escape(e.getKey()), true);
        if (name == null) {
          continue;
        }
        if (!memberNames.contains(name)) {
          problems.warning(pointer + "/discriminator/mapping/" + Problem.escape(e.getKey()),
              "the mapping names '" + name + "', which is not one of the alternatives: ignored");
          continue;
        }
        mapped.add(name);
        subtypes.put(e.getKey(), (ClassName) componentType(name));
      }
    }
    boolean existing = true;
    for (String name : memberNames) {
      ClassName member = (ClassName) componentType(name);
      if (!mapped.contains(name)) {
        subtypes.put(name, member);
      }
      superinterfaces.computeIfAbsent(member, k -> new HashSet<>()).add(cls);
      Map<String, Prop> props = new LinkedHashMap<>();
      flatten(components.get(name), componentPointer(name), member.simpleName(), props,
          new HashSet<>(), new HashSet<>());
      existing &= props.containsKey(property);
    }
    models.put(cls.simpleName(), new TypeModel.UnionModel(cls, pointer, description(s), property,
        subtypes, existing));
  }

  private static @Nullable String description(@Nullable Schema<?> s) {
    if (s == null) {
      return null;
    }
    String text = s.getDescription() != null && !s.getDescription().isBlank() ? s.getDescription()
        : s.getTitle();
    return text == null || text.isBlank() ? null : text.strip();
  }
}
