"""Who may do what: reviewers and roles, sign-in sessions, the platform's API clients,
masking personal data and revealing it with a record."""
