package io.restsdk.it.spring;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * The server under test: Spring Data REST over JPA (Hibernate) and H2 in memory, exposing
 * {@code /authors} and {@code /books} with Spring Boot's defaults. Started by
 * {@link SpringDataRestServer}.
 */
@SpringBootApplication
public class ItApplication {}
