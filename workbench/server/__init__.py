"""The workbench server: the operations over HTTP for a team on one PostgreSQL."""
