/**
 * The plumtree sample application: a notice board ({@link io.plumtree.sample.board}), a cache invalidated on every
 * node ({@link io.plumtree.sample.cache}) and the live page's feed ({@link io.plumtree.sample.live}).
 */
package io.plumtree.sample;
