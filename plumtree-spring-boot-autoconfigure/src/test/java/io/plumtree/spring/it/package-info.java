/** Three Spring Boot applications in one JVM forming a cluster over loopback. */
package io.plumtree.spring.it;
