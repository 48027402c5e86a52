-- Issue 12 point 4: the CloudWatch alarm passes are a duty taken by one daemon per replication.reconcileInterval
-- (AlarmReconciler), like measuring the RPO and reconciling the catalog (V12).
INSERT INTO cluster_duties (name, slot) VALUES ('alarm-reconcile', -1);
