package io.plumtree.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The plumtree sample: every instance is a member of one cluster, with a notice board every member shows, a cache on
 * every member that a single invalidation clears everywhere, and a live page ({@code /}) of the members, this node's
 * broadcast peers and the messages it delivered. It uses only what the starter offers an application:
 * {@code ClusterPublisher}, {@code @EventListener}, {@code application.yml} and Actuator.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SampleApplication {

    /** Runs one node; see {@code application.yml} for its defaults and {@code bin/plumtree-demo} for three. */
    public static void main(String[] args) {
        SpringApplication.run(SampleApplication.class, args);
    }
}
