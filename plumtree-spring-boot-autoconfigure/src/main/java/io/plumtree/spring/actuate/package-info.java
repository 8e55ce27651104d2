/** Actuator support: the {@code plumtree} endpoint and health contributor. */
package io.plumtree.spring.actuate;
