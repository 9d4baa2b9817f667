import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Writes a throwaway application, outside the reactor, from what the READMEs say and nothing
 * else: the BOM import of restsdk-bom/README.md, the coordinates each published module's README
 * starts with (their version checked, then left to the BOM), and every fenced java block marked
 * {@code <!-- compiled -->} (src/main/java), {@code <!-- compiled: test -->} (src/test/java) or
 * {@code <!-- compiled: run -->} (src/test/java, and its main is run on the test class path). Artifacts resolve from the
 * deployed staging repository; everything else from the machine's Maven repository, read as a
 * remote one so the application's own local repository is the only one written to, and what
 * that lacks from Maven Central.
 *
 * <pre>{@code
 * java .ci/ReadmeApp.java REPO_ROOT APP_DIR STAGING_REPO_URL MAVEN_REPO_URL
 * }</pre>
 *
 * Prints one line per snippet; writes APP_DIR/run-mains.txt (one class a line); exits 1 with a
 * message naming the README and the problem when a block is missing, stale or malformed.
 */
public class ReadmeApp {
  static final List<String> PUBLISHED = List.of("sdk-core", "sdk-testkit", "src-gen", "sdk-jackson3",
      "sdk-etag-redis", "sdk-micrometer", "sdk-opentelemetry");
  static final Pattern FENCE = Pattern.compile("(?:<!-- ([\\w: ]+) -->\\n)?```(\\w+)\\n(.*?)\\n```", Pattern.DOTALL);
  static final Pattern TYPE = Pattern.compile(
      "^(?:public\\s+)?(?:final\\s+|abstract\\s+)*(?:class|record|interface|enum)\\s+(\\w+)", Pattern.MULTILINE);
  static final Pattern PACKAGE = Pattern.compile("^package\\s+([\\w.]+);", Pattern.MULTILINE);

  record Block(String marker, String lang, String text) {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(args[0]);
    Path app = Path.of(args[1]);
    String staging = args[2];
    String central = args[3];
    String pom = Files.readString(root.resolve("pom.xml"));
    Matcher v = Pattern.compile("<artifactId>restsdk-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
    if (!v.find()) fail("pom.xml: no restsdk-parent version");
    String version = v.group(1);

    String bom = null;
    for (Block b : blocks(root.resolve("restsdk-bom/README.md"))) {
      if ("pom: dependencyManagement".equals(b.marker())) bom = b.text();
    }
    if (bom == null) fail("restsdk-bom/README.md: no ```xml block marked <!-- pom: dependencyManagement -->");
    checkVersion("restsdk-bom/README.md", bom, "restsdk-bom", version);

    StringBuilder deps = new StringBuilder();
    for (String module : PUBLISHED) {
      String readme = module + "/README.md";
      String text = Files.readString(root.resolve(readme));
      List<Block> blocks = blocks(root.resolve(readme));
      if (blocks.isEmpty() || !blocks.get(0).lang().equals("xml")
          || text.indexOf("```xml") > text.indexOf("\n## ") && text.contains("\n## ")) {
        fail(readme + ": does not start with its Maven coordinates (a ```xml block before the first section)");
      }
      String coordinates = blocks.get(0).text();
      checkVersion(readme, coordinates, module, version);
      // The BOM manages the version: declare the module as a user importing it would.
      deps.append(coordinates.replaceAll("(?m)^\\s*<version>[^<]*</version>\\n", "").indent(4));
    }

    Map<Path, String> sources = new LinkedHashMap<>();
    List<String> runs = new ArrayList<>();
    List<Path> readmes;
    try (Stream<Path> s = Files.walk(root, 2)) {
      readmes = s.filter(p -> p.getFileName().toString().equals("README.md"))
          .filter(p -> !p.toString().contains("/target/")).sorted().toList();
    }
    for (Path readme : readmes) {
      String name = root.relativize(readme).toString();
      for (Block b : blocks(readme)) {
        if (b.marker() == null || !b.marker().startsWith("compiled")) continue;
        if (!b.lang().equals("java")) fail(name + ": a block marked <!-- " + b.marker() + " --> is not ```java");
        Matcher t = TYPE.matcher(b.text());
        if (!t.find()) fail(name + ": a compiled snippet declares no top-level class:\n" + b.text());
        Matcher p = PACKAGE.matcher(b.text());
        String pkg = p.find() ? p.group(1).replace('.', '/') + "/" : "";
        // Runnable snippets may use test-scoped artifacts (the testkit's fake server): they are
        // test code, run on the test class path.
        String dir = b.marker().equals("compiled") ? "src/main/java/" : "src/test/java/";
        Path file = app.resolve(dir + pkg + t.group(1) + ".java");
        if (sources.containsKey(file)) fail(name + ": " + t.group(1) + " is declared by another README snippet too");
        sources.put(file, b.text() + "\n");
        if (b.marker().equals("compiled: run")) runs.add((pkg + t.group(1)).replace('/', '.'));
        System.out.println("  " + name + " → " + app.relativize(file));
      }
    }
    if (sources.isEmpty()) fail("no README snippet is marked <!-- compiled -->");

    for (Map.Entry<Path, String> e : sources.entrySet()) {
      Files.createDirectories(e.getKey().getParent());
      Files.writeString(e.getKey(), e.getValue());
    }
    Files.writeString(app.resolve("run-mains.txt"), String.join("\n", runs) + (runs.isEmpty() ? "" : "\n"));
    Files.writeString(app.resolve("pom.xml"), """
        <?xml version="1.0" encoding="UTF-8"?>
        <project xmlns="http://maven.apache.org/POM/4.0.0">
          <modelVersion>4.0.0</modelVersion>
          <groupId>com.example</groupId>
          <artifactId>readme-app</artifactId>
          <version>1</version>
          <properties>
            <project.build.sourceEncoding>UTF-8</project.build.sourceEncoding>
            <maven.compiler.release>17</maven.compiler.release>
          </properties>
          <repositories>
            <repository>
              <id>restsdk-staging</id>
              <url>%s</url>
              <releases><checksumPolicy>ignore</checksumPolicy></releases>
              <snapshots><checksumPolicy>ignore</checksumPolicy></snapshots>
            </repository>
            <repository>
              <id>central</id>
              <url>%s</url>
              <releases><checksumPolicy>ignore</checksumPolicy></releases>
              <snapshots><enabled>false</enabled></snapshots>
            </repository>
            <repository>
              <!-- What the machine's repository lacks (a pom a user's resolution reads that
                   the reactor's did not), as a user's build would fetch it. -->
              <id>maven-central</id>
              <url>https://repo.maven.apache.org/maven2</url>
              <snapshots><enabled>false</enabled></snapshots>
            </repository>
          </repositories>
          <pluginRepositories>
            <pluginRepository>
              <id>central</id>
              <url>%s</url>
              <releases><checksumPolicy>ignore</checksumPolicy></releases>
              <snapshots><enabled>false</enabled></snapshots>
            </pluginRepository>
            <pluginRepository>
              <id>maven-central</id>
              <url>https://repo.maven.apache.org/maven2</url>
              <snapshots><enabled>false</enabled></snapshots>
            </pluginRepository>
          </pluginRepositories>
        %s
          <dependencies>
        %s  </dependencies>
          <build>
            <plugins>
              <plugin><artifactId>maven-resources-plugin</artifactId><version>3.3.1</version></plugin>
              <plugin><artifactId>maven-compiler-plugin</artifactId><version>3.14.0</version>
                <configuration><compilerArgs><arg>-Xlint:all,-processing,-serial</arg><arg>-Werror</arg></compilerArgs></configuration>
              </plugin>
              <plugin><groupId>org.codehaus.mojo</groupId><artifactId>exec-maven-plugin</artifactId><version>3.5.0</version></plugin>
            </plugins>
          </build>
        </project>
        """.formatted(staging, central, central, bom.indent(2), deps));
    System.out.println("  " + sources.size() + " snippets, " + PUBLISHED.size() + " modules' coordinates, restsdk-bom " + version);
  }

  static List<Block> blocks(Path readme) throws IOException {
    List<Block> out = new ArrayList<>();
    Matcher m = FENCE.matcher(Files.readString(readme));
    while (m.find()) out.add(new Block(m.group(1), m.group(2), m.group(3)));
    return out;
  }

  static void checkVersion(String readme, String xml, String artifactId, String version) {
    if (!xml.contains("<groupId>io.restsdk</groupId>") || !xml.contains("<artifactId>" + artifactId + "</artifactId>")) {
      fail(readme + ": its coordinates do not name io.restsdk:" + artifactId + ":\n" + xml);
    }
    if (!xml.contains("<version>" + version + "</version>")) {
      fail(readme + ": its coordinates do not say <version>" + version + "</version> (the build's version):\n" + xml);
    }
  }

  static void fail(String message) {
    System.err.println("README check: " + message);
    System.exit(1);
  }
}
