package io.drc.simulator;

import io.drc.simulator.demo.DemoSeeder;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * Runs the simulator standalone:
 * {@code java -jar drc-simulator.jar --port 4566 [--host 127.0.0.1] [--time-scale 1.0] [--seed demo]
 * [--state-dir DIR]}. With a state directory the world is saved after every change and found again at start: the
 * demo is seeded only into an empty directory, and a restarted simulator continues with the cloud it left.
 */
public final class SimulatorMain {
    private SimulatorMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        SimulatorOptions options = SimulatorOptions.defaults();
        boolean seedDemo = false;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--port" -> options = options.withPort(Integer.parseInt(require(args[i], value)));
                case "--host" -> options = options.withHost(require(args[i], value));
                case "--time-scale" -> options = options.withTimeScale(Double.parseDouble(require(args[i], value)));
                case "--seed" -> seedDemo = "demo".equals(require(args[i], value));
                case "--state-dir" -> options = options.withStateDir(Path.of(require(args[i], value)));
                default -> {
                    System.err.println("unknown option " + args[i] + "; usage: --port N --host ADDR --time-scale X --seed demo --state-dir DIR");
                    System.exit(2);
                }
            }
            i++;
        }
        Simulator simulator;
        if (seedDemo) {
            // The port opens once the demo is complete: a client that connects sees all of it.
            simulator = Simulator.start(options, s -> System.out.println("seeded the demo application: "
                    + DemoSeeder.seedExisting(s)));
        } else {
            simulator = Simulator.start(options);
        }
        if (simulator.restored()) {
            System.out.println("continuing the world saved in " + options.stateDir().toAbsolutePath());
        }
        System.out.println("drc simulator listening on " + simulator.endpoint() + " (admin API under /_sim/)");
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close));
        new CountDownLatch(1).await();
    }

    private static String require(String option, String value) {
        if (value == null) {
            System.err.println(option + " needs a value");
            System.exit(2);
        }
        return value;
    }
}
