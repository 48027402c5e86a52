package io.drc.strategies.serving;

import io.drc.strategies.aws.AwsClients;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import software.amazon.awssdk.services.rds.model.DBInstance;
import software.amazon.awssdk.services.rds.model.DbInstanceNotFoundException;
import software.amazon.awssdk.services.route53.model.ResourceRecordSet;

/**
 * Reads, with read-only calls only ({@code ListResourceRecordSets}, {@code DescribeDBInstances}), what serves the
 * application now. Two ways: {@link #readNow} for a step about to destroy something — any failed read throws, so
 * the step fails (classified, retried by the runbook) instead of acting blind; {@link #readWithin} for a request
 * that must answer in time even while a region is down — reads run side by side and what did not answer within
 * the deadline is recorded as unknown.
 */
public final class ServingStateReader {
    private final AwsClients aws;

    public ServingStateReader(AwsClients aws) {
        this.aws = aws;
    }

    public ObservedServing readNow(ServingTopology topology) {
        Map<String, ObservedDatabase> databases = new LinkedHashMap<>();
        for (ServingTopology.Site site : topology.sites()) {
            if (site.databaseId() != null) {
                databases.put(site.region(), database(site));
            }
        }
        return new ObservedServing(weights(topology), null, databases);
    }

    /** The weights alone (databases not read): all a step that empties a web tier needs, and all it asks of AWS. */
    public ObservedServing readWeightsNow(ServingTopology topology) {
        return new ObservedServing(weights(topology), null, Map.of());
    }

    public ObservedServing readWithin(ServingTopology topology, Duration deadline, Executor executor) {
        long until = System.nanoTime() + deadline.toNanos();
        CompletableFuture<Map<String, Integer>> weights = CompletableFuture.supplyAsync(() -> weights(topology), executor);
        Map<String, CompletableFuture<ObservedDatabase>> pending = new LinkedHashMap<>();
        topology.sites().stream().filter(s -> s.databaseId() != null).forEach(site ->
                pending.put(site.region(), CompletableFuture.supplyAsync(() -> database(site), executor)));
        Map<String, ObservedDatabase> databases = new LinkedHashMap<>();
        pending.forEach((region, future) -> {
            ServingTopology.Site site = topology.site(region).orElseThrow();
            try {
                databases.put(region, await(future, until));
            } catch (RuntimeException e) {
                databases.put(region, new ObservedDatabase(region, site.databaseId(), DatabaseRole.UNKNOWN, null, null,
                        problem(e)));
            }
        });
        try {
            return new ObservedServing(await(weights, until), null, databases);
        } catch (RuntimeException e) {
            return new ObservedServing(Map.of(), problem(e), databases);
        }
    }

    private Map<String, Integer> weights(ServingTopology topology) {
        Map<String, Integer> byRegion = new LinkedHashMap<>();
        if (!topology.hasDns()) {
            return byRegion;
        }
        for (ResourceRecordSet record : WeightedRecords.list(aws.route53(), topology.hostedZoneId(), topology.recordName())) {
            topology.sites().stream().filter(s -> s.dnsSetIdentifier().equals(record.setIdentifier())).findFirst()
                    .ifPresent(s -> byRegion.put(s.region(), record.weight() == null ? 0 : record.weight().intValue()));
        }
        return byRegion;
    }

    private ObservedDatabase database(ServingTopology.Site site) {
        String id = site.databaseId();
        try {
            DBInstance db = aws.rds(site.region()).describeDBInstances(r -> r.dbInstanceIdentifier(id)).dbInstances()
                    .stream().findFirst().orElse(null);
            if (db == null) {
                return new ObservedDatabase(site.region(), id, DatabaseRole.ABSENT, null, null, null);
            }
            DatabaseRole role = "deleting".equals(db.dbInstanceStatus()) ? DatabaseRole.DELETING
                    : db.readReplicaSourceDBInstanceIdentifier() != null ? DatabaseRole.REPLICA : DatabaseRole.WRITABLE;
            return new ObservedDatabase(site.region(), id, role, db.dbInstanceStatus(),
                    db.readReplicaSourceDBInstanceIdentifier(), null);
        } catch (DbInstanceNotFoundException e) {
            return new ObservedDatabase(site.region(), id, DatabaseRole.ABSENT, null, null, null);
        }
    }

    private static <T> T await(CompletableFuture<T> future, long untilNanos) {
        try {
            return future.get(Math.max(0, untilNanos - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new IllegalStateException("no answer within the guard's deadline");
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted");
        }
    }

    private static String problem(RuntimeException e) {
        String message = e.getMessage();
        return message == null ? "no answer" : message;
    }
}
