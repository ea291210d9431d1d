"""Replies to reporters and notices to account holders: templates and drafts, the outbox and
its transports, and what goes out to the platform."""
