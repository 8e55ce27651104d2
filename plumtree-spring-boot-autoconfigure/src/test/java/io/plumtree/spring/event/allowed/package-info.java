/** Test classes in an allowed package. */
package io.plumtree.spring.event.allowed;
