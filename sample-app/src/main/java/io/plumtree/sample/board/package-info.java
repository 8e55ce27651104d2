/** The cluster-wide notice board: a notice published on one node is delivered to every node's listeners. */
package io.plumtree.sample.board;
