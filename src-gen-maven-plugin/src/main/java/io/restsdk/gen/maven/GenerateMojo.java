package io.restsdk.gen.maven;

import io.restsdk.gen.Generation;
import io.restsdk.gen.GenerationException;
import io.restsdk.gen.Generator;
import io.restsdk.gen.Problem;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Generates restsdk models and client classes from an OpenAPI 3.0/3.1 document into
 * {@code target/generated-sources/restsdk}, and adds that folder as a compile source root.
 * Nothing is regenerated when the spec (and the YAML/JSON files beside it, which its
 * {@code $ref}s may name) and the options are those of the last run: a stamp file in the output
 * folder holds their hash.
 *
 * <pre>{@code
 * <plugin>
 *   <groupId>io.restsdk</groupId>
 *   <artifactId>restsdk-gen-maven-plugin</artifactId>
 *   <version>${restsdk.version}</version>
 *   <executions>
 *     <execution>
 *       <goals><goal>generate</goal></goals>
 *       <configuration>
 *         <spec>src/main/openapi/api.yaml</spec>
 *         <packageName>com.acme.api</packageName>
 *       </configuration>
 *     </execution>
 *   </executions>
 * </plugin>
 * }</pre>
 */
@Mojo(name = "generate", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class GenerateMojo extends AbstractMojo {

  /** The name of the stamp file in the output folder. */
  static final String STAMP = ".restsdk-gen.stamp";
  /** Bumped when the generator's output changes, so a new plugin version regenerates. */
  private static final String FORMAT = "restsdk-gen 1";

  /** The OpenAPI document (YAML or JSON). */
  @Parameter(property = "restsdk.spec", required = true)
  File spec;

  /** The Java package of the generated sources, e.g. {@code com.acme.api}. */
  @Parameter(property = "restsdk.packageName", required = true)
  String packageName;

  /** Where the sources go; added as a compile source root. */
  @Parameter(property = "restsdk.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/restsdk", required = true)
  File outputDirectory;

  /** Skips the goal. */
  @Parameter(property = "restsdk.skip", defaultValue = "false")
  boolean skip;

  /** The project the sources are added to. */
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  MavenProject project;

  /** For Maven. */
  public GenerateMojo() {}

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("restsdk-gen: skipped");
      return;
    }
    if (spec == null || !spec.isFile()) {
      throw new MojoFailureException("restsdk-gen: the spec " + spec + " is not a readable file"
          + " (set <spec> to the OpenAPI document)");
    }
    if (packageName == null || packageName.isBlank()) {
      throw new MojoFailureException("restsdk-gen: set <packageName> to the Java package to generate into");
    }
    Path out = outputDirectory.toPath();
    String hash = hash();
    Path stamp = out.resolve(STAMP);
    try {
      if (Files.isRegularFile(stamp) && Files.readString(stamp, StandardCharsets.UTF_8).equals(hash)) {
        getLog().info("restsdk-gen: " + spec.getName() + " and the options did not change, nothing to generate");
      } else {
        generate(out, stamp, hash);
      }
    } catch (IOException e) {
      throw new MojoExecutionException("restsdk-gen: cannot write " + out + ": " + e, e);
    }
    if (project != null) {
      project.addCompileSourceRoot(out.toAbsolutePath().toString());
    }
  }

  private void generate(Path out, Path stamp, String hash) throws IOException, MojoFailureException {
    Generation g;
    try {
      g = Generator.forPackage(packageName).generate(spec.toPath());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException("restsdk-gen: " + e.getMessage());
    } catch (GenerationException e) {
      throw new MojoFailureException("restsdk-gen: " + spec + " has errors:\n" + e.getMessage());
    }
    for (Problem w : g.warnings()) {
      getLog().warn(w.toString());
    }
    // a schema or tag removed from the spec must not leave its old source behind
    Path dir = out.resolve(packageName.replace('.', File.separatorChar));
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        for (Path f : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          Files.delete(f);
        }
      }
    }
    Files.deleteIfExists(stamp);
    g.writeTo(out);
    Files.writeString(stamp, hash, StandardCharsets.UTF_8);
    getLog().info("restsdk-gen: generated " + g.sources().size() + " source files from " + spec.getName()
        + " into " + out + (g.warnings().isEmpty() ? "" : " (" + g.warnings().size() + " warnings)"));
  }

  /** The hash of the options and of the spec folder's YAML/JSON files (names and bytes). */
  String hash() throws MojoExecutionException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      update(digest, FORMAT);
      update(digest, packageName);
      update(digest, spec.getName());
      digest.update(Files.readAllBytes(spec.toPath()));
      Path folder = spec.toPath().toAbsolutePath().getParent();
      List<Path> others;
      try (Stream<Path> walk = Files.walk(folder, 4)) {
        others = walk.filter(Files::isRegularFile)
            .filter(p -> {
              String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
              return n.endsWith(".yaml") || n.endsWith(".yml") || n.endsWith(".json");
            })
            .filter(p -> !p.equals(spec.toPath().toAbsolutePath()))
            .sorted().toList();
      }
      for (Path p : others) {
        update(digest, folder.relativize(p).toString());
        digest.update(Files.readAllBytes(p));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new MojoExecutionException("restsdk-gen: cannot read " + spec + ": " + e, e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void update(MessageDigest digest, String s) {
    byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
    digest.update((byte) (bytes.length >>> 24));
    digest.update((byte) (bytes.length >>> 16));
    digest.update((byte) (bytes.length >>> 8));
    digest.update((byte) bytes.length);
    digest.update(bytes);
  }
}
