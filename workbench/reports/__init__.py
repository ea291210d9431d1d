"""What supervisors and the regulator read: the regulator's report of measures, the
figures on handling time limits, the supervisor's dashboard."""
