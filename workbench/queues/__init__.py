"""The queues reviewers work from: listing them, priority, claims on a case and who else
has it open."""
