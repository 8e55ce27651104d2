/**
 * The node core: membership and broadcast wired together, still sans-IO. Drivers (the simulator, later the NIO
 * runtime) feed it datagrams, stream frames, timers and commands, and carry out its outputs.
 */
package io.plumtree.engine.node;
