package io.plumtree.sample;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One node on the embedded {@code application.yml} (only its ports moved to free ones): it runs alone, serves the page
 * and streams its view of the cluster.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"plumtree.port=0", "plumtree.node-name=alone"})
class SingleNodeTests {

    private final HttpClient http = HttpClient.newHttpClient();

    @LocalServerPort
    private int port;

    @Autowired
    private Environment environment;

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10));
    }

    @Test
    void theEmbeddedDefaultsAreTheDocumentedOnes() {
        assertThat(environment.getProperty("spring.application.name")).isEqualTo("plumtree-sample");
        assertThat(environment.getProperty("plumtree.preset")).isEqualTo("local");
        assertThat(environment.getProperty("plumtree.seeds")).isNull();
        assertThat(environment.getProperty("management.endpoints.web.exposure.include")).contains("plumtree");
    }

    @Test
    void servesThePageWithNothingFromElsewhere() throws Exception {
        String page = http.send(request("/").build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("<script src=\"app.js\"></script>").doesNotContain("//cdn", "https://");
        HttpResponse<String> script = http.send(request("/app.js").build(), HttpResponse.BodyHandlers.ofString());
        assertThat(script.statusCode()).isEqualTo(200);
        assertThat(script.body()).contains("new EventSource('api/stream')");
    }

    @Test
    void theStreamStartsWithTheClusterOfOneAliveMember() throws Exception {
        HttpResponse<Stream<String>> response = http.send(request("/api/stream").build(),
                HttpResponse.BodyHandlers.ofLines());
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/event-stream"));
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            assertThat(it.next()).isEqualTo("event:cluster");
            JsonNode view = JsonMapper.shared().readTree(it.next().substring("data:".length()));
            assertThat(view.get("self").stringValue()).isEqualTo("alone");
            assertThat(view.get("members")).hasSize(1);
            assertThat(view.get("members").get(0).get("status").stringValue()).isEqualTo("ALIVE");
            assertThat(view.get("eagerPeers")).isEmpty();
        }
    }

    @Test
    void aNoticeWithoutTextIsRefusedSayingWhy() throws Exception {
        HttpResponse<String> response = http.send(request("/api/notices").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"  \"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("a notice needs a text of 1 to 500 characters");
    }
}
