/**
 * Replicated per-node key-value state (chitchat's model, kept in sync by scuttlebutt anti-entropy) as a sans-IO core:
 * {@link io.plumtree.engine.state.ReplicatedState} takes {@link io.plumtree.engine.state.StateInput}s with the current
 * time and emits {@link io.plumtree.engine.state.StateOutput}s. No clock, thread, socket or lock here.
 */
package io.plumtree.engine.state;
