package io.plumtree.spring.event;

import io.plumtree.spring.event.allowed.Shipped;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventTypesTests {

    private final RecordingClassLoader loader = new RecordingClassLoader(getClass().getClassLoader());
    private final EventTypes types = new EventTypes(List.of(OrderPlaced.class, PriceChanged.class),
            List.of("io.plumtree.spring.event.allowed"), loader);

    @Test
    void annotatedTypesTravelUnderTheirLogicalNameOrClassName() {
        assertThat(types.nameOf(OrderPlaced.class)).isEqualTo("order-placed");
        assertThat(types.nameOf(PriceChanged.class)).isEqualTo(PriceChanged.class.getName());
        assertThat(types.resolve("order-placed")).contains(OrderPlaced.class);
        assertThat(types.resolve(PriceChanged.class.getName())).contains(PriceChanged.class);
    }

    @Test
    void classesOfAllowedPackagesNeedNoAnnotation() {
        assertThat(types.nameOf(Shipped.class)).isEqualTo(Shipped.class.getName());
        assertThat(types.resolve(Shipped.class.getName())).contains(Shipped.class);
    }

    @Test
    void aTypeThatIsNotAllowedCannotBePublished() {
        assertThatThrownBy(() -> types.nameOf(String.class))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("java.lang.String is not an allowed cluster event type")
                .hasMessageContaining("@io.plumtree.spring.event.ClusterEvent")
                .hasMessageContaining("plumtree.events.allowed-packages [io.plumtree.spring.event.allowed]");
    }

    @Test
    void aNameFromTheNetworkOutsideTheAllowedPackagesIsNeverLoaded() {
        assertThat(types.resolve("java.lang.Runtime")).isEmpty();
        assertThat(types.resolve("io.plumtree.spring.event.PriceChangedX")).isEmpty();
        assertThat(types.whyUnknown("java.lang.Runtime")).contains("neither a @ClusterEvent type");
        assertThat(loader.asked).isEmpty();
        assertThat(types.resolve(Shipped.class.getName())).isPresent();
        assertThat(loader.asked).containsExactly(Shipped.class.getName());
    }

    @Test
    void anAnnotatedClassIsNotReachableByItsClassNameWhenItHasALogicalName() {
        EventTypes wide = new EventTypes(List.of(), List.of("io.plumtree.spring.event"), getClass().getClassLoader());
        assertThat(wide.resolve(OrderPlaced.class.getName())).isEmpty();
    }

    @Test
    void aMissingClassInAnAllowedPackageIsUnknownWithAReason() {
        String name = "io.plumtree.spring.event.allowed.FromANewerVersion";
        assertThat(types.resolve(name)).isEmpty();
        assertThat(types.whyUnknown(name)).contains("no class named " + name);
    }

    @Test
    void aPackagePrefixDoesNotAllowASiblingPackage() {
        assertThat(types.resolve("io.plumtree.spring.event.allowedX.Thing")).isEmpty();
        assertThat(types.resolve("io.plumtree.spring.event.allowed.")).isEmpty();
    }

    @Test
    void twoTypesCannotShareALogicalName() {
        assertThatThrownBy(() -> new EventTypes(List.of(OrderPlaced.class, Clash.class), List.of(),
                getClass().getClassLoader())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("both use the name 'order-placed'");
    }

    @ClusterEvent("order-placed")
    record Clash(String x) {
    }

    /** Records every class name it is asked for. */
    static final class RecordingClassLoader extends ClassLoader {

        final Set<String> asked = ConcurrentHashMap.newKeySet();

        RecordingClassLoader(ClassLoader parent) {
            super(parent);
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            asked.add(name);
            return super.loadClass(name, resolve);
        }
    }
}
