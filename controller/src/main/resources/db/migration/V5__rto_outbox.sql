-- The achieved RTO is stored with the execution in the same transaction as the decision that reached the
-- recovered mark (V3); rto_published_at says CloudWatch has it too. A daemon killed between the two, or a
-- CloudWatch that did not answer, leaves it NULL, and the runner publishes it later: the metric is not lost.
-- Portable between H2 and PostgreSQL like V1.

ALTER TABLE executions ADD COLUMN rto_published_at TIMESTAMP WITH TIME ZONE;

-- Executions recovered before this migration were published (or given up on) by the daemon of their time.
UPDATE executions SET rto_published_at = recovered_at WHERE recovered_at IS NOT NULL;
