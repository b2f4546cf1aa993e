"""Backup and restore of the platform (第三十条, 第三十二条): a consistent online copy of the
database, the audit trail's newest signed checkpoint and a signed manifest of SHA-256 hashes;
restore only into an empty database, checked against the manifest and the checkpoint."""
