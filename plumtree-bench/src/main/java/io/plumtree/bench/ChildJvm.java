package io.plumtree.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * One node JVM seen from the coordinator: started with {@code java -cp}, spoken to by command lines on its standard
 * input; its {@code @@ } reply lines and {@code @@! } event lines are collected, everything else it prints goes to
 * the coordinator's stderr prefixed with its index.
 */
final class ChildJvm implements AutoCloseable {

    private final int index;
    private final Process process;
    private final PrintWriter in;
    private final BlockingQueue<String> replies = new LinkedBlockingQueue<>();
    private final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();

    ChildJvm(int index, List<String> jvmOptions, List<String> nodeArgs) throws IOException {
        this.index = index;
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (String o : jvmOptions) {
            cmd.add(o.replace("{index}", Integer.toString(index)));
        }
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("io.plumtree.bench.node.NodeMain");
        cmd.addAll(nodeArgs);
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        in = new PrintWriter(process.getOutputStream(), true, StandardCharsets.UTF_8);
        Thread reader = new Thread(this::readOutput, "node-" + index + "-stdout");
        reader.setDaemon(true);
        reader.start();
    }

    private void readOutput() {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                if (line.startsWith("@@! ")) {
                    events.add(line.substring(4));
                } else if (line.startsWith("@@ ")) {
                    replies.add(line.substring(3));
                } else {
                    System.err.println("[node " + index + "] " + line);
                }
            }
        } catch (IOException e) {
            // the process ended
        }
        replies.add("EOF");
    }

    int index() {
        return index;
    }

    /** Sends a command line. */
    void send(String command) {
        in.println(command);
    }

    /** Waits for the next reply, which must start with {@code word}; returns what follows it. */
    String await(String word, Duration timeout) {
        try {
            String r = replies.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (r == null) {
                throw new IllegalStateException("node " + index + " did not answer " + word + " within " + timeout);
            }
            if (!r.equals(word) && !r.startsWith(word + " ")) {
                throw new IllegalStateException("node " + index + " answered '" + r + "', expected " + word);
            }
            return r.substring(word.length()).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Sends {@code command} and waits for its reply. */
    String ask(String command, String word, Duration timeout) {
        send(command);
        return await(word, timeout);
    }

    /** Events received so far starting with {@code word}, each without it. */
    List<String> events(String word) {
        List<String> out = new ArrayList<>();
        for (String e : events) {
            if (e.startsWith(word + " ")) {
                out.add(e.substring(word.length() + 1));
            }
        }
        return out;
    }

    /** CPU time the JVM has used so far, in seconds (from /proc through {@link ProcessHandle}); NaN if unknown. */
    double cpuSeconds() {
        return process.toHandle().info().totalCpuDuration().map(d -> d.toNanos() / 1e9).orElse(Double.NaN);
    }

    /** Kills the JVM with SIGKILL ({@code kill -9}). */
    void kill() {
        process.destroyForcibly();
    }

    /** Sends the JVM a signal by name ({@code STOP}, {@code CONT}) with {@code kill}. */
    void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** Whether the JVM still runs. */
    boolean alive() {
        return process.isAlive();
    }

    /** Asks it to exit; kills it if it does not within 10 s. */
    @Override
    public void close() {
        if (process.isAlive()) {
            send("EXIT");
            try {
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** The JVM's options, split on spaces. */
    static List<String> options(String spaceSeparated) {
        List<String> out = new ArrayList<>();
        for (String s : spaceSeparated.trim().split("\\s+")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }
}
