"""Qt dialogs of the desktop workbench."""
