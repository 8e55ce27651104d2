/**
 * The public Java API of the plumtree engine: {@code ClusterNode} runs a member of a cluster on real sockets,
 * configured by {@code ClusterConfig}; the records it hands out and the identifiers every layer shares.
 */
package io.plumtree.engine;
