#!/usr/bin/env python3
"""The PyTorch (CPU) counterpart of AttentionBench.swift.

Two models in ordinary PyTorch, each timed as the median ms of one AdamW step (zero_grad, forward, backward, step):

  transformer_step_ms  paper 000's one-layer transformer: Linear(1->d) + learned positions (nn.Embedding(500, d)),
                       LayerNorm, nn.MultiheadAttention with a causal mask, residual onto the normalised input,
                       LayerNorm, MLP readout d->m->1 (GELU); d = 50, 5 heads, m = 50, batch 10 x length 500, MSE.
  gpt_step_ms          a minGPT-style model: token + position embeddings, 2 pre-LN blocks (causal self-attention
                       written out as q k^T -> masked_fill -> softmax -> @ v, then MLP d->4d->d GELU), final
                       LayerNorm, linear head; width 128, 4 heads, vocabulary 96, batch 32 x context 64,
                       cross-entropy.

For information it also prints gpt_sdpa_step_ms: the same GPT with F.scaled_dot_product_attention(is_causal=True)
(nanoGPT's fused attention), which the Swift side does not compare against.

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
    import torch.nn.functional as F
except ImportError:
    print("attention_bench.py: PyTorch is not installed; skipping (pip install torch to compare)")
    sys.exit(0)


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


def median_step_ms(step, quick):
    return median_seconds(step, 3 if quick else 10, 10 if quick else 50) * 1e3


def transformer_step(quick):
    model = Paper000Transformer()
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-3, weight_decay=0)
    x, y = torch.randn(10, 500, 1), torch.randn(10, 500, 1)

    def step():
        optimizer.zero_grad(set_to_none=True)
        F.mse_loss(model(x), y).backward()
        optimizer.step()

    return median_step_ms(step, quick)


def gpt_step(quick, sdpa):
    model = GPT(sdpa=sdpa)
    optimizer = torch.optim.AdamW(model.parameters(), lr=3e-4, weight_decay=0.01)
    ids, targets = torch.randint(0, 96, (32, 64)), torch.randint(0, 96, (32, 64))

    def step():
        optimizer.zero_grad(set_to_none=True)
        F.cross_entropy(model(ids).view(-1, 96), targets.view(-1)).backward()
        optimizer.step()

    return median_step_ms(step, quick)


def main():
    quick = "--quick" in sys.argv
    torch.set_num_threads(int(os.environ.get("TORCH_NUM_THREADS", "2")))
    torch.manual_seed(3)
    print(f"transformer_step_ms {transformer_step(quick):.3f}")
    print(f"gpt_step_ms {gpt_step(quick, sdpa=False):.3f}")
    print(f"gpt_sdpa_step_ms {gpt_step(quick, sdpa=True):.3f}")


if __name__ == "__main__":
    main()
