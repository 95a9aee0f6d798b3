"""One module per output format; each declares `FORMAT` (see `mpi.render.registry`)."""
