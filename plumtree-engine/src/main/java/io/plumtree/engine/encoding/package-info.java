/**
 * Encoding facts the protocol cores share for their size accounting (no I/O, no state), below the cores and the wire
 * codecs alike.
 */
package io.plumtree.engine.encoding;
