-- Two daemons on one database both sweep the RTO outbox (V5). A daemon claims an execution's RTO before it
-- looks in CloudWatch and publishes, by a conditional UPDATE of these columns (the WorkQueue way), so the two
-- never both find it missing and both send it; a dead daemon's claim expires after rto_claimed_until.
-- Portable between H2 and PostgreSQL like V1.

ALTER TABLE executions ADD COLUMN rto_claimed_by VARCHAR(200);
ALTER TABLE executions ADD COLUMN rto_claimed_until TIMESTAMP WITH TIME ZONE;
