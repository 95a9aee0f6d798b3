from mpi.entry import main

main()
