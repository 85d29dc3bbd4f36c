#!/usr/bin/env python3
"""The PyTorch (CPU) counterpart of LRUBench.swift's lru_step_ms.

Paper 000's SSM in ordinary PyTorch: Linear(1->H) -> LayerNorm -> LRU -> LayerNorm -> MLP(H->m->1, GELU),
H = N = m = 50, trained with AdamW on batch 10 x length 500, MSE loss. The LRU is evaluated as paper 000's code
trains it: the kernel lambda^k is materialised and applied by FFT convolution. Prints the median ms per step as
`lru_step_ms <value>`.

Threads: TORCH_NUM_THREADS if set, else 2. `--quick` uses fewer repetitions.
Exits 0 with a message when PyTorch is not installed, so a benchmark run never fails because of it.
"""
import math
import os
import sys

from timing import median_seconds

try:
    import torch
    import torch.nn as nn
except ImportError:
    print("lru_bench.py: PyTorch is not installed; skipping (pip install torch to compare)")
    sys.exit(0)


class LRU(nn.Module):
    """Diagonal complex recurrence s_t = lambda * s_{t-1} + gamma * B u_t, y_t = Re(C s_t) + D u_t."""

    def __init__(self, h, n, r_min=0.8, r_max=0.99):
        super().__init__()
        u1, u2 = torch.rand(n), torch.rand(n)
        # |lambda| uniform on the ring [r_min, r_max] (Orvieto et al. 2023, Lemma 3.2)
        self.nu = nn.Parameter(torch.log(-0.5 * torch.log(u1 * (r_max ** 2 - r_min ** 2) + r_min ** 2)))
        self.theta = nn.Parameter(2 * math.pi * u2)
        self.b_re = nn.Parameter(torch.randn(n, h) / math.sqrt(2 * h))
        self.b_im = nn.Parameter(torch.randn(n, h) / math.sqrt(2 * h))
        self.c_re = nn.Parameter(torch.randn(h, n) / math.sqrt(n))
        self.c_im = nn.Parameter(torch.randn(h, n) / math.sqrt(n))
        self.d = nn.Parameter(torch.randn(h, h) / math.sqrt(h))

    def forward(self, u):  # u: [B, T, H]
        length = u.shape[1]
        radius = torch.exp(-torch.exp(self.nu))
        lam = torch.polar(radius, self.theta)
        gamma = torch.sqrt(1 - radius * radius)
        b = torch.complex(self.b_re, self.b_im) * gamma[:, None]
        drive = torch.einsum("bth,nh->btn", u.to(torch.cfloat), b)
        kernel = lam[None, :] ** torch.arange(length)[:, None]  # [T, N]
        states = torch.fft.ifft(torch.fft.fft(drive, n=2 * length, dim=1)
                                * torch.fft.fft(kernel, n=2 * length, dim=0)[None], dim=1)[:, :length]
        c = torch.complex(self.c_re, self.c_im)
        return (states @ c.T).real + u @ self.d.T


class LRUModel(nn.Module):
    def __init__(self, h=50, n=50, m=50):
        super().__init__()
        self.encoder = nn.Linear(1, h)
        self.norm_in, self.lru, self.norm_out = nn.LayerNorm(h), LRU(h, n), nn.LayerNorm(h)
        self.readout = nn.Sequential(nn.Linear(h, m), nn.GELU(approximate="tanh"), nn.Linear(m, 1))

    def forward(self, x):
        return self.readout(self.norm_out(self.lru(self.norm_in(self.encoder(x)))))


def main():
    quick = "--quick" in sys.argv
    torch.set_num_threads(int(os.environ.get("TORCH_NUM_THREADS", "2")))
    torch.manual_seed(3)
    model = LRUModel()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=1e-4)
    x, y = torch.randn(10, 500, 1), torch.randn(10, 500, 1)

    def step():
        optimizer.zero_grad(set_to_none=True)
        nn.functional.mse_loss(model(x), y).backward()
        optimizer.step()

    seconds = median_seconds(step, 3 if quick else 10, 15 if quick else 60)
    print(f"lru_step_ms {seconds * 1e3:.3f}")


if __name__ == "__main__":
    main()
