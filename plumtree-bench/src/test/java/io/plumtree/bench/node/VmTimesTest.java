package io.plumtree.bench.node;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class VmTimesTest {

    @Test
    void aReplyReadsBackAndTheWindowIsTheDifference() {
        VmTimes start = VmTimes.parse(new VmTimes(1200, 35).toReply());
        assertThat(start).isEqualTo(new VmTimes(1200, 35));
        assertThat(new VmTimes(1950, 80).since(start)).isEqualTo(new VmTimes(750, 45));
        assertThat(new VmTimes(-1, 80).since(start).compilationMillis()).as("not reported").isEqualTo(-1);
    }

    @Test
    void aMalformedReplyIsRefused() {
        assertThatThrownBy(() -> VmTimes.parse("12")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> VmTimes.parse("12 x")).isInstanceOf(NumberFormatException.class);
    }

    @Test
    void thisJvmHasCompiledSomethingBeforeTheTestsRan() {
        VmTimes now = VmTimes.now();
        assertThat(now.compilationMillis()).as("HotSpot reports compilation time").isPositive();
        assertThat(now.gcMillis()).isNotNegative();
    }
}
