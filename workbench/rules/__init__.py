"""The rule engine: normalisation, lexicons, rules, images, closed-name similarity."""
