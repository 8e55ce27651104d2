/**
 * Application events in and out of the cluster: {@link io.plumtree.spring.event.ClusterPublisher} sends them as JSON
 * envelopes, {@link io.plumtree.spring.event.ClusterEventReceiver} turns deliveries back into instances of allowed
 * types ({@link io.plumtree.spring.event.ClusterEvent}) or into
 * {@link io.plumtree.spring.event.UnknownClusterEvent}s.
 */
package io.plumtree.spring.event;
