/**
 * The cluster node inside a Spring application: its lifecycle (join on start, leave on stop), its status, membership
 * changes as application events, and member metadata as key-value pairs.
 */
package io.plumtree.spring.cluster;
