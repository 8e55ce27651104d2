/** The JGroups node under test: a {@code JChannel} on JGroups' own {@code tcp.xml} stack. */
package io.plumtree.bench.jgroups;
