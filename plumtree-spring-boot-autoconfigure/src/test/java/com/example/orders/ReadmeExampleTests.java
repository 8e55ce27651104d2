package com.example.orders;

import io.plumtree.engine.ClusterNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The README's "Using it in a Spring Boot application" is what these sources are, and it works as shown. */
@ExtendWith(OutputCaptureExtension.class)
class ReadmeExampleTests {

    private static final Path ROOT = Path.of("..");

    /** The code blocks of the README's section, as {language, body} pairs, in order. */
    private static List<String[]> readmeBlocks() throws Exception {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        String section = readme.substring(readme.indexOf("## Using it in a Spring Boot application"),
                readme.indexOf("## Configuration reference"));
        Matcher m = Pattern.compile("```(\\w+)\\n(.*?)```", Pattern.DOTALL).matcher(section);
        List<String[]> blocks = new ArrayList<>();
        while (m.find()) {
            blocks.add(new String[] {m.group(1), m.group(2)});
        }
        return blocks;
    }

    @Test
    void theReadmeShowsTheseFilesExactly() throws Exception {
        List<String[]> blocks = readmeBlocks();
        assertThat(blocks).extracting(b -> b[0]).containsExactly("xml", "yaml", "java", "java", "java", "json");
        String pom = Files.readString(ROOT.resolve("plumtree-spring-boot-starter/pom.xml"));
        String version = Files.readString(ROOT.resolve("pom.xml")).replaceAll("(?s).*?<version>([^<]+)</version>.*",
                "$1");
        assertThat(pom).contains("<artifactId>plumtree-spring-boot-starter</artifactId>");
        assertThat(blocks.get(0)[1]).contains("<groupId>io.plumtree</groupId>",
                "<artifactId>plumtree-spring-boot-starter</artifactId>", "<version>" + version + "</version>");
        assertThat(blocks.get(1)[1]).isEqualTo(Files.readString(
                Path.of("src/test/resources/readme-application.yml")));
        for (int i = 2; i <= 4; i++) {
            String body = blocks.get(i)[1];
            String name = body.replaceAll("(?s).*?public (?:record|class) (\\w+).*", "$1");
            assertThat(body).as(name).isEqualTo(Files.readString(
                    Path.of("src/test/java/com/example/orders/" + name + ".java")));
        }
    }

    @Test
    void twoInstancesConfiguredAsShownReceiveWhatOnePublishes(CapturedOutput output) {
        try (ConfigurableApplicationContext first = start("readme-1", "");
             ConfigurableApplicationContext second = start("readme-2",
                     first.getBean(ClusterNode.class).address())) {
            await().atMost(Duration.ofSeconds(20)).until(() ->
                    first.getBean(ClusterNode.class).stats().liveMembers() == 2
                            && second.getBean(ClusterNode.class).stats().liveMembers() == 2);
            assertThat(first.getBean(ClusterNode.class).config().clusterName()).isEqualTo("orders");

            second.getBean(Orders.class).place("o-17", 1999);

            await().atMost(Duration.ofSeconds(20)).until(() ->
                    count(output.getOut(), "order o-17 placed") == 2);
            // message ids are the origin's name and a sequence that starts from the clock (see docs/runtime.md); the
            // listener logs this line just after the one above, so it may not be out yet
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getOut())
                    .containsPattern("readme-2#\\d+ from readme-2 after 0 hops")
                    .containsPattern("readme-2#\\d+ from readme-2 after 1 hops"));
        }
    }

    /** The README's application.yml, moved to loopback and free ports. */
    private static ConfigurableApplicationContext start(String name, String seed) {
        return new SpringApplicationBuilder(ReadmeApplication.class).properties(
                "spring.config.name=readme-application", "spring.main.banner-mode=off").run(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--plumtree.node-name=" + name,
                "--plumtree.bind-address=127.0.0.1",
                "--plumtree.port=0",
                "--plumtree.preset=local",
                "--plumtree.leave-propagation=100ms",
                "--plumtree.seeds=" + seed);
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }
}
