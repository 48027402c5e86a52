package io.drc.simulator.demo;

/**
 * What the demo seeding built: the ids AWS chose (deterministic on a fresh simulator, which is why
 * {@code config/demo.yml} can name them).
 */
public record DemoEnvironment(String primaryRegion, String drRegion, String instanceId, String volumeId,
                              String hostedZoneId, String recordName) {
    public static final String PRIMARY = "us-east-1";
    public static final String DR = "us-west-2";
    public static final String RECORD = "shop.example.com.";
}
