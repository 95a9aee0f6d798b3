from mpi.console import main

main()
