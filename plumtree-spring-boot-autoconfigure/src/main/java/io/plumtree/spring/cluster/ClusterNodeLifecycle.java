package io.plumtree.spring.cluster;

import io.plumtree.engine.ClusterNode;
import io.plumtree.engine.DeliveryListener;
import io.plumtree.engine.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Joins the cluster when the application starts and leaves it when the application stops.
 *
 * <p>Start hooks the application's listeners to the node and joins through the seeds without waiting: when no seed
 * answers within the join timeout, it tries again in the background until one does (the application starts either
 * way; the health contributor tells whether it is alone). Stop leaves gracefully, so the other members record this
 * node as left, not failed; it runs in a phase above the web server's graceful shutdown, so the cluster hears of the
 * departure before the server drains its requests.
 */
public final class ClusterNodeLifecycle implements SmartLifecycle {

    /** Stops before {@code WebServerGracefulShutdownLifecycle} (phase {@code DEFAULT_PHASE - 1024}). */
    public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 512;

    private static final Logger log = LoggerFactory.getLogger(ClusterNodeLifecycle.class);

    private final ClusterNode node;
    private final ClusterStatus status;
    private final List<DeliveryListener> deliveryListeners;
    private final List<MembershipListener> membershipListeners;
    private volatile boolean running;
    /** Join failures since the last success; the first is logged at WARN, the others at DEBUG. */
    private int joinFailures;

    /**
     * @param node                the node, already bound to its port
     * @param status              fed with the join outcome and the membership changes
     * @param deliveryListeners   added to the node on start, removed on stop
     * @param membershipListeners added to the node on start, removed on stop
     */
    public ClusterNodeLifecycle(ClusterNode node, ClusterStatus status, List<DeliveryListener> deliveryListeners,
                                List<MembershipListener> membershipListeners) {
        this.node = node;
        this.status = status;
        this.deliveryListeners = List.copyOf(deliveryListeners);
        this.membershipListeners = List.copyOf(membershipListeners);
    }

    @Override
    public void start() {
        if (running) {
            return;
        }
        running = true;
        node.addMembershipListener(status);
        membershipListeners.forEach(node::addMembershipListener);
        deliveryListeners.forEach(node::addDeliveryListener);
        status.started();
        join();
    }

    private void join() {
        if (!running) {
            return;
        }
        node.join().whenComplete((others, failure) -> {
            if (failure == null) {
                joinFailures = 0;
                status.joined();
                if (!node.config().seeds().isEmpty()) {
                    log.info("{} joined cluster '{}' through {}: {} other live member(s)", node.name(),
                            node.config().clusterName(), node.config().seeds(), others);
                }
                return;
            }
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            if (!running) {
                return;
            }
            status.joinFailed(cause.getMessage());
            if (joinFailures++ == 0) {
                log.warn("{} could not join cluster '{}' yet ({}); it runs alone and keeps trying in the background",
                        node.name(), node.config().clusterName(), cause.getMessage());
            } else {
                log.debug("{}: join attempt {} failed: {}", node.name(), joinFailures, cause.getMessage());
            }
            CompletableFuture.runAsync(this::join, CompletableFuture.delayedExecutor(
                    node.config().joinRetryInterval().toMillis(), TimeUnit.MILLISECONDS));
        });
    }

    @Override
    public void stop() {
        if (!running) {
            return;
        }
        running = false;
        Duration wait = node.config().leavePropagation().plusSeconds(5);
        try {
            node.leave().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            log.warn("{} could not announce that it leaves ({}); the others will declare it failed", node.name(),
                    e.toString());
        }
        deliveryListeners.forEach(node::removeDeliveryListener);
        membershipListeners.forEach(node::removeMembershipListener);
        node.removeMembershipListener(status);
        status.stopped();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
