"""Case workflow services: intake, transitions, claims, measures, appeals, replies."""
