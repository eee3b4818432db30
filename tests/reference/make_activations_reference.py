#!/usr/bin/python3
"""Writes PyTorch reference values for every built-in activation into activations_reference.txt.

Run with torch 1.13 (Debian 12: apt-get install python3-torch) from the repository root:
    /usr/bin/python3 tests/reference/make_activations_reference.py > tests/reference/activations_reference.txt
The fixture is committed; tests/reference/activations_reference_test.cpp compares
the plugins against it, so the tests need no Python. Same format as
make_reference.py (see its docstring); everything is float32, as in neurite.

Each case is one torch.nn module, built with no arguments for the default case
(so the fixture also pins neurite's defaults to PyTorch's) and with the case's
settings otherwise. Per case: z (6 x 37), a random upstream gradient da, and
PyTorch's a = f(z) and dz = d sum(da * a) / dz (autograd). 37 columns put
values both in neurite's vectorised loops and in their scalar tails.
  row 0: edge values -100, -20, 0.5, 20, 100, then -5, -1, 0.25, 1, 5
  row 1: the function's kinks exactly (to pin the gradient convention there,
         e.g. relu'(0) = 0, hardtanh'(+-1) = 0), values 1e-3 either side of
         them, and 0, +-1e-3, +-1e-6
  rest:  uniform in [-4, 4], kept at least 0.05 from every kink
"""

import torch

from reference_format import case, fmt, out, tensor, uniform

torch.manual_seed(0)
COLS = 37


def away_from(t, kinks, margin=0.05):
    for k in kinks:
        t = torch.where((t - k).abs() < margin, t + 2 * margin, t)
    return t


def special_row(values, kinks):
    row = away_from(uniform(1, COLS, -4, 4), kinks)
    row[0, :len(values)] = torch.tensor(values, dtype=torch.float32)
    return row


EDGES = [-100.0, -20.0, 0.5, 20.0, 100.0, -5.0, -1.0, 0.25, 1.0, 5.0]
NEAR_ZERO = [0.0, 1e-3, -1e-3, 1e-6, -1e-6]


def activation_case(name, module, kinks=(), **settings):
    kink_values = [v for k in kinks for v in (k, k - 1e-3, k + 1e-3)]
    z = torch.cat([special_row(EDGES, kinks),
                   special_row(kink_values + NEAR_ZERO, kinks),
                   away_from(uniform(4, COLS, -4, 4), kinks)])
    z.requires_grad_(True)
    da = uniform(z.shape[0], COLS, -1, 1)
    a = module(z)
    (a * da).sum().backward()
    case("activation", name, **settings)
    tensor("z", z)
    tensor("da", da)
    tensor("a", a)
    tensor("dz", z.grad)


nn = torch.nn
out.write(f"# torch {torch.__version__}: tests/reference/make_activations_reference.py\n")
activation_case("identity", nn.Identity())
activation_case("sigmoid", nn.Sigmoid())
activation_case("tanh", nn.Tanh())
activation_case("relu", nn.ReLU(), kinks=[0.0])
activation_case("softmax", nn.Softmax(dim=1))
activation_case("log_softmax", nn.LogSoftmax(dim=1))
activation_case("leaky_relu", nn.LeakyReLU(), kinks=[0.0])
activation_case("leaky_relu", nn.LeakyReLU(negative_slope=0.2), kinks=[0.0], negative_slope=0.2)
activation_case("elu", nn.ELU(), kinks=[0.0])
activation_case("elu", nn.ELU(alpha=0.5), kinks=[0.0], alpha=0.5)
activation_case("selu", nn.SELU(), kinks=[0.0])
activation_case("gelu", nn.GELU())
activation_case("gelu", nn.GELU(approximate="tanh"), approximate="tanh")
activation_case("softplus", nn.Softplus(), kinks=[20.0])
activation_case("softplus", nn.Softplus(beta=2, threshold=5), kinks=[2.5], beta=2, threshold=5)
activation_case("silu", nn.SiLU())
activation_case("swish", nn.SiLU())
activation_case("mish", nn.Mish())
activation_case("hardtanh", nn.Hardtanh(), kinks=[-1.0, 1.0])
activation_case("hardtanh", nn.Hardtanh(min_val=-2, max_val=3), kinks=[-2.0, 3.0], min_val=-2, max_val=3)
activation_case("hardsigmoid", nn.Hardsigmoid(), kinks=[-3.0, 3.0])
activation_case("softsign", nn.Softsign())
