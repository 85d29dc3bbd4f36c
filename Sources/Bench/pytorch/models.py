"""The workspace's benchmark models written in ordinary PyTorch (CPU), one AdamW step each.

Each `make_*` returns a function that runs one full training step (zero_grad, forward, backward, AdamW update),
on the same shapes as the Swift side (Sources/Bench/StepBenchmarks.swift):

  mlp          chapter 2's next-step MLP: 8 -> 64 -> 64 -> 1, GELU (tanh), batch 256, MSE.
  lru          paper 000's SSM: Linear(1->H) -> LayerNorm -> LRU -> LayerNorm -> MLP(H->m->1, GELU), H = N = m = 50,
               batch 10 x length 500, MSE. The LRU is evaluated as paper 000's code trains it: the kernel lambda^k
               is materialised and applied by FFT convolution.
  transformer  paper 000's one-layer transformer: Linear(1->d) + learned positions, LayerNorm,
               nn.MultiheadAttention with a causal mask, residual, LayerNorm, MLP readout d->m->1 (GELU);
               d = 50, 5 heads, m = 50, batch 10 x length 500, MSE.
  gpt          chapter 7's character GPT in minGPT style: token + position embeddings, 2 pre-LN blocks (causal
               self-attention written out as q k^T -> masked_fill -> softmax -> @ v, MLP d->4d->d GELU), final
               LayerNorm, linear head; width 128, 4 heads, vocabulary 96, batch 32 x context 64, cross-entropy.
  gpt_sdpa     the same GPT with F.scaled_dot_product_attention(is_causal=True) (nanoGPT's fused attention);
               for information only, the Swift side is not compared with it.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


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


class Paper000Transformer(nn.Module):
    """e = W_in x + b + p; h0 = LN1(e); r = h0 + Attn(h0); y = MLP(LN2(r))."""

    def __init__(self, d=50, heads=5, m=50, max_length=500):
        super().__init__()
        self.encoder = nn.Linear(1, d)
        self.positions = nn.Embedding(max_length, d)
        self.norm1 = nn.LayerNorm(d)
        self.attention = nn.MultiheadAttention(d, heads, batch_first=True)
        self.norm2 = nn.LayerNorm(d)
        self.readout = nn.Sequential(nn.Linear(d, m), nn.GELU(approximate="tanh"), nn.Linear(m, 1))

    def forward(self, x):  # x: [B, T, 1]
        length = x.shape[1]
        e = self.encoder(x) + self.positions(torch.arange(length))
        h0 = self.norm1(e)
        mask = torch.triu(torch.ones(length, length, dtype=torch.bool), diagonal=1)  # True = not allowed
        o, _ = self.attention(h0, h0, h0, attn_mask=mask, need_weights=False)
        return self.readout(self.norm2(h0 + o))


class CausalSelfAttention(nn.Module):
    def __init__(self, d, heads, context, sdpa):
        super().__init__()
        self.heads, self.sdpa = heads, sdpa
        self.c_attn, self.c_proj = nn.Linear(d, 3 * d), nn.Linear(d, d)
        self.register_buffer("mask", torch.tril(torch.ones(context, context)).view(1, 1, context, context))

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.c_attn(x).split(d, dim=2)
        q, k, v = (z.view(b, t, self.heads, d // self.heads).transpose(1, 2) for z in (q, k, v))
        if self.sdpa:
            y = F.scaled_dot_product_attention(q, k, v, is_causal=True)
        else:
            att = (q @ k.transpose(-2, -1)) * (1.0 / math.sqrt(k.size(-1)))
            att = att.masked_fill(self.mask[:, :, :t, :t] == 0, float("-inf"))
            y = F.softmax(att, dim=-1) @ v
        return self.c_proj(y.transpose(1, 2).contiguous().view(b, t, d))


class Block(nn.Module):
    def __init__(self, d, heads, context, sdpa):
        super().__init__()
        self.ln_1, self.attn = nn.LayerNorm(d), CausalSelfAttention(d, heads, context, sdpa)
        self.ln_2 = nn.LayerNorm(d)
        self.mlp = nn.Sequential(nn.Linear(d, 4 * d), nn.GELU(approximate="tanh"), nn.Linear(4 * d, d))

    def forward(self, x):
        x = x + self.attn(self.ln_1(x))
        return x + self.mlp(self.ln_2(x))


class GPT(nn.Module):
    def __init__(self, vocab=96, d=128, heads=4, layers=2, context=64, sdpa=False):
        super().__init__()
        self.wte, self.wpe = nn.Embedding(vocab, d), nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads, context, sdpa) for _ in range(layers))
        self.ln_f, self.head = nn.LayerNorm(d), nn.Linear(d, vocab, bias=False)

    def forward(self, ids):
        x = self.wte(ids) + self.wpe(torch.arange(ids.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))


class GPTRegressor(nn.Module):
    """Chapter 7's model for paper 002's synthetic task: real inputs (x_n, z_n) instead of tokens, one output."""
    def __init__(self, inputs=2, d=32, heads=2, layers=2, context=64):
        super().__init__()
        self.encoder, self.wpe = nn.Linear(inputs, d), nn.Embedding(context, d)
        self.blocks = nn.ModuleList(Block(d, heads, context, False) for _ in range(layers))
        self.ln_f, self.head = nn.LayerNorm(d), nn.Linear(d, 1)

    def forward(self, u):
        x = self.encoder(u) + self.wpe(torch.arange(u.shape[1]))
        for block in self.blocks:
            x = block(x)
        return self.head(self.ln_f(x))


def training_step(model, loss, lr, weight_decay):
    """One AdamW step of `model` on `loss(model)`, as a function of no arguments."""
    optimizer = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=weight_decay)

    def step():
        optimizer.zero_grad(set_to_none=True)
        loss(model).backward()
        optimizer.step()

    return step


def make_mlp():
    batch, dim = 256, 8
    t0 = torch.arange(batch, dtype=torch.float64).unsqueeze(1) * 0.37
    x = (torch.sin(t0 + 0.1 * torch.arange(dim)) + 0.01 * torch.randn(batch, dim, dtype=torch.float64)).float()
    y = torch.sin(t0 + 0.1 * dim).float()
    model = nn.Sequential(nn.Linear(dim, 64), nn.GELU(approximate="tanh"), nn.Linear(64, 64),
                          nn.GELU(approximate="tanh"), nn.Linear(64, 1))
    return training_step(model, lambda m: F.mse_loss(m(x), y), 1e-3, 0.01)


def make_lru():
    x, y = torch.randn(10, 500, 1), torch.randn(10, 500, 1)
    return training_step(LRUModel(), lambda m: F.mse_loss(m(x), y), 1e-3, 0.0)


def make_transformer():
    x, y = torch.randn(10, 500, 1), torch.randn(10, 500, 1)
    return training_step(Paper000Transformer(), lambda m: F.mse_loss(m(x), y), 1e-3, 0.0)


def make_gpt(sdpa=False, vocab=96, d=128, heads=4):
    ids, targets = torch.randint(0, vocab, (32, 64)), torch.randint(0, vocab, (32, 64))
    model = GPT(vocab=vocab, d=d, heads=heads, sdpa=sdpa)
    return training_step(model, lambda m: F.cross_entropy(m(ids).view(-1, vocab), targets.view(-1)), 3e-4, 0.01)


def make_dp():
    u, y = torch.randn(32, 64, 2), torch.randn(32, 64, 1)
    return training_step(GPTRegressor(), lambda m: F.huber_loss(m(u), y, delta=1.0), 1e-2, 0.01)


STEPS = {
    "mlp": make_mlp,
    "lru": make_lru,
    "transformer": make_transformer,
    "gpt": make_gpt,
    "gpt64": lambda: make_gpt(vocab=104, d=64, heads=4),
    "dp": make_dp,
    "gpt_sdpa": lambda: make_gpt(sdpa=True),
}


def sgemm_gflops(n=512, repetitions=30):
    """The median GFLOP/s of an n x n x n float32 matrix product in PyTorch's own BLAS."""
    import time
    a, b = torch.rand(n, n) * 2 - 1, torch.rand(n, n) * 2 - 1
    torch.mm(a, b)
    samples = []
    for _ in range(repetitions):
        start = time.perf_counter()
        torch.mm(a, b)
        samples.append(time.perf_counter() - start)
    samples.sort()
    return 2 * n ** 3 / samples[len(samples) // 2] * 1e-9
