"""The workbench: handling complaints and reports about user accounts.

Serves moderators, supervisors, appeal reviewers and administrators at an internet
platform under the 2022 account-information rules and the 2021 public-account rules.
"""

__version__ = "0.1.0"
