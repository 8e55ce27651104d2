/**
 * Plumtree epidemic broadcast trees (Leitao, Pereira, Rodrigues, SRDS 2007) as a sans-IO core: {@link
 * io.plumtree.engine.broadcast.Plumtree} takes {@link io.plumtree.engine.broadcast.PlumtreeInput}s with the current
 * time and emits {@link io.plumtree.engine.broadcast.PlumtreeOutput}s. No clock, thread, socket or lock here.
 */
package io.plumtree.engine.broadcast;
