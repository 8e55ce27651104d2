package com.example.orders;

import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The application class around the README's example (not shown there: every Spring Boot application has one). */
@SpringBootApplication
public class ReadmeApplication {
}
