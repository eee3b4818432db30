"""The fixture format every tests/reference/make_*reference.py script writes
and tests/reference/reference_cases.hpp reads: one record per line,
    case <kind> <component> [key=value ...]     starts a case (settings as YAML text)
    <tensor> <rows> <cols> <values...>          a row-major float32 matrix
Scripts import these helpers; they write to standard output.
"""
import sys

import torch

out = sys.stdout


def fmt(t):
    """`rows cols values...` of a float32 tensor (0-d: 1x1, 1-d: one row); plain numbers are welcome."""
    t = torch.as_tensor(t).detach().to(torch.float32)
    if t.dim() == 0:
        t = t.reshape(1, 1)
    if t.dim() == 1:
        t = t.reshape(1, -1)
    rows, cols = t.shape
    return f"{rows} {cols} " + " ".join(f"{v:.9g}" for v in t.reshape(-1).tolist())


def case(kind, name, **settings):
    out.write(f"case {kind} {name}" + "".join(f" {k}={v}" for k, v in settings.items()) + "\n")


def tensor(key, t):
    out.write(f"{key} {fmt(t)}\n")


def uniform(rows, cols, lo=-2.0, hi=2.0):
    """Uniform float32 values in [lo, hi) from torch's global generator."""
    return torch.rand(rows, cols, dtype=torch.float32) * (hi - lo) + lo
