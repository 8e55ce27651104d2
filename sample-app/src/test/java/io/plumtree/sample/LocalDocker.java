package io.plumtree.sample;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

/**
 * The Docker daemon the container test runs its containers on, found the way Testcontainers finds it
 * ({@code DOCKER_HOST}, else {@code /var/run/docker.sock}). In CI ({@code CI=true}) a missing daemon fails the test
 * ({@code .ci/run} installs and starts one); elsewhere the test is skipped, saying why.
 */
final class LocalDocker {

    private LocalDocker() {
    }

    /** Returns when a Docker daemon answers; fails in CI, or skips the test elsewhere, when none does. */
    static void require() {
        if (DockerClientFactory.instance().isDockerAvailable()) {
            return;
        }
        String missing = "the container test needs a running Docker daemon (DOCKER_HOST or /var/run/docker.sock)";
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            try {
                DockerClientFactory.instance().client();
            } catch (RuntimeException e) {
                Assertions.fail(missing + "; CI=true, so the container test must run, not skip", e);
            }
            Assertions.fail(missing + "; CI=true, so the container test must run, not skip");
        }
        // JUnit reports a class aborted before its first test as no test at all: say it in the build's output too.
        LoggerFactory.getLogger(LocalDocker.class).warn("skipping the container test: {}", missing);
        Assumptions.abort("skipping the container test: " + missing);
    }
}
