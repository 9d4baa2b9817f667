package io.restsdk.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.ref.WeakReference;
import java.util.Iterator;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Walking a large collection holds the current page only: pages are fetched when the items
 * before them are used up, and items already consumed can be collected.
 */
class PageMemoryTest extends ClientTest {
  private static final int PAGES = 100;
  private static final int SIZE = 100;
  private final AtomicInteger served = new AtomicInteger();

  @BeforeEach
  void pagesOnDemand() {
    server.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        served.incrementAndGet();
        String p = request.getUrl().queryParameter("page");
        int n = p == null ? 0 : Integer.parseInt(p);
        StringBuilder body = new StringBuilder("[");
        for (int i = 0; i < SIZE; i++) {
          if (i > 0) body.append(',');
          body.append("{\"title\":\"t").append(n * SIZE + i).append("\",\"author\":\"a\"}");
        }
        MockResponse.Builder b = new MockResponse.Builder().code(200)
            .addHeader("Content-Type", "application/json").body(body.append(']').toString());
        if (n + 1 < PAGES) b.addHeader("Link", "<books?page=" + (n + 1) + ">; rel=\"next\"");
        return b.build();
      }
    });
  }

  @Test
  void tenThousandItemsAreFetchedPageByPageAsTheyAreConsumedAndConsumedOnesAreCollectable() {
    Iterator<Book> it = client.resource("books", Book.class).iterate(Query.of()).iterator();
    WeakReference<Book> first = null;
    for (int i = 0; i < PAGES * SIZE; i++) {
      Book b = it.next();
      assertEquals("t" + i, b.title());
      assertEquals(i / SIZE + 1, served.get(), "page " + (i / SIZE) + " fetched when needed");
      if (i == 0) first = new WeakReference<>(b);
      if (i == 2 * SIZE + 50) {
        b = null;
        assertCollected(first);
      }
    }
    assertFalse(it.hasNext());
    assertEquals(PAGES, served.get());
  }

  @Test
  void aStreamCutShortFetchesNoMorePagesThanItUsed() {
    assertEquals(SIZE + 1, client.resource("books", Book.class).stream().limit(SIZE + 1).count());
    assertEquals(2, served.get());
  }

  /** Asks for collections a bounded number of times; an item still held is never collected. */
  private static void assertCollected(WeakReference<?> ref) {
    for (int i = 0; i < 50 && ref.get() != null; i++) System.gc();
    assertNull(ref.get(), "an item of a page consumed long ago is still held");
  }
}
