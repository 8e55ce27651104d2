package io.plumtree.sample;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.ContainerNetwork;
import com.github.dockerjava.api.model.ExposedPort;
import com.github.dockerjava.api.model.Ports;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.images.builder.ImageFromDockerfile;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * One sample-app node in a container on the test's network, reachable there as its name (the network alias it also
 * advertises to the other members), configured through environment variables as an operator would; and what the test
 * does to it and reads from it: its view of the cluster and the messages it delivered over HTTP, failure declarations
 * from its log, and the Docker faults (network disconnect and reconnect, pause and unpause).
 */
final class SampleAppContainer {

    /** How long one HTTP request to a node may take; a paused node answers none. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    /** The engine's log line for a member this node declared (or learnt was declared) failed. */
    private static final Pattern FAILED = Pattern.compile(": FAILED \\S+ at ");

    private static final HttpClient http = HttpClient.newBuilder().connectTimeout(REQUEST_TIMEOUT).build();

    private final String name;
    private final Network network;
    private final GenericContainer<?> container;

    /**
     * A node named {@code name} (also its network alias and advertised host) joining through {@code seeds}
     * ({@code host:port}, comma-separated; empty for the first node), with the other {@code plumtree.*} settings of
     * {@code settings} as environment variables; not started yet.
     */
    SampleAppContainer(ImageFromDockerfile image, Network network, String name, String seeds,
            Map<String, String> settings) {
        this.name = name;
        this.network = network;
        Map<String, String> env = new LinkedHashMap<>(settings);
        env.put("PLUMTREE_NODENAME", name);
        env.put("PLUMTREE_ADVERTISEADDRESS", name);
        env.put("PLUMTREE_SEEDS", seeds);
        env.put("SPRING_MAIN_BANNERMODE", "off");
        this.container = new GenericContainer<>(image)
                .withNetwork(network)
                .withNetworkAliases(name)
                .withEnv(env)
                .withExposedPorts(SampleAppImage.WEB_PORT)
                .waitingFor(Wait.forHttp("/actuator/health").forPort(SampleAppImage.WEB_PORT)
                        .withStartupTimeout(Duration.ofMinutes(3)));
    }

    /** This node's name. */
    String name() {
        return name;
    }

    /** The container, to start and stop. */
    GenericContainer<?> container() {
        return container;
    }

    private static DockerClient docker() {
        return DockerClientFactory.instance().client();
    }

    // ---- faults ----

    /** Disconnects the container from the test's network ({@code docker network disconnect}). */
    void disconnect() {
        docker().disconnectFromNetworkCmd().withNetworkId(network.getId()).withContainerId(container.getContainerId())
                .exec();
    }

    /**
     * Connects the container to the test's network again ({@code docker network connect --alias NAME}): Docker
     * forgets the alias on disconnect, so it is given again, and may give the container another address.
     */
    void reconnect() {
        docker().connectToNetworkCmd().withNetworkId(network.getId()).withContainerId(container.getContainerId())
                .withContainerNetwork(new ContainerNetwork().withAliases(name)).exec();
    }

    /** Freezes every process of the container ({@code docker pause}). */
    void pause() {
        docker().pauseContainerCmd(container.getContainerId()).exec();
    }

    /** Thaws the container ({@code docker unpause}). */
    void unpause() {
        docker().unpauseContainerCmd(container.getContainerId()).exec();
    }

    /** The container's address on the test's network, or null while it is not connected. */
    String networkAddress() {
        InspectContainerResponse inspected = docker().inspectContainerCmd(container.getContainerId()).exec();
        return inspected.getNetworkSettings().getNetworks().values().stream()
                .filter(n -> network.getId().equals(n.getNetworkID()))
                .map(ContainerNetwork::getIpAddress).findFirst().orElse(null);
    }

    // ---- reads over HTTP ----

    /**
     * The node's web address on this machine. Asked of Docker at every call, not cached as Testcontainers does: a
     * container reconnected to its network gets a new host port.
     */
    private URI url(String path) {
        InspectContainerResponse inspected = docker().inspectContainerCmd(container.getContainerId()).exec();
        Ports.Binding[] bindings = inspected.getNetworkSettings().getPorts().getBindings()
                .get(ExposedPort.tcp(SampleAppImage.WEB_PORT));
        if (bindings == null || bindings.length == 0) {
            throw new IllegalStateException(name + " has no host port for " + SampleAppImage.WEB_PORT + " now");
        }
        return URI.create("http://" + container.getHost() + ":" + bindings[0].getHostPortSpec() + path);
    }

    /** Every member this node knows, by name, with its status ({@code ALIVE}, {@code SUSPECT}, {@code DEAD}...). */
    Map<String, String> members() throws IOException, InterruptedException {
        JsonNode cluster = JsonMapper.shared().readTree(get("/actuator/plumtree"));
        Map<String, String> members = new LinkedHashMap<>();
        for (JsonNode member : cluster.get("members")) {
            members.put(member.get("name").stringValue(), member.get("status").stringValue());
        }
        return members;
    }

    /** Publishes a notice through this node's API; answers its message id. */
    String publish(String text) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url("/api/notices"))
                .timeout(REQUEST_TIMEOUT).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(JsonMapper.shared().writeValueAsString(
                        Map.of("author", "container-test", "text", text)))).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " refused the notice: " + response.statusCode() + " "
                    + response.body());
        }
        return JsonMapper.shared().readTree(response.body()).get("messageId").stringValue();
    }

    /**
     * Ids of the messages this node delivered, oldest first: the {@code log} event its page stream starts with.
     */
    List<String> delivered() throws IOException, InterruptedException {
        HttpResponse<Stream<String>> response = http.send(HttpRequest.newBuilder(url("/api/stream"))
                .timeout(REQUEST_TIMEOUT).build(), HttpResponse.BodyHandlers.ofLines());
        try (Stream<String> lines = response.body()) {
            Iterator<String> it = lines.iterator();
            while (it.hasNext()) {
                if (it.next().equals("event:log")) {
                    JsonNode log = JsonMapper.shared().readTree(it.next().substring("data:".length()));
                    return log.valueStream().map(entry -> entry.get("messageId").stringValue()).toList();
                }
            }
        }
        throw new IllegalStateException(name + "'s page stream ended before its log");
    }

    private String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(url(path)).timeout(REQUEST_TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(name + " answered " + response.statusCode() + " to " + path);
        }
        return response.body();
    }

    // ---- log ----

    /** How many times this node has logged that a member failed, since it started. */
    long failureDeclarations() {
        Matcher matcher = FAILED.matcher(container.getLogs());
        long count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
