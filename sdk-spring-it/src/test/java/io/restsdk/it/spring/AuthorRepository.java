package io.restsdk.it.spring;

import org.springframework.data.jpa.repository.JpaRepository;

/** Exported by Spring Data REST as {@code /authors}, paged ({@code ?page=&size=}) like most applications. */
public interface AuthorRepository extends JpaRepository<Author, Long> {}
