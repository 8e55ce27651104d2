/**
 * Spring Boot auto-configuration of plumtree: one class per concern (the node, events, the Actuator endpoint, the
 * health contributor, Micrometer meters), bound from {@link io.plumtree.spring.autoconfigure.PlumtreeProperties}.
 */
package io.plumtree.spring.autoconfigure;
