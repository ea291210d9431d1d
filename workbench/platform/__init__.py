"""The platform's side (issue 14): its API clients and their credentials, the outbox of
what goes out to it (replies, notices, measures to enforce), delivery to its webhooks,
and the backlog a client that joins late is given."""
