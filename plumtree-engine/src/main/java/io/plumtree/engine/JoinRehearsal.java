package io.plumtree.engine;

import io.plumtree.engine.sim.MembershipResult;
import io.plumtree.engine.sim.MembershipScenario;
import io.plumtree.engine.sim.MembershipSettings;
import io.plumtree.engine.sim.NetworkOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Rehearses a join once per JVM, in memory, on a background thread ({@link ClusterConfig#joinRehearsal()}): three
 * simulated nodes start, join, probe and gossip for ten virtual seconds through the real node cores and the real wire
 * codecs (the simulator's {@link MembershipScenario}). No socket is opened.
 *
 * <p>Why: on a cold JVM a node's first join loaded, verified and first ran interpreted the classes of every step it
 * took (handing the join to the loop, the push-pull, merging the answer, the member events), and the seed did the
 * same for the answers every joiner waited on. On the benchmark machine that was most of a 20-node cluster's time to
 * converge; with those classes already in a class data-sharing archive the same join converged in 0.45–0.50 s instead
 * of 0.8–1.1 s (docs/runtime.md). Started with the node, the rehearsal runs while the application finishes starting
 * (Spring joins at the end of the context refresh), so the classes are ready when it joins; about 70 ms of CPU.
 */
final class JoinRehearsal {

    private static final Logger log = LoggerFactory.getLogger(JoinRehearsal.class);

    /** Whether this JVM has started its rehearsal. */
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    /** The rehearsal: three nodes, ten virtual seconds and a half (the scenario's traffic window ends at 10 s). */
    private static final MembershipSettings SETTINGS =
            new MembershipSettings(3, "lan", 10.5, 0, 10, NetworkOptions.lan(), 0, true, 0, "", 1);

    private JoinRehearsal() {
    }

    /** Starts the rehearsal on a daemon thread, unless one was started before in this JVM. */
    static void startOnce() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(JoinRehearsal::runLogged, "plumtree-join-rehearsal");
        t.setDaemon(true);
        t.start();
    }

    private static void runLogged() {
        long start = System.nanoTime();
        try {
            MembershipResult r = rehearse();
            log.debug("join rehearsal done in {} ms (simulated join converged after {} s)",
                    (System.nanoTime() - start) / 1_000_000, r.joinConvergenceS());
        } catch (RuntimeException | LinkageError e) {
            log.debug("join rehearsal failed; the first join will load its classes itself", e);
        }
    }

    /** Runs the rehearsal on the calling thread. */
    static MembershipResult rehearse() {
        return new MembershipScenario(SETTINGS, progress -> { }).run();
    }
}
