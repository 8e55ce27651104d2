package io.plumtree.spring.event;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances may be published to the cluster and instantiated when they arrive. Types in the
 * application's packages (those of its {@code @SpringBootApplication}) and in {@code plumtree.events.allowed-packages}
 * are found at startup.
 *
 * <pre>{@code
 * @ClusterEvent("order-placed")
 * public record OrderPlaced(String orderId, long cents) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface ClusterEvent {

    /**
     * The logical type name carried on the wire; empty for the class's name. A logical name lets the class be
     * renamed or moved without breaking members that run the previous version.
     */
    String value() default "";
}
