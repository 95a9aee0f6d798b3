"""The one path that writes plan files: a transaction around small mutations."""
