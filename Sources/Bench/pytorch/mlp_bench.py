#!/usr/bin/env python3
"""The PyTorch (CPU) counterpart of LearningBench.swift's mlp_step_ms.

One AdamW training step (forward, backward, update) of chapter 2's next-step MLP:
delay vectors of dimension 8, batch 256, MLP 8 -> 64 -> 64 -> 1 with GELU (tanh approximation), MSE loss.
Prints the median over repetitions as `mlp_step_ms <value>` (and `sgemm_512_gflops <value>` for reference).

Threads: TORCH_NUM_THREADS if set, else 2 (this machine's core count). `--quick` uses fewer repetitions.
Exits 0 with a message when PyTorch is not installed, so a benchmark run never fails because of it.
"""
import math
import os
import sys

from timing import median_seconds

try:
    import torch
except ImportError:
    print("mlp_bench.py: PyTorch is not installed; skipping (pip install torch to compare)")
    sys.exit(0)


def main():
    quick = "--quick" in sys.argv
    torch.set_num_threads(int(os.environ.get("TORCH_NUM_THREADS", "2")))
    torch.manual_seed(2)

    n = 512
    a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
    t = median_seconds(lambda: torch.mm(a, b), 1, 5 if quick else 30)
    print(f"sgemm_512_gflops {2 * n ** 3 / t * 1e-9:.1f}")

    batch, dim = 256, 8
    t0 = torch.arange(batch, dtype=torch.float64).unsqueeze(1) * 0.37
    x = (torch.sin(t0 + 0.1 * torch.arange(dim)) + 0.01 * torch.randn(batch, dim, dtype=torch.float64)).float()
    y = torch.sin(t0 + 0.1 * dim).float()
    model = torch.nn.Sequential(
        torch.nn.Linear(dim, 64), torch.nn.GELU(approximate="tanh"),
        torch.nn.Linear(64, 64), torch.nn.GELU(approximate="tanh"),
        torch.nn.Linear(64, 1),
    )
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0.01)
    loss_fn = torch.nn.MSELoss()

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

    t = median_seconds(step, 3 if quick else 20, 20 if quick else 300)
    print(f"mlp_step_ms {t * 1e3:.3f}")
    print(f"mlp_steps_per_s {1 / t:.0f}")


if __name__ == "__main__":
    main()
