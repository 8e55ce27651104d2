/** Micrometer meters {@code plumtree.*}. */
package io.plumtree.spring.metrics;
