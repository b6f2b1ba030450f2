"""``synth``: a deterministic synthetic data set with full results, for benchmarks and scale
tests."""
