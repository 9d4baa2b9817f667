package io.restsdk.it.spring;

import org.springframework.data.jpa.repository.JpaRepository;

/** Exported by Spring Data REST as {@code /books}, paged ({@code ?page=&size=}) like most applications. */
public interface BookRepository extends JpaRepository<Book, Long> {}
