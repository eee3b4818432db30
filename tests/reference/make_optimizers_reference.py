#!/usr/bin/python3
"""Writes PyTorch 20-step optimizer trajectories into optimizers_reference.txt.

Run with torch 1.13 (Debian 12: apt-get install python3-torch):
    /usr/bin/python3 tests/reference/make_optimizers_reference.py > tests/reference/optimizers_reference.txt
The fixture is committed; tests/reference/optimizers_reference_test.cpp replays
it through the optimizer plugins, so the tests need no Python. Everything is
float32, as in neurite. Format as make_reference.py:
    case optimizer <name> [key=value ...]   starts a case (neurite's settings, as YAML text)
    <tensor> <rows> <cols> <values...>      a row-major float32 matrix
Each case has the starting `weight` (2x3) and `bias` (1x3); for every step
k = 0..19 the gradients fed to that step, `grad_weight.k` and `grad_bias.k`
(2 * (p - 0.5) + 0.1 * sin(k + i) at the current values, i the flat index,
as make_reference.py's optimizer_case), and the values after the step,
`weight.k` and `bias.k`. Cases with a learning-rate schedule also record
`learning_rate.k`, the rate set (param_group["lr"]) before step k, as neurite's
trainer calls set_learning_rate between epochs.

NAdam: torch 1.13's default single-tensor path computes
mu_product_next = mu_product * mu * mu_next, multiplying mu_t in twice, where
its documentation (and its own foreach path, and PyTorch >= 2.0, see
pytorch/pytorch#92699) has the product of mu_1..mu_{t+1}. neurite follows the
documentation, so the nadam cases use foreach=True.
"""

import torch

from reference_format import case, fmt, out, tensor, uniform

torch.manual_seed(0)
STEPS = 20


def optimizer_case(name, make, schedule=None, **settings):
    """`make` builds the torch optimizer; `schedule(k)`, if given, is the
    learning rate for step k (set on every param group before the step)."""
    w = uniform(2, 3).requires_grad_(True)
    b = uniform(1, 3).requires_grad_(True)
    opt = make([w, b])
    case("optimizer", name, **settings)
    tensor("weight", w)
    tensor("bias", b)
    for k in range(STEPS):
        if schedule is not None:
            lr = schedule(k)
            for group in opt.param_groups:
                group["lr"] = lr
            tensor(f"learning_rate.{k}", torch.tensor(lr))
        for prm in (w, b):
            idx = torch.arange(prm.numel(), dtype=torch.float32).reshape(prm.shape)
            prm.grad = (2 * (prm.detach() - 0.5) + 0.1 * torch.sin(k + idx)).float()
        tensor(f"grad_weight.{k}", w.grad)
        tensor(f"grad_bias.{k}", b.grad)
        opt.step()
        tensor(f"weight.{k}", w)
        tensor(f"bias.{k}", b)


def halve_every_5(lr):
    return lambda k: lr * 0.5 ** (k // 5)


optim = torch.optim

# sgd: plain, momentum + dampening, nesterov, weight_decay (with momentum).
optimizer_case("sgd", lambda ps: optim.SGD(ps, lr=0.1), learning_rate=0.1)
optimizer_case("sgd", lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.3),
               learning_rate=0.05, momentum=0.9, dampening=0.3)
optimizer_case("sgd", lambda ps: optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True),
               learning_rate=0.05, momentum=0.8, nesterov="true")
optimizer_case("sgd", lambda ps: optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.1),
               learning_rate=0.05, momentum=0.9, weight_decay=0.1)
optimizer_case("sgd", lambda ps: optim.SGD(ps, lr=0.1, momentum=0.9), schedule=halve_every_5(0.1),
               learning_rate=0.1, momentum=0.9)

# adam: plain, custom betas/eps, weight_decay, amsgrad.
optimizer_case("adam", lambda ps: optim.Adam(ps, lr=0.05), learning_rate=0.05)
optimizer_case("adam", lambda ps: optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6),
               learning_rate=0.02, beta1=0.8, beta2=0.99, eps=1e-6)
optimizer_case("adam", lambda ps: optim.Adam(ps, lr=0.05, weight_decay=0.1),
               learning_rate=0.05, weight_decay=0.1)
optimizer_case("adam", lambda ps: optim.Adam(ps, lr=0.05, betas=(0.9, 0.9), amsgrad=True),
               learning_rate=0.05, beta2=0.9, amsgrad="true")
optimizer_case("adam", lambda ps: optim.Adam(ps, lr=0.05), schedule=halve_every_5(0.05), learning_rate=0.05)

# adagrad: plain, lr_decay, initial_accumulator_value, weight_decay.
optimizer_case("adagrad", lambda ps: optim.Adagrad(ps, lr=0.1), learning_rate=0.1)
optimizer_case("adagrad", lambda ps: optim.Adagrad(ps, lr=0.1, lr_decay=0.05),
               learning_rate=0.1, lr_decay=0.05)
optimizer_case("adagrad", lambda ps: optim.Adagrad(ps, lr=0.1, initial_accumulator_value=0.5),
               learning_rate=0.1, initial_accumulator_value=0.5)
optimizer_case("adagrad", lambda ps: optim.Adagrad(ps, lr=0.1, weight_decay=0.1),
               learning_rate=0.1, weight_decay=0.1)
optimizer_case("adagrad", lambda ps: optim.Adagrad(ps, lr=0.1, lr_decay=0.05), schedule=halve_every_5(0.1),
               learning_rate=0.1, lr_decay=0.05)

# rmsprop: plain, momentum, centered, centered + momentum, weight_decay.
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.01), learning_rate=0.01)
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.005, momentum=0.9),
               learning_rate=0.005, momentum=0.9)
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.005, alpha=0.9, centered=True),
               learning_rate=0.005, alpha=0.9, centered="true")
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.005, centered=True, momentum=0.5),
               learning_rate=0.005, centered="true", momentum=0.5)
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.01, weight_decay=0.1),
               learning_rate=0.01, weight_decay=0.1)
optimizer_case("rmsprop", lambda ps: optim.RMSprop(ps, lr=0.01, momentum=0.5), schedule=halve_every_5(0.01),
               learning_rate=0.01, momentum=0.5)

# adamw: plain (decoupled weight_decay), amsgrad.
optimizer_case("adamw", lambda ps: optim.AdamW(ps, lr=0.05, weight_decay=0.1),
               learning_rate=0.05, weight_decay=0.1)
optimizer_case("adamw", lambda ps: optim.AdamW(ps, lr=0.05, betas=(0.9, 0.9), amsgrad=True),
               learning_rate=0.05, beta2=0.9, amsgrad="true")
optimizer_case("adamw", lambda ps: optim.AdamW(ps, lr=0.05, weight_decay=0.5), schedule=halve_every_5(0.05),
               learning_rate=0.05, weight_decay=0.5)

# adamax: plain, weight_decay with custom betas/eps.
optimizer_case("adamax", lambda ps: optim.Adamax(ps, lr=0.05), learning_rate=0.05)
optimizer_case("adamax", lambda ps: optim.Adamax(ps, lr=0.02, betas=(0.8, 0.5), eps=1e-3, weight_decay=0.1),
               learning_rate=0.02, beta1=0.8, beta2=0.5, eps=1e-3, weight_decay=0.1)

# nadam (documented formula, see the docstring): plain, weight_decay with momentum_decay.
optimizer_case("nadam", lambda ps: optim.NAdam(ps, lr=0.05, foreach=True), learning_rate=0.05)
optimizer_case("nadam", lambda ps: optim.NAdam(ps, lr=0.02, weight_decay=0.1, momentum_decay=0.1, foreach=True),
               learning_rate=0.02, weight_decay=0.1, momentum_decay=0.1)
optimizer_case("nadam", lambda ps: optim.NAdam(ps, lr=0.05, foreach=True), schedule=halve_every_5(0.05),
               learning_rate=0.05)
