"""Qt widgets of the desktop workbench."""
