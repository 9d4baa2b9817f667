package scenario;

import com.acme.books.Book;
import com.acme.books.BooksApi;
import com.acme.loose.LooseApi;
import com.acme.loose.LooseBook;
import io.restsdk.core.ApiException;
import io.restsdk.core.ApiResponse;
import io.restsdk.core.BodyCodec;
import io.restsdk.core.Entity;
import io.restsdk.core.RestClient;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * An application using the generated books client: compiled and run by GeneratedClientCodecsTest
 * in a class loader that holds one Jackson only. In: baseUrl, token, emma (the id of a book on
 * the server), async (Boolean), codec (a BodyCodec, or null for the default). Out: what it saw.
 */
public final class Scenario implements Function<Map<String, Object>, List<String>> {

  @Override
  public List<String> apply(Map<String, Object> in) {
    boolean async = (Boolean) in.get("async");
    RestClient.Builder builder = RestClient.builder().baseUrl((String) in.get("baseUrl"))
        .bearerToken((String) in.get("token"));
    if (in.get("codec") != null) {
      builder.codec((BodyCodec) in.get("codec"));
    }
    String emma = (String) in.get("emma");
    List<String> out = new ArrayList<>();
    RestClient client = builder.build();
    try {
      BooksApi books = new BooksApi(client);
      Book dune = new Book(null, "Dune", "Herbert", 1965);
      Entity<Book> made = async ? books.createBookAsync(dune).join() : books.createBook(dune);
      out.add("created " + made.body().title() + " " + made.body().year() + ", id " + (made.id() != null));
      Book first = async ? books.getBookAsync(emma, null).join() : books.getBook(emma, null);
      Book again = async ? books.getBookAsync(emma, null).join() : books.getBook(emma, null);
      out.add("read " + first.title() + " by " + first.author() + " twice, equal " + first.equals(again));
      List<String> titles = Collections.synchronizedList(new ArrayList<>());
      if (async) {
        books.listBooksForEachAsync(null, 2, null, b -> titles.add(b.title())).join();
      } else {
        books.listBooksStream(null, 2, null).forEach(b -> titles.add(b.title()));
      }
      out.add("listed " + titles);
      if (async) {
        books.deleteBookAsync(made.id()).join();
      } else {
        books.deleteBook(made.id());
      }
      try {
        books.getBook(made.id(), null);
        out.add("deleted, yet still there");
      } catch (ApiException.NotFound e) {
        out.add("deleted, then " + e.status());
      }

      LooseApi loose = new LooseApi(client);
      Map<String, Object> author = new LinkedHashMap<>();
      author.put("name", "Austen");
      author.put("born", 1775);
      LooseBook emma2 = new LooseBook(null, "Emma 2", author, List.of(1, "two", true), 2);
      Entity<LooseBook> created = async ? loose.createLooseBookAsync(emma2).join()
          : loose.createLooseBook(emma2);
      LooseBook back = created.body();
      out.add("loose created: author " + describe(back.author()) + ", notes " + describe(back.notes())
          + ", edition " + describe(back.edition()));
      ApiResponse<Object> raw = async ? loose.getLooseBookAsync(created.id()).join()
          : loose.getLooseBook(created.id());
      Object body = raw instanceof ApiResponse.Ok<Object> ok ? ok.body() : null;
      out.add("loose read " + raw.status() + ": " + (body instanceof Map<?, ?> m
          ? "author " + describe(m.get("author")) + ", edition " + describe(m.get("edition"))
          : describe(body)));
      out.add("loose id " + created.id());
    } finally {
      client.close();
    }
    return out;
  }

  /** The value with the Java type of each part, e.g. {@code {name=String Austen}}. */
  static String describe(@Nullable Object value) {
    if (value instanceof Map<?, ?> m) {
      return m.entrySet().stream().map(e -> e.getKey() + "=" + describe(e.getValue()))
          .collect(Collectors.joining(", ", "{", "}"));
    }
    if (value instanceof List<?> l) {
      return l.stream().map(Scenario::describe).collect(Collectors.joining(", ", "[", "]"));
    }
    return value == null ? "null" : value.getClass().getSimpleName() + " " + value;
  }
}
