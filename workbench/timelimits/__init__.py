"""Handling time limits: the working-day calendar, policies, clocks and their holds,
deadline arithmetic, alerts, retiming and what is at risk."""
