"""The `mpi` command line: parse, call a view or an edit, print, exit code. No plan logic here.

`mpi.cli.app.main` runs it; `mpi.cli.app.app_for(args)` is the app a command line runs.
"""
