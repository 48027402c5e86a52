package io.drc.controller.killnine;

import static io.drc.controller.replication.ReplicationFixture.NEVER;

/**
 * The daemon configuration the kill -9 tests run: the demo application (config/demo.yml's shape) against the
 * rig's simulator, with fast engine and replication pacing.
 *
 * <p>Liveness settings are the defaults (heartbeat every 5 s, dead after 15 s): a daemon restarted in the same
 * working directory is the same node ({@code cluster.nodeId} defaults to host + directory) and takes over its
 * predecessor's work at its start; a second daemon takes a dead one's work 15 s after its last heartbeat.
 * {@code engine.workers: 1} and {@code replication.workers: 1}: one AWS call at a time, so a kill point never
 * races another call of the same daemon and every kill point is reached.
 *
 * <p>{@code replication.expectedDurations} are the simulator's default durations divided by 20: the rigs advance
 * simulated time 20x faster than the wall clock the daemon plans by, and a daemon that expected AWS's minutes would
 * first look at a copy minutes after it was done, past every deadline of these tests. {@code scheduling: cron}
 * with schedules that never fire: copies start only when a test asks, so "one copy per source" counts the runs the
 * test started, not a predictive start the faster pace would add.
 */
final class KillNineConfig {
    /** A store: a JDBC URL, driver and user. */
    record Store(String driverClass, String url, String user) {
        static Store h2(java.nio.file.Path file) {
            return new Store("org.h2.Driver", "jdbc:h2:" + file + ";AUTO_SERVER=FALSE;WRITE_DELAY=0", "sa");
        }

        static Store postgres(String url, String user) {
            return new Store("org.postgresql.Driver", url, user);
        }
    }

    private KillNineConfig() {}

    static String yaml(KillNineRig rig, Store store, boolean replication) {
        return yaml(rig.simulator.endpoint().toString(), rig.demo, store, replication);
    }

    /** The configuration against the simulator at {@code endpoint} seeded with {@code demo}. */
    static String yaml(String endpoint, io.drc.simulator.demo.DemoEnvironment demo, Store store, boolean replication) {
        return """
                application: shop
                primaryRegion: us-east-1
                drRegion: us-west-2
                aws:
                  endpoint: %s
                  credentials: {type: static, accessKeyId: test, secretAccessKey: test}
                  retry: {mode: standard, maxAttempts: 3}
                  apiCallTimeout: 10s
                protect:
                  - {id: web, kind: ec2-instance, resourceId: %s, rpoTargetSeconds: 900, schedule: "%s"}
                  - {id: web-data, kind: ebs-volume, resourceId: %s, rpoTargetSeconds: 900, schedule: "%s"}
                  - {id: shop-db, kind: rds-instance, resourceId: shop-db, rpoTargetSeconds: 3600, schedule: "%s"}
                  - {id: shop-db-replica, kind: rds-replica, resourceId: shop-db-replica, rpoTargetSeconds: 60}
                replication:
                  enabled: %s
                  defaultSchedule: "%s"
                  defaultRetention: {keepLast: 7}
                  maxConcurrentCopies: {ebs: 20, ami: 300, rds: 20}
                  tickInterval: 200ms
                  pollInterval: 1s
                  measureInterval: 2s
                  workers: 1
                  scheduling: cron
                  expectedDurations: {ebsSnapshot: 3s, ebsCopy: 9s, image: 6s, imageCopy: 15s, dbSnapshot: 6s, dbSnapshotCopy: 30s}
                recovery:
                  dns: {hostedZoneId: %s, recordName: shop.example.com., ttl: 60}
                  regions:
                    us-east-1:
                      autoScalingGroups: [{name: web, standby: 4, fullLoad: 4, max: 8}]
                      launchTemplates: [web-lt]
                      targetGroups: [web-tg]
                      database: {instanceId: shop-db}
                      dnsSetIdentifier: primary
                    us-west-2:
                      autoScalingGroups: [{name: web, standby: 0, fullLoad: 4, max: 8}]
                      launchTemplates: [web-lt]
                      targetGroups: [web-tg]
                      database: {instanceId: shop-db-replica}
                      dnsSetIdentifier: dr
                strategy: {type: pilot-light, rtoTargetSeconds: 1800}
                # the rigs count every mutating call in DR: RTO compliance's own alarms are DrillTest's to check
                drills: {alarms: false}
                auth:
                  tokens:
                    - {name: viewer, token: %s, role: viewer}
                    - {name: oncall, token: %s, role: operator}
                database:
                  driverClass: %s
                  url: "%s"
                  user: %s
                  password: ""
                engine:
                  pollInterval: 50ms
                  workers: 1
                server:
                  applicationConnectors: [{type: http, port: %%APP_PORT%%, bindHost: 127.0.0.1}]
                  adminConnectors: [{type: http, port: %%ADMIN_PORT%%, bindHost: 127.0.0.1}]
                logging:
                  level: INFO
                """.formatted(endpoint, demo.instanceId(), NEVER, demo.volumeId(), NEVER,
                NEVER, replication, NEVER, demo.hostedZoneId(), KillNineRig.VIEWER, KillNineRig.OPERATOR,
                store.driverClass(), store.url(), store.user());
    }
}
