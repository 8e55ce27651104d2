package io.plumtree.engine.wire;

import java.util.HexFormat;
import java.util.Map;

/** Properties every decoder fuzz target checks, whatever it decodes. */
final class FuzzChecks {

    /** Cluster label of every codec the fuzz targets build (and of their seed inputs). */
    static final String LABEL = "fuzz";
    /**
     * How long the build fuzzes each target ({@code @FuzzTest(maxDuration)}); {@code bin/plumtree-fuzz} overrides it
     * for long campaigns.
     */
    static final String BUILD_DURATION = "5s";

    private FuzzChecks() {
    }

    /**
     * Checks that a decoder counted exactly what it answered: nothing when it decoded, and only {@code reason} when
     * it dropped (once per decode; {@link AllocationBudget#check} may decode twice).
     */
    static void countedAsAnswered(Map<DropReason, Long> before, DropCounters after, Decoded<?> decoded, byte[] input) {
        for (DropReason r : DropReason.values()) {
            long added = after.get(r) - before.get(r);
            boolean expected = decoded instanceof Decoded.Dropped<?> d && d.reason() == r;
            if (expected ? added < 1 : added != 0) {
                throw new AssertionError("answered " + decoded + " but counted " + added + " drops as " + r + ": "
                        + HexFormat.of().formatHex(input));
            }
        }
    }

    /** Fails with the input in hex when {@code condition} is false. */
    static void require(boolean condition, String what, byte[] input) {
        if (!condition) {
            throw new AssertionError(what + ": " + HexFormat.of().formatHex(input));
        }
    }
}
