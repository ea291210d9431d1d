"""Cases from intake to closing: filing reports (one or a batch), the lifecycle and its
transitions, screening findings, bulk actions, notes, tags, links, escalation and the case view."""
