"""The tables of revision 0001 (the initial schema), by part of the domain.

Each module creates its tables (``create``) and drops them (``drop``) as Alembic
generated them; revision 0001 calls them in an order in which every foreign key's
table exists first.  Like every revision's contents, they are never changed: a
change to the schema is a new revision.
"""
