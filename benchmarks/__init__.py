"""Benchmarks; `make bench` runs them. Kept out of the test command."""
