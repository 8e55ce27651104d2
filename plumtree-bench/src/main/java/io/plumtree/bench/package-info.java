/**
 * The real-socket benchmark behind {@code bin/plumtree-bench}: a coordinator ({@link io.plumtree.bench.BenchMain})
 * starts one JVM per node on 127.0.0.1, drives them over their standard input and output, and prints one JSON line.
 * Implementations compared: plumtree ({@code ClusterNode}), JGroups 5.5.7.Final (its {@code tcp.xml} stack) and a raw
 * NIO relay along a fixed tree (the transport ceiling).
 */
package io.plumtree.bench;
