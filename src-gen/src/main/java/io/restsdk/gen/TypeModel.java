package io.restsdk.gen;

import com.palantir.javapoet.ClassName;
import com.palantir.javapoet.TypeName;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What one generated type holds, before it is written as Java: a record, an enum or a union. */
sealed interface TypeModel {

  ClassName name();

  /** The spec location the type comes from (a JSON pointer), for its Javadoc. */
  String source();

  /**
   * An object schema as a record.
   *
   * @param components the properties, in spec order (allOf members first)
   */
  record RecordModel(ClassName name, String source, @Nullable String description,
      List<Component> components) implements TypeModel {}

  /**
   * One record component.
   *
   * @param type the boxed type; the writer unboxes it when the value is required and not nullable
   */
  record Component(String javaName, String wireName, TypeName type, boolean required,
      boolean nullable, @Nullable String description, String pointer) {}

  /**
   * An enum schema.
   *
   * @param valueType the wire type: {@code String}, {@code Integer} or {@code Long}
   * @param constants constant name → wire value, in spec order
   */
  record EnumModel(ClassName name, String source, @Nullable String description, TypeName valueType,
      Map<String, Object> constants, String unknownName) implements TypeModel {}

  /**
   * A oneOf/anyOf with a discriminator (or a discriminated allOf parent): a sealed interface.
   *
   * @param subtypes discriminator value → record, in the order written
   * @param existingProperty whether every subtype has the discriminator property itself
   */
  record UnionModel(ClassName name, String source, @Nullable String description,
      String property, Map<String, ClassName> subtypes, boolean existingProperty)
      implements TypeModel {}
}
