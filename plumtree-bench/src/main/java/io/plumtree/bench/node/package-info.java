/**
 * What runs in each node JVM: {@link io.plumtree.bench.node.NodeMain} reads the coordinator's commands on standard
 * input and answers on standard output, one line each, around one {@link io.plumtree.bench.node.BenchNode}.
 */
package io.plumtree.bench.node;
