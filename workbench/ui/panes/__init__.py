"""Qt panes of the desktop workbench."""
