"""Everything Qt: the desktop workbench on top of the services."""
