-- Claims follow liveness (issue 12). Every daemon is a node with a heartbeat row; a claim on a work item,
-- a replication job or an RTO names its owner's incarnation (owner_tag = node_id#incarnation) and is held while
-- that incarnation's heartbeat is fresh, not for a fixed lease. A node restarted with the same node_id gets a
-- new incarnation, so its predecessor's claims are free at once. claim_version counts the claims of a row:
-- every result write is conditional on owner + claim_version (fencing), so a daemon that stalled past the
-- liveness window cannot store a stale outcome over its successor's.
-- lease_until stays: it now says when a live owner's claim is overdue (reported, never taken away).
-- Portable between H2 and PostgreSQL like V1. (Written as V7.1 on its branch; V12 once merged after V11.)

CREATE TABLE cluster_nodes (
    node_id       VARCHAR(200) PRIMARY KEY,
    incarnation   BIGINT NOT NULL,
    owner_tag     VARCHAR(240) NOT NULL,
    host          VARCHAR(200),
    pid           BIGINT,
    version       VARCHAR(64),
    started_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    heartbeat_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    stopped_at    TIMESTAMP WITH TIME ZONE,
    CONSTRAINT cluster_nodes_owner_tag UNIQUE (owner_tag)
);

ALTER TABLE work_items ADD COLUMN claim_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE work_items ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;
ALTER TABLE replication_jobs ADD COLUMN claim_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE replication_jobs ADD COLUMN claimed_at TIMESTAMP WITH TIME ZONE;

-- The node that last claimed the step's work: the one running it, or the one that ran its latest attempt.
ALTER TABLE execution_steps ADD COLUMN node_id VARCHAR(200);

-- Periodic duties done once per interval across daemons (RPO measured and published, catalog reconciled):
-- a daemon takes interval n by a conditional UPDATE from slot < n to n; the other daemon's UPDATE matches nothing.
CREATE TABLE cluster_duties (
    name      VARCHAR(100) PRIMARY KEY,
    slot      BIGINT NOT NULL,
    owner     VARCHAR(240),
    taken_at  TIMESTAMP WITH TIME ZONE
);

INSERT INTO cluster_duties (name, slot) VALUES ('rpo-measure', -1);
INSERT INTO cluster_duties (name, slot) VALUES ('catalog-reconcile', -1);

-- The RPO as last measured by whichever daemon took the interval: every daemon's status and gauges read it.
CREATE TABLE rpo_measurements (
    resource_id     VARCHAR(200) PRIMARY KEY,
    rpo_seconds     DOUBLE PRECISION,
    target_seconds  INTEGER NOT NULL,
    compliant       BOOLEAN NOT NULL,
    reason          TEXT,
    measured_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    measured_by     VARCHAR(240)
);
