package io.plumtree.bench;

/**
 * The coordinator: {@code bin/plumtree-bench [flags]} (see {@link BenchArgs#HELP}). Starts the node JVMs, runs the
 * scenario, prints progress on stderr and one JSON object as the last stdout line.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] argv) throws Exception {
        BenchArgs args;
        try {
            args = BenchArgs.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("plumtree-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (args == null) {
            System.out.print(BenchArgs.HELP);
            return;
        }
        JsonLine result = switch (args.scenario()) {
            case "membership" -> new MembershipRun(args).run();
            case "partition" -> new PartitionRun(args).run();
            case "loss" -> new LossRun(args).run();
            case "pause" -> new PauseRun(args).run();
            default -> new BroadcastRun(args).run();
        };
        System.out.println(result);
        System.exit(0);
    }
}
