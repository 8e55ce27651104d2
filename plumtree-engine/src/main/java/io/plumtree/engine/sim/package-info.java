/**
 * The deterministic simulator: many protocol cores in one thread on virtual time over a modelled network (latency,
 * loss, partitions, crashes, pauses), and the scenarios behind {@code bin/plumtree-sim}.
 */
package io.plumtree.engine.sim;
