package io.plumtree.spring.cluster;

import io.plumtree.engine.MembershipEvent;
import io.plumtree.engine.MembershipListener;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Publishes every membership change of the node to the application context as a {@link ClusterMembershipEvent}. A
 * listener that throws is logged; the next change is still published.
 */
public final class MembershipEventPublisher implements MembershipListener {

    private static final Logger log = LoggerFactory.getLogger(MembershipEventPublisher.class);

    private final ApplicationEventPublisher publisher;

    /** @param publisher the application context */
    public MembershipEventPublisher(ApplicationEventPublisher publisher) {
        this.publisher = publisher;
    }

    @Override
    public void onMembershipEvent(MembershipEvent event) {
        ClusterMembershipEvent change = ClusterMembershipEvent.of(event);
        try {
            publisher.publishEvent(change);
        } catch (RuntimeException e) {
            log.warn("A listener of {} failed; later membership events are still published", change, e);
        }
    }
}
