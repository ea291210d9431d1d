"""What the workbench keeps as evidence: the audit log and its key, the sealer and
checkpoints, the change feed read from the log, retention and backups."""
