package io.drc.controller.cluster;

import io.drc.controller.DrcConfiguration;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.regions.providers.InstanceProfileRegionProvider;

/**
 * Where drc runs and where its store lives, against the region it must survive losing. A controller in the primary
 * region, or whose database is there, fails with the region it is meant to recover from: AWS's guidance is that
 * recovery must not depend on the failed region. {@code check} prints this advice as warnings and the server logs
 * it at start; neither refuses the configuration (a second daemon in the primary region is a sound choice).
 */
public final class Placement {
    /** An RDS or Aurora endpoint: {@code <name>.<id>.<region>.rds.amazonaws.com}. */
    private static final Pattern RDS_HOST = Pattern.compile(".*\\.([a-z]{2}(?:-gov)?-[a-z]+-\\d)\\.rds\\.amazonaws\\.com(?:\\.cn)?");

    /** Where this daemon runs, and how drc learned it. */
    public record HostRegion(String region, String source) { }

    private Placement() {}

    /** Warnings about the daemon's and the store's region; empty when neither is the primary region. */
    public static List<String> advice(DrcConfiguration config, Optional<HostRegion> host) {
        List<String> advice = new ArrayList<>();
        String primary = config.getPrimaryRegion();
        String dr = config.getDrRegion();
        host.filter(h -> h.region().equals(primary)).ifPresent(h -> advice.add("this daemon runs in " + h.region()
                + " (" + h.source() + "), the primary region: if " + primary + " fails, drc fails with it. Run drc "
                + "in the DR region " + dr + " (a second daemon in " + primary + " is fine)"));
        storeHost(config).flatMap(Placement::rdsRegion).filter(primary::equals).ifPresent(region -> advice.add(
                "database.url: the store is an RDS endpoint in " + region + ", the primary region: if " + primary
                        + " fails, no daemon can read its executions. Keep the store reachable from " + dr
                        + " (e.g. RDS PostgreSQL in " + dr + " with a cross-region replica, or Aurora Global "
                        + "Database with its writer in " + dr + ")"));
        return advice;
    }

    /**
     * This daemon's region: {@code cluster.region} if set; else, against real AWS (no {@code aws.endpoint}),
     * what the EC2 instance metadata service says within {@code budget}; else unknown.
     */
    public static Optional<HostRegion> hostRegion(DrcConfiguration config, Duration budget) {
        if (config.getCluster().region() != null) {
            return Optional.of(new HostRegion(config.getCluster().region(), "cluster.region"));
        }
        if (config.getAws().endpoint() != null) {
            return Optional.empty();
        }
        try {
            return Optional.of(CompletableFuture.supplyAsync(() -> new InstanceProfileRegionProvider().getRegion().id())
                    .get(budget.toMillis(), TimeUnit.MILLISECONDS)).map(r -> new HostRegion(r, "instance metadata"));
        } catch (Exception notOnEc2) {
            return Optional.empty();
        }
    }

    /** The region of an RDS endpoint host name; empty for any other host. */
    static Optional<String> rdsRegion(String host) {
        Matcher m = RDS_HOST.matcher(host.toLowerCase(java.util.Locale.ROOT));
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The host of a {@code jdbc:postgresql://host:port/db} URL; empty for H2 and unparseable URLs. */
    static Optional<String> storeHost(DrcConfiguration config) {
        String url = config.getDatabase().getUrl();
        if (url == null || !url.startsWith("jdbc:postgresql:")) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(URI.create(url.substring("jdbc:".length())).getHost());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
