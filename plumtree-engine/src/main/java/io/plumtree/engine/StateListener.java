package io.plumtree.engine;

/**
 * Receives changes of replicated-state keys under a prefix, on the node's delivery executor, in the order the node saw
 * them. An exception thrown here is logged and does not stop later changes.
 */
@FunctionalInterface
public interface StateListener {

    /** One change. */
    void onStateChange(StateChange change);
}
