package io.restsdk.it.spring;

import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Version;

/**
 * A JPA entity of the server: a {@code @ManyToOne} author (a foreign key, so deleting a
 * referenced author fails), a counter for contention tests, and {@code @Version}.
 */
@Entity
public class Book {
  @Id @GeneratedValue private Long id;
  private String title;
  @ManyToOne private Author author;
  private long counter;
  @Version private Long version;

  public Long getId() {
    return id;
  }

  public String getTitle() {
    return title;
  }

  public void setTitle(String title) {
    this.title = title;
  }

  public Author getAuthor() {
    return author;
  }

  public void setAuthor(Author author) {
    this.author = author;
  }

  public long getCounter() {
    return counter;
  }

  public void setCounter(long counter) {
    this.counter = counter;
  }

  public Long getVersion() {
    return version;
  }
}
