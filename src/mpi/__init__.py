"""mpi: the tracker for the Hamburger Masterplan Industrie 2023."""

__version__ = "0.1.0"
