package io.restsdk.core;

import static java.util.Objects.requireNonNull;

import io.restsdk.core.internal.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import org.jspecify.annotations.Nullable;

/**
 * The hypermedia links of a response, one type for both places servers put them: RFC 8288
 * {@code Link} headers and a HAL body's {@code _links}. Each link's {@code href} is absolute,
 * resolved against the URL the response came from.
 *
 * <p>Immutable and thread-safe. Relation names that are registered (no {@code :} or
 * {@code /}) are compared case-insensitively; extension relations (URIs) as they are. A
 * relation may have several links; {@link #get(String)} returns the first.
 *
 * <pre>{@code
 * Entity<Book> book = books.getEntity("42");
 * URI author = book.links().href("author").orElseThrow();
 * Optional<URI> next = page.links().href("next");
 * }</pre>
 */
public final class Links {
  private static final Links EMPTY = new Links(List.of());

  private final List<Link> links;

  private Links(List<Link> links) {
    this.links = links;
  }

  /** No links. */
  public static Links empty() {
    return EMPTY;
  }

  /**
   * Links from a list.
   *
   * @throws NullPointerException if {@code links} or one of them is null
   */
  public static Links of(List<Link> links) {
    List<Link> copy = List.copyOf(links);
    return copy.isEmpty() ? EMPTY : new Links(copy);
  }

  /** The first link of relation {@code rel}. */
  public Optional<Link> get(String rel) {
    requireNonNull(rel, "rel == null");
    String want = normalize(rel);
    for (Link l : links) if (l.rel().equals(want)) return Optional.of(l);
    return Optional.empty();
  }

  /** The URI of the first link of relation {@code rel}. */
  public Optional<URI> href(String rel) {
    return get(rel).map(Link::href);
  }

  /** Every link of relation {@code rel}, in order. */
  public List<Link> all(String rel) {
    requireNonNull(rel, "rel == null");
    String want = normalize(rel);
    List<Link> out = new ArrayList<>();
    for (Link l : links) if (l.rel().equals(want)) out.add(l);
    return Collections.unmodifiableList(out);
  }

  /** True when there is a link of relation {@code rel}. */
  public boolean has(String rel) {
    return get(rel).isPresent();
  }

  /** The relation names, in first-seen order. */
  public Set<String> rels() {
    Set<String> out = new LinkedHashSet<>();
    for (Link l : links) out.add(l.rel());
    return Collections.unmodifiableSet(out);
  }

  /** Every link, in order. */
  public List<Link> asList() {
    return links;
  }

  /** True when there are no links. */
  public boolean isEmpty() {
    return links.isEmpty();
  }

  /** These links followed by {@code more}'s (this one's come first for {@link #get}). */
  public Links and(Links more) {
    requireNonNull(more, "more == null");
    if (more.links.isEmpty()) return this;
    if (links.isEmpty()) return more;
    List<Link> all = new ArrayList<>(links);
    all.addAll(more.links);
    return new Links(Collections.unmodifiableList(all));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Links other && links.equals(other.links);
  }

  @Override
  public int hashCode() {
    return links.hashCode();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Links{");
    for (int i = 0; i < links.size(); i++) {
      if (i > 0) sb.append(", ");
      Link l = links.get(i);
      sb.append(l.rel()).append('=').append(io.restsdk.core.internal.UrlRedactor.redact(HttpUrl.get(l.href())));
    }
    return sb.append('}').toString();
  }

  // ------------------------------------------------------------------------ parsing

  /**
   * The links of every {@code Link} header (RFC 8288), resolved against {@code base}. A link
   * with several relations ({@code rel="next last"}) is one {@link Link} per relation. Parts
   * that do not parse, and targets that are not http(s) after resolving, are skipped: a broken
   * header never fails the call it came with.
   */
  static Links fromHeaders(Headers headers, HttpUrl base) {
    List<Link> out = null;
    for (int i = 0, n = headers.size(); i < n; i++) { // no list of values for the usual none
      if (!headers.name(i).equalsIgnoreCase("Link")) continue;
      if (out == null) out = new ArrayList<>();
      parseHeader(headers.value(i), base, out);
    }
    return out == null || out.isEmpty() ? EMPTY : new Links(Collections.unmodifiableList(out));
  }

  private static void parseHeader(String value, HttpUrl base, List<Link> out) {
    int i = 0;
    int n = value.length();
    while (i < n) {
      int open = value.indexOf('<', i);
      if (open < 0) return;
      int close = value.indexOf('>', open + 1);
      if (close < 0) return;
      String target = value.substring(open + 1, close).trim();
      i = close + 1;
      String rel = null;
      String title = null;
      String type = null;
      // Parameters up to the comma that ends this link value (commas inside quotes do not).
      while (i < n) {
        while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
        if (i >= n) break;
        char c = value.charAt(i);
        if (c == ',') {
          i++;
          break;
        }
        if (c != ';') { // garbage: skip to the next link value
          int comma = nextComma(value, i);
          i = comma < 0 ? n : comma + 1;
          break;
        }
        i++;
        while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
        int nameStart = i;
        while (i < n && value.charAt(i) != '=' && value.charAt(i) != ';'
            && value.charAt(i) != ',') i++;
        String name = value.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
        String paramValue = "";
        if (i < n && value.charAt(i) == '=') {
          i++;
          while (i < n && (value.charAt(i) == ' ' || value.charAt(i) == '\t')) i++;
          if (i < n && value.charAt(i) == '"') {
            StringBuilder sb = new StringBuilder();
            i++;
            while (i < n && value.charAt(i) != '"') {
              if (value.charAt(i) == '\\' && i + 1 < n) i++;
              sb.append(value.charAt(i++));
            }
            i++; // the closing quote (or past the end)
            paramValue = sb.toString();
          } else {
            int start = i;
            while (i < n && value.charAt(i) != ';' && value.charAt(i) != ',') i++;
            paramValue = value.substring(start, i).trim();
          }
        }
        // RFC 8288 §3: only the first occurrence of rel, title and type counts.
        if (name.equals("rel") && rel == null) rel = paramValue;
        else if (name.equals("title") && title == null) title = paramValue;
        else if (name.equals("type") && type == null) type = paramValue;
      }
      if (rel == null) continue;
      URI href = resolve(base, target);
      if (href == null) continue;
      for (String r : rel.trim().split("[ \t]+")) {
        if (!r.isEmpty()) out.add(new Link(normalize(r), href, false, title, type));
      }
    }
  }

  private static int nextComma(String value, int from) {
    boolean quoted = false;
    for (int i = from; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '"') quoted = !quoted;
      else if (c == ',' && !quoted) return i;
    }
    return -1;
  }

  /**
   * The links of a HAL {@code _links} object: each member is a relation whose value is a link
   * object or an array of them, each with an {@code href}. {@code curies} are skipped, as are
   * members that are not link objects and hrefs that do not resolve to http(s).
   */
  static Links fromHal(Json.@Nullable Node halLinks, HttpUrl base) {
    if (halLinks == null || !halLinks.isObject() || halLinks.members().isEmpty()) return EMPTY;
    return of(halLinks.members(), base, false);
  }

  /**
   * JSON:API links: each member is a relation whose value is a URL string or a link object
   * with {@code href}.
   */
  static Links fromJsonApi(Map<String, Json.Node> links, HttpUrl base) {
    return links.isEmpty() ? EMPTY : of(links, base, true);
  }

  private static Links of(Map<String, Json.Node> members, HttpUrl base, boolean strings) {
    List<Link> out = new ArrayList<>();
    for (Map.Entry<String, Json.Node> e : members.entrySet()) {
      String rel = e.getKey();
      if (rel.isBlank() || rel.equals("curies")) continue;
      Json.Node v = e.getValue();
      if (v.isArray()) {
        for (Json.Node one : v.items()) halLink(normalize(rel), one, base, out);
      } else if (v.isString() && strings) {
        URI uri = resolve(base, v.text());
        if (uri != null) out.add(new Link(normalize(rel), uri, false, null, null));
      } else {
        halLink(normalize(rel), v, base, out);
      }
    }
    return out.isEmpty() ? EMPTY : new Links(Collections.unmodifiableList(out));
  }

  private static void halLink(String rel, Json.Node link, HttpUrl base, List<Link> out) {
    if (!link.isObject()) return;
    Json.Node hrefNode = link.get("href");
    if (hrefNode == null || !hrefNode.isString()) return;
    Json.Node t = link.get("templated");
    boolean templated = t != null && (t.kind() == Json.Kind.TRUE
        || (t.isString() && t.text().trim().equals("true"))
        || (t.isNumber() && t.decimal().signum() != 0));
    String href = hrefNode.text();
    if (templated) href = href.replaceAll("\\{[^}]*}", "");
    URI uri = resolve(base, href);
    if (uri == null) return;
    out.add(new Link(rel, uri, templated, text(link.get("title")), text(link.get("type"))));
  }

  private static @Nullable String text(Json.@Nullable Node n) {
    return n != null && n.isString() ? n.text() : null;
  }

  private static @Nullable URI resolve(HttpUrl base, String target) {
    HttpUrl url = base.resolve(target);
    return url == null ? null : url.uri();
  }

  /** Registered relation names compare case-insensitively (RFC 8288 §2.1.1). */
  private static String normalize(String rel) {
    String r = rel.trim();
    if (r.indexOf(':') >= 0 || r.indexOf('/') >= 0) return r;
    return r.toLowerCase(Locale.ROOT);
  }
}
