package io.restsdk.it.spring;

import org.springframework.data.repository.CrudRepository;

/** Exported by Spring Data REST as {@code /books}. */
public interface BookRepository extends CrudRepository<Book, Long> {}
