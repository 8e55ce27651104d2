/**
 * The replicated key-value state in Spring: the {@link io.plumtree.spring.state.ClusterState} bean and
 * {@link io.plumtree.spring.state.ClusterStateChangedEvent}s.
 */
package io.plumtree.spring.state;
