package io.drc.controller.db;

import io.dropwizard.lifecycle.Managed;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the store bounded while drc runs for months, on H2 and PostgreSQL alike: finished replication jobs and
 * deleted recovery points older than an hour are removed (a resource's newest job always stays: it carries the error
 * the status shows), in batches so no transaction grows with the backlog. Nothing reads older finished jobs or
 * deleted points (each step and deletion is in the log), and a day of them at 10,000 resources is ~190,000 rows of
 * each: the hour keeps the store a few times the size of what is live.
 *
 * <p>On H2 it also does what H2's own background writer would: rewrite sparsely used chunks, so their space is used
 * again. {@code WRITE_DELAY=0}, which drc needs so a kill -9 loses no commit, removes that writer, and without it
 * every commit's chunk stays in the file: 1.4 GB after 40 minutes at 10,000 resources, 3.4 MB once compacted (that
 * figure also moved chunks together, which is no longer done while the daemon runs: see compactH2). H2 offers no SQL for this while the database is open, so the store is reached through H2's own
 * classes (the embedded engine's, in this JVM).
 */
public final class StoreMaintenance implements Managed {
    public static final Duration FINISHED_JOBS_KEPT = Duration.ofHours(1);
    public static final Duration DELETED_POINTS_KEPT = Duration.ofHours(1);
    static final int BATCH = 1000;
    /** Chunks less full than this are rewritten. */
    static final int TARGET_FILL_RATE = 50;
    static final int WRITE_BYTES = 16 * 1024 * 1024;
    private static final Logger LOG = LoggerFactory.getLogger(StoreMaintenance.class);

    /** What one pass did; the file sizes are H2's (null on PostgreSQL, or when H2's store could not be reached). */
    public record Pass(int jobsDeleted, int pointsDeleted, Long fileBytesBefore, Long fileBytesAfter) {}

    private final Jdbi jdbi;
    private final DataSource dataSource;
    private final boolean h2;
    private final Duration interval;
    private final Clock clock;
    private final int batch;
    private volatile boolean h2Reachable = true;
    private ScheduledExecutorService executor;

    public StoreMaintenance(Jdbi jdbi, DataSource dataSource, boolean h2, Duration interval, Clock clock) {
        this(jdbi, dataSource, h2, interval, clock, BATCH);
    }

    /** {@code batch}: rows deleted per statement (tests use a few). */
    StoreMaintenance(Jdbi jdbi, DataSource dataSource, boolean h2, Duration interval, Clock clock, int batch) {
        this.batch = batch;
        this.jdbi = jdbi;
        this.dataSource = dataSource;
        this.h2 = h2;
        this.interval = interval;
        this.clock = clock;
    }

    @Override
    public void start() {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "store-maintenance");
            thread.setDaemon(true);
            return thread;
        });
        executor.scheduleWithFixedDelay(this::runSafely, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void stop() throws InterruptedException {
        if (executor != null) {
            // not shutdownNow: H2 closes the whole store when an interrupted thread reads its file; a pass in
            // progress ends (its deletes are batched, its compaction bounded), the next one is not started
            executor.shutdown();
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
    }

    private void runSafely() {
        try {
            Pass pass = run();
            LOG.debug("store maintenance: {}", pass);
        } catch (RuntimeException e) {
            LOG.warn("store maintenance failed; the next pass tries again: {}", e.getMessage());
        }
    }

    /** One pass: the retention deletes, then (H2) compaction. */
    public Pass run() {
        Instant now = clock.instant();
        int jobs = deleteInBatches("""
                DELETE FROM replication_jobs WHERE id IN (
                    SELECT j.id FROM replication_jobs j
                    WHERE j.step IN ('DONE', 'FAILED') AND j.updated_at < :cutoff
                        AND j.id < (SELECT MAX(k.id) FROM replication_jobs k WHERE k.resource_id = j.resource_id)
                    ORDER BY j.id LIMIT :batch)""", now.minus(FINISHED_JOBS_KEPT));
        int points = deleteInBatches("""
                DELETE FROM recovery_points WHERE id IN (
                    SELECT id FROM recovery_points WHERE state = 'DELETED' AND source_time < :cutoff
                    ORDER BY id LIMIT :batch)""", now.minus(DELETED_POINTS_KEPT));
        if (!h2 || !h2Reachable) {
            return new Pass(jobs, points, null, null);
        }
        return compactH2(jobs, points);
    }

    private int deleteInBatches(String sql, Instant cutoff) {
        int total = 0;
        int deleted;
        do {
            deleted = jdbi.withHandle(handle -> handle.createUpdate(sql)
                    .bind("cutoff", SqlTimes.utc(cutoff)).bind("batch", batch).execute());
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private Pass compactH2(int jobs, int points) {
        try (Connection connection = dataSource.getConnection()) {
            MVStore store = ((SessionLocal) connection.unwrap(JdbcConnection.class).getSession()).getDatabase()
                    .getStore().getMvStore();
            long before = store.getFileStore().size();
            // Only what H2's background writer does. Moving chunks together (RandomAccessStore.compactMoveChunks)
            // while the daemon writes failed inside H2 (AssertionError in FreeSpaceBitSet.allocate) and H2 then
            // closed the database under the running daemon (seen in RtoComplianceTest, a minute after its start).
            store.compact(TARGET_FILL_RATE, WRITE_BYTES);
            return new Pass(jobs, points, before, store.getFileStore().size());
        } catch (SQLException | RuntimeException | LinkageError e) {
            h2Reachable = false;
            LOG.warn("cannot compact the H2 file through H2's store ({}); its size is no longer bounded by drc: "
                    + "compact it with SHUTDOWN COMPACT while drc is stopped", e.toString());
            return new Pass(jobs, points, null, null);
        }
    }
}
