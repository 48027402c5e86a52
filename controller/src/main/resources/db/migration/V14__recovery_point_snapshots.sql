-- The EBS snapshots of an AMI recovery point: DeregisterImage with DeleteAssociatedSnapshots (retention) deletes
-- them with the AMI, so a dry run of replicate-now must name them, and it reads the store only. Comma-separated
-- snapshot ids; '' = the image has none; NULL = not known: a point recorded before this column (until the catalog
-- reconciliation reads its image again), or a point that is not an AMI.
-- Portable between H2 and PostgreSQL like V1.
ALTER TABLE recovery_points ADD COLUMN associated_snapshots TEXT;
