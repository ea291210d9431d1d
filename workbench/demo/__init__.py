"""The synthetic demo data set (``workbench demo``), built with the workflow services."""
