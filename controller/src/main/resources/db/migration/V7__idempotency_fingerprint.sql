-- The request an Idempotency-Key was first used for (RequestFingerprint: SHA-256 hex of kind and canonical body),
-- so the same key with a different request is refused instead of answered with the first execution.
-- Rows from before V7 keep NULL: their key repeats whatever is asked with it, as before.
ALTER TABLE executions ADD COLUMN idempotency_fingerprint VARCHAR(64);
