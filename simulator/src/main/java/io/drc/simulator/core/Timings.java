package io.drc.simulator.core;

import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How long each asynchronous AWS operation takes in the simulator. Defaults are of AWS's order of magnitude
 * (AWS-FACTS.md) and are multiplied by {@code scale}, so a demo can run an hour-long copy in seconds.
 * A single operation can be slowed at run time (fault injection: "slow an operation").
 */
public final class Timings {
    public static final Map<String, Duration> DEFAULTS = Map.ofEntries(
            Map.entry("ec2.instance.launch", Duration.ofSeconds(30)),
            Map.entry("ec2.instance.terminate", Duration.ofSeconds(30)),
            Map.entry("ec2.instance.checks", Duration.ofSeconds(120)),
            Map.entry("ec2.volume.create", Duration.ofSeconds(10)),
            Map.entry("ec2.image.create", Duration.ofSeconds(120)),
            Map.entry("ec2.image.copy", Duration.ofSeconds(300)),
            Map.entry("ec2.snapshot.create", Duration.ofSeconds(60)),
            Map.entry("ec2.snapshot.copy", Duration.ofSeconds(180)),
            Map.entry("autoscaling.instance.launch", Duration.ofSeconds(90)),
            Map.entry("elbv2.target.healthy", Duration.ofSeconds(150)),
            Map.entry("elbv2.target.draining", Duration.ofSeconds(300)),
            Map.entry("elbv2.loadbalancer.active", Duration.ofSeconds(120)),
            Map.entry("rds.instance.create", Duration.ofSeconds(300)),
            Map.entry("rds.replica.create", Duration.ofSeconds(600)),
            Map.entry("rds.snapshot.create", Duration.ofSeconds(120)),
            Map.entry("rds.snapshot.copy", Duration.ofSeconds(600)),
            Map.entry("rds.promote", Duration.ofSeconds(300)),
            Map.entry("rds.modify", Duration.ofSeconds(120)),
            Map.entry("rds.restore", Duration.ofSeconds(600)),
            Map.entry("rds.delete", Duration.ofSeconds(60)),
            Map.entry("rds.reboot", Duration.ofSeconds(60)),
            Map.entry("route53.change.insync", Duration.ofSeconds(30)));

    private final double scale;
    private final Map<String, Duration> overrides = new ConcurrentHashMap<>();

    public Timings(double scale) {
        if (!(scale > 0)) {
            throw new IllegalArgumentException("timeScale must be > 0, got " + scale);
        }
        this.scale = scale;
    }

    /** The scaled duration of {@code key}; an override set at run time is taken as is (already scaled). */
    public Duration of(String key) {
        Duration override = overrides.get(key);
        if (override != null) {
            return override;
        }
        Duration base = DEFAULTS.get(key);
        if (base == null) {
            throw new IllegalArgumentException("unknown timing '" + key + "'; known: " + new TreeMap<>(DEFAULTS).keySet());
        }
        return Duration.ofMillis(Math.round(base.toMillis() * scale));
    }

    public void set(String key, Duration duration) {
        if (!DEFAULTS.containsKey(key)) {
            throw new IllegalArgumentException("unknown timing '" + key + "'; known: " + new TreeMap<>(DEFAULTS).keySet());
        }
        overrides.put(key, duration);
    }

    public void reset() {
        overrides.clear();
    }

    public double scale() {
        return scale;
    }

    public Map<String, Duration> current() {
        Map<String, Duration> all = new TreeMap<>();
        DEFAULTS.keySet().forEach(k -> all.put(k, of(k)));
        return all;
    }
}
