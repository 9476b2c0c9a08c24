"""`make bench`: speed figures measured on this machine, written to BENCHMARKS.md.

Each module in bench/suites/ measures one area and returns Results; this package runs them all
against one demo database and one running server, so figures in one run are comparable.
"""
