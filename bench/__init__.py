"""Benchmark harness: data generator, ceiling server, load runner."""
