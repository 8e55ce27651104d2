/**
 * SWIM membership with HashiCorp's Lifeguard extensions (local health awareness, dynamic suspicion timeouts, the
 * buddy system), following the semantics of HashiCorp memberlist, as a sans-IO core: {@link
 * io.plumtree.engine.membership.Swim} takes {@link io.plumtree.engine.membership.SwimInput}s with the current time and
 * emits {@link io.plumtree.engine.membership.SwimOutput}s. No clock, thread, socket or lock here.
 */
package io.plumtree.engine.membership;
