"""Evaluation, benchmarks and the process runner the integration tests share."""
