package io.restsdk.it.spring;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.Id;
import jakarta.persistence.Version;

/** A JPA entity of the server: a unique email, and {@code @Version} so it has an ETag. */
@Entity
public class Author {
  @Id @GeneratedValue private Long id;
  private String name;

  @Column(unique = true, nullable = false)
  private String email;

  @Version private Long version;

  public Long getId() {
    return id;
  }

  public String getName() {
    return name;
  }

  public void setName(String name) {
    this.name = name;
  }

  public String getEmail() {
    return email;
  }

  public void setEmail(String email) {
    this.email = email;
  }

  public Long getVersion() {
    return version;
  }
}
