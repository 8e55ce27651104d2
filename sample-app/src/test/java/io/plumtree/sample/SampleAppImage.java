package io.plumtree.sample;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.images.builder.ImageFromDockerfile;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The sample app's image, built locally from its executable jar on a JRE base image. Failsafe names both:
 * {@code sample.jar} (the jar {@code package} just built) and {@code sample.base-image} (the Maven property of that
 * name, {@code eclipse-temurin:17-jre} unless {@code -Dsample.base-image=NAME} picks another; any image with
 * {@code java} 17 or later on its {@code PATH} does).
 */
final class SampleAppImage {

    /** The port the app serves HTTP on inside the container (its embedded default). */
    static final int WEB_PORT = 8080;
    /** The port the app talks plumtree on inside the container, UDP and TCP (its embedded default). */
    static final int CLUSTER_PORT = 7946;

    private SampleAppImage() {
    }

    /** The base image's name. */
    static String baseImage() {
        return System.getProperty("sample.base-image", "eclipse-temurin:17-jre");
    }

    /** The image, built on first use; {@link #remove} removes it. */
    static ImageFromDockerfile build() {
        Path jar = Path.of(System.getProperty("sample.jar", "target/sample-app-0.1.0-SNAPSHOT.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no sample-app jar at " + jar.toAbsolutePath()
                    + ": run the container test with ./mvnw verify, which packages the jar first");
        }
        String name = "localhost/plumtree-sample-app-it:" + UUID.randomUUID().toString().substring(0, 8);
        return new ImageFromDockerfile(name, true)
                .withFileFromPath("app.jar", jar)
                .withDockerfileFromBuilder(dockerfile -> dockerfile
                        .from(baseImage())
                        .copy("app.jar", "/app.jar")
                        .expose(WEB_PORT, CLUSTER_PORT)
                        // Three JVMs start at once, on as few as two cores: the C1 compiler alone starts them sooner.
                        .entryPoint("java", "-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-jar",
                                "/app.jar")
                        .build());
    }

    /**
     * Removes a built image (its containers stopped). Testcontainers would only with its Ryuk container, which CI
     * turns off, so each run would otherwise leave one behind.
     */
    static void remove(ImageFromDockerfile image) {
        DockerClientFactory.instance().client().removeImageCmd(image.get()).withForce(true).exec();
    }
}
