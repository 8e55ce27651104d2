package io.plumtree.spring.it;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A Spring Boot application as a user writes one: web, Actuator and the starter's auto-configuration. */
@SpringBootApplication
public class OrdersApplication {
}
