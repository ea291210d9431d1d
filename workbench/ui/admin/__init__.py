"""The administration page: reviewers, time limits, calendar, templates, lexicons, rule rates."""
