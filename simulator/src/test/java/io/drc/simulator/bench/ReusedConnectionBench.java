package io.drc.simulator.bench;

import io.drc.simulator.Simulator;
import io.drc.simulator.SimulatorOptions;
import io.drc.simulator.TestClients;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.ec2.Ec2Client;

/**
 * A program, not a test: calls per second one SDK client gets from the simulator over one kept-alive connection,
 * for EC2 (query/XML) and CloudWatch (rpcv2Cbor). Run it with {@code -Dsun.net.httpserver.nodelay=false} to see the
 * cost of Nagle's algorithm that the simulator otherwise turns off (see {@code SimulatorServer.NO_DELAY}).
 * {@code mvn -B -q -Pbench -pl simulator test-compile [-Dbench.nodelay=false]}
 */
public final class ReusedConnectionBench {
    private static final int WARM_UP = 50;

    private ReusedConnectionBench() {
    }

    public static void main(String[] args) {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        try (Simulator simulator = Simulator.start(SimulatorOptions.defaults().withPort(0));
             Ec2Client ec2 = new TestClients(simulator).ec2("us-east-1");
             CloudWatchClient cloudWatch = new TestClients(simulator).cloudWatch("us-east-1")) {
            System.out.printf("sun.net.httpserver.nodelay=%s, %d calls each on one kept-alive connection%n",
                    System.getProperty("sun.net.httpserver.nodelay"), calls);
            report("EC2 DescribeAvailabilityZones", calls, () -> ec2.describeAvailabilityZones());
            report("CloudWatch ListMetrics", calls, () -> cloudWatch.listMetrics(r -> r.namespace("Bench")));
        }
    }

    private static void report(String name, int calls, Runnable call) {
        for (int i = 0; i < WARM_UP; i++) {
            call.run();
        }
        long start = System.nanoTime();
        for (int i = 0; i < calls; i++) {
            call.run();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("%-32s %8.1f calls/s  %6.2f ms/call%n", name, calls / seconds, seconds * 1000 / calls);
    }
}
