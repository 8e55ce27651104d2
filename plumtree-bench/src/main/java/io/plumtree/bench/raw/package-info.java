/**
 * The transport ceiling: a minimal NIO relay pushing length-prefixed frames down a fixed tree, with no membership,
 * no ids, no repair; only what any broadcast over TCP on this machine must pay.
 */
package io.plumtree.bench.raw;
