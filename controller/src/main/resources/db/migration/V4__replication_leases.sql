-- Replication jobs are claimed the way the runbook engine claims work_items (V3): a daemon takes a due job by a
-- conditional UPDATE of its lease, so two daemons on one database never step the same job at once, and a dead
-- daemon's claim expires after lease_until. copy_failures counts the job's copies that ended in error: the next
-- copy needs a new ClientToken / identifier. Portable between H2 and PostgreSQL like V1.

ALTER TABLE replication_jobs ADD COLUMN lease_owner VARCHAR(200);
ALTER TABLE replication_jobs ADD COLUMN lease_until TIMESTAMP WITH TIME ZONE;
ALTER TABLE replication_jobs ADD COLUMN copy_failures INTEGER DEFAULT 0 NOT NULL;

-- One row every job start updates first: its row lock makes concurrent starts (two daemons' start-up baselines,
-- a cron firing and "replicate now") take turns, so the "no job in flight" check cannot be passed twice. A
-- SELECT ... FOR UPDATE on the resource's active rows locks nothing when there are none.
CREATE TABLE replication_admission (
    id        INTEGER PRIMARY KEY,
    last_job  BIGINT
);

INSERT INTO replication_admission (id, last_job) VALUES (1, NULL);
