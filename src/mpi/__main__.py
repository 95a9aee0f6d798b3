try:
    from mpi.console import main
except KeyboardInterrupt:  # Ctrl-C while Python was still importing
    import sys

    sys.stderr.write("mpi: interrupted\n")  # before mpi.console could be imported to say it
    raise SystemExit(130) from None

main()
