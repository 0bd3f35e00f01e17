"""Benchmarks of Raadsradar (measurements, not tests): run them with `python -m bench.run`."""
