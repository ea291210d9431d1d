"""What is kept out of the live tables, and for how long: the retention purge (2017/16),
which exports and then removes old records, and signed checkpoints of the audit chain's
head, kept (and mailed) where the database owner cannot rewrite them."""
