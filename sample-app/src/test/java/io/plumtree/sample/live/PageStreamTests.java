package io.plumtree.sample.live;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PageStreamTests {

    @Test
    void opensNoMoreStreamsThanItsCapacity() {
        PageStream pages = new PageStream(2);
        pages.start();
        assertThat(pages.open()).isPresent();
        assertThat(pages.open()).isPresent();
        assertThat(pages.open()).isEmpty();
        assertThat(pages.size()).isEqualTo(2);
    }

    @Test
    void opensNoStreamBeforeTheApplicationStartsOrAfterItStops() {
        PageStream pages = new PageStream(2);
        assertThat(pages.open()).isEmpty();
        pages.start();
        assertThat(pages.open()).isPresent();
        pages.stop();
        assertThat(pages.size()).isZero();
        assertThat(pages.open()).isEmpty();
    }

    @Test
    void aStreamThatFailsToSendIsClosedAndFreesItsPlace() {
        PageStream pages = new PageStream(1);
        pages.start();
        var emitter = pages.open().orElseThrow();
        emitter.complete();
        pages.send(PageStream.MESSAGE, "after the page went away");
        assertThat(pages.size()).isZero();
        assertThat(pages.open()).isPresent();
    }
}
