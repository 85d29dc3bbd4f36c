"""The measuring tool the PyTorch benchmark scripts share (the Swift side's Timing.swift)."""
import statistics
import time


def median_seconds(fn, warmup, repetitions):
    """Runs `fn` `warmup` times untimed, then returns the median wall-clock seconds of `repetitions` calls."""
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples)
