/**
 * The live page's feed: the bounded message log, the server-sent event streams of the open pages, and the view of
 * the cluster read from the {@code plumtree} Actuator endpoint.
 */
package io.plumtree.sample.live;
