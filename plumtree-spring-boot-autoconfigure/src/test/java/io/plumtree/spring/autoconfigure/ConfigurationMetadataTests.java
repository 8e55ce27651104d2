package io.plumtree.spring.autoconfigure;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/** The configuration processor's metadata, which IDEs complete {@code application.yml} from, documents everything. */
class ConfigurationMetadataTests {

    private static JsonNode metadata() throws Exception {
        try (InputStream in = ConfigurationMetadataTests.class.getResourceAsStream(
                "/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            return JsonMapper.shared().readTree(in);
        }
    }

    @Test
    void everyPropertyHasADescription() throws Exception {
        List<JsonNode> properties = StreamSupport.stream(metadata().get("properties").spliterator(), false)
                .filter(p -> p.get("name").stringValue().startsWith("plumtree.")).toList();
        assertThat(properties).hasSizeGreaterThan(70);
        assertThat(properties).allSatisfy(p -> assertThat(p.get("description"))
                .as(p.get("name").stringValue()).isNotNull());
        assertThat(properties).extracting(p -> p.get("name").stringValue()).contains("plumtree.enabled",
                "plumtree.node-name", "plumtree.cluster-name", "plumtree.seeds", "plumtree.preset",
                "plumtree.membership.probe-interval", "plumtree.broadcast.eager-fanout",
                "plumtree.wire.max-frame-bytes", "plumtree.events.allowed-packages",
                "plumtree.health.isolation-timeout", "plumtree.delivery.executor", "plumtree.queue.max-bytes");
    }

    @Test
    void theReferenceInTheDocsListsEveryProperty() throws Exception {
        String docs = Files.readString(Path.of("../docs/spring.md"), StandardCharsets.UTF_8);
        assertThat(StreamSupport.stream(metadata().get("properties").spliterator(), false)
                .map(p -> p.get("name").stringValue()).filter(n -> n.startsWith("plumtree.")))
                .allSatisfy(name -> assertThat(docs).contains("| `" + name + "` |"));
    }

    @Test
    void thePresetNamesItsValues() throws Exception {
        JsonNode hint = StreamSupport.stream(metadata().get("hints").spliterator(), false)
                .filter(h -> h.get("name").stringValue().equals("plumtree.preset")).findFirst().orElseThrow();
        assertThat(StreamSupport.stream(hint.get("values").spliterator(), false)
                .map(v -> v.get("value").stringValue())).containsExactly("lan", "wan", "local", "large-cluster");
    }
}
