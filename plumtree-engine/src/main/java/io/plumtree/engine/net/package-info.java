/**
 * The NIO driver of a node: one event-loop thread per node over a selector (UDP, TCP server and connections, timers),
 * driving the sans-IO node core unchanged. Used through {@link io.plumtree.engine.ClusterNode}; see
 * {@code docs/runtime.md}.
 */
package io.plumtree.engine.net;
