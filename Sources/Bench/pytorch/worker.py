#!/usr/bin/env python3
"""The PyTorch side of `make bench`: a worker process the Swift benchmark drives over stdin/stdout, so that the
two sides can take turns (ours, theirs, ours, ...) and share whatever else the machine is doing.

Protocol, one line each way:
  on start      -> "ready <torch version> <threads>"   or   "unavailable <reason>" (then exits 0)
  "step NAME W N"   runs W untimed and N timed training steps of model NAME (models.py)
                -> "NAME s1 s2 ... sN"                 (seconds per step)
  "sgemm N R"   -> "sgemm <GFLOP/s>"                   (median of R products of N x N matrices)
  end of input  -> exits
Errors in a request are answered with "error <message>" and the worker keeps serving.

Threads: TORCH_NUM_THREADS if set, else 2. PyTorch is optional: without it the benchmark prints our side alone.
"""
import os
import sys
import time

try:
    import torch
except ImportError:
    print("unavailable PyTorch is not installed (pip install torch to compare)", flush=True)
    sys.exit(0)

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import models  # noqa: E402  (after the optional import above)


def main():
    threads = int(os.environ.get("TORCH_NUM_THREADS", "2"))
    torch.set_num_threads(threads)
    torch.manual_seed(3)
    steps = {}
    print(f"ready {torch.__version__} {threads}", flush=True)
    for line in sys.stdin:
        words = line.split()
        try:
            if words[0] == "step":
                name, warmup, count = words[1], int(words[2]), int(words[3])
                if name not in steps:
                    steps[name] = models.STEPS[name]()
                step = steps[name]
                for _ in range(warmup):
                    step()
                samples = []
                for _ in range(count):
                    start = time.perf_counter()
                    step()
                    samples.append(time.perf_counter() - start)
                print(name, " ".join(f"{s:.6e}" for s in samples), flush=True)
            elif words[0] == "sgemm":
                print(f"sgemm {models.sgemm_gflops(int(words[1]), int(words[2])):.2f}", flush=True)
            else:
                print(f"error unknown request {line.strip()!r}", flush=True)
        except Exception as error:  # a bad request must not take the comparison down
            print(f"error {type(error).__name__}: {error}", flush=True)


if __name__ == "__main__":
    main()
