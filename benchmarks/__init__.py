"""ChatVeil's benchmarks: bounded, loopback-only scripts that print a table of figures.

Run them all with `make benchmark` (`python -m benchmarks.run_all`); results go into
docs/benchmarks.md by hand, with the date, command and machine.
"""
