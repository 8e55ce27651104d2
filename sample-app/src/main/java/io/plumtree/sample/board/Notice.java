package io.plumtree.sample.board;

import io.plumtree.spring.event.ClusterEvent;

/**
 * A notice for the cluster-wide board: published on one node, shown by every node's page.
 *
 * @param author who wrote it
 * @param text   what it says
 */
@ClusterEvent("notice")
public record Notice(String author, String text) {

    /** Longest text accepted. */
    public static final int MAX_TEXT = 500;
    /** Longest author accepted. */
    public static final int MAX_AUTHOR = 40;
}
