from mpi.cli import main

main()
