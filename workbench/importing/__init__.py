"""Importing accounts and reports from CSV (with a header) or JSON Lines files.

:mod:`.records` reads a file into numbered records and writes reject files,
:mod:`.fields` checks one field at a time, :mod:`.accounts` and
:mod:`.reports` validate rows and store them through the workflow services,
and :mod:`.run` puts a whole import into one transaction.
"""
