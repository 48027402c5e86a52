-- The EBS snapshots of an AMI recovery point: DeregisterImage with DeleteAssociatedSnapshots (retention) deletes
-- them with the AMI, so a dry run of replicate-now must name them, and it reads the store only. Comma-separated
-- snapshot ids; '' = the image has none; NULL = not known: a point recorded before this column (until the catalog
-- reconciliation reads its image again), or a point that is not an AMI.
-- VARCHAR, not TEXT (a CLOB in H2, read through its LOB machinery on every catalog scan): 4000 characters hold 170
-- snapshot ids of 22-23 characters, more than an instance can have EBS volumes attached.
-- Portable between H2 and PostgreSQL like V1.
ALTER TABLE recovery_points ADD COLUMN associated_snapshots VARCHAR(4000);
