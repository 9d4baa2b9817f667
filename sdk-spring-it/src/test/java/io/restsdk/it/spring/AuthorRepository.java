package io.restsdk.it.spring;

import org.springframework.data.repository.CrudRepository;

/** Exported by Spring Data REST as {@code /authors}. */
public interface AuthorRepository extends CrudRepository<Author, Long> {}
