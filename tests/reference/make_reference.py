#!/usr/bin/python3
"""Writes PyTorch reference values for the built-in plugins into torch_reference.txt.

Run with torch 1.13 (Debian 12: apt-get install python3-torch):
    /usr/bin/python3 tests/reference/make_reference.py > tests/reference/torch_reference.txt
The fixture is committed; tests/reference/torch_reference_test.cpp compares the
plugins against it, so the tests need no Python. Everything is float32, as in
neurite. Format, one record per line:
    case <kind> <component> [key=value ...]     starts a case (settings as YAML text)
    <tensor> <rows> <cols> <values...>          a row-major float32 matrix
"""
import math

import torch

from reference_format import case, fmt, out, tensor, uniform

torch.manual_seed(0)


# Activations: a = f(z), dz = d sum(da * a) / dz.
activations = {
    "identity": lambda z: z,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "relu": torch.relu,
    "softmax": lambda z: torch.softmax(z, dim=1),
}
for name, f in activations.items():
    z = uniform(4, 5, -4, 4)
    z[0, :] = torch.tensor([-100.0, -20.0, 0.5, 20.0, 100.0])  # saturation / stability
    if name == "relu":
        z = torch.where(z.abs() < 0.05, z + 0.1, z)  # away from the kink
    z.requires_grad_(True)
    da = uniform(4, 5, -1, 1)
    a = f(z)
    (a * da).sum().backward()
    case("activation", name)
    tensor("z", z)
    tensor("da", da)
    tensor("a", a)
    tensor("dz", z.grad)

# Dense: y = x W^T + b, with dy given.
for bias in (True, False):
    lin = torch.nn.Linear(4, 3, bias=bias)
    x = uniform(5, 4).requires_grad_(True)
    dy = uniform(5, 3, -1, 1)
    y = lin(x)
    (y * dy).sum().backward()
    case("layer", "dense", units=3, use_bias="true" if bias else "false")
    tensor("x", x)
    tensor("weight", lin.weight)
    if bias:
        tensor("bias", lin.bias.reshape(1, -1))
    tensor("dy", dy)
    tensor("y", y)
    tensor("dx", x.grad)
    tensor("dweight", lin.weight.grad)
    if bias:
        tensor("dbias", lin.bias.grad.reshape(1, -1))

# Losses: the plugins return sums, torch returns means: sum = mean * divisor.
def loss_case(name, pred, target, fn, divisor):
    pred = pred.clone().requires_grad_(True)
    value = fn(pred, target)
    value.backward()
    case("loss", name)
    tensor("pred", pred)
    tensor("target", target)
    tensor("sum", (value.detach().double() * divisor).float())
    tensor("dsum", pred.grad * divisor)  # gradient of the sum


p = uniform(6, 3)
t = uniform(6, 3)
loss_case("mse", p, t, torch.nn.functional.mse_loss, p.numel())
prob = torch.sigmoid(uniform(6, 2, -3, 3))
prob[0, 0], prob[0, 1] = 0.0, 1.0  # log clamp at -100
labels = (uniform(6, 2) > 0).float()
labels[0, 0], labels[0, 1] = 1.0, 0.0
loss_case("binary_cross_entropy", prob, labels, torch.nn.functional.binary_cross_entropy, prob.numel())
logits = uniform(6, 4, -5, 5)
logits[0] = torch.tensor([1000.0, 0.0, -1000.0, 3.0])  # stability
classes = torch.randint(0, 4, (6,))
one_hot = torch.nn.functional.one_hot(classes, 4).float()
loss_case("softmax_cross_entropy", logits, one_hot,
          lambda z, y: torch.nn.functional.cross_entropy(z, classes), logits.shape[0])

# Optimizers: 6 steps on two parameters; the gradient at step k is
# 2 * (p - 0.5) + 0.1 * sin(k + i) (i = flat index), recorded so the test feeds
# the same gradients.
def optimizer_case(name, make, **settings):
    w = uniform(2, 3).requires_grad_(True)
    b = uniform(1, 3).requires_grad_(True)
    opt = make([w, b])
    case("optimizer", name, **settings)
    tensor("weight", w)
    tensor("bias", b)
    for k in range(6):
        for prm in (w, b):
            idx = torch.arange(prm.numel(), dtype=torch.float32).reshape(prm.shape)
            prm.grad = (2 * (prm.detach() - 0.5) + 0.1 * torch.sin(k + idx)).float()
        tensor(f"grad_weight.{k}", w.grad)
        tensor(f"grad_bias.{k}", b.grad)
        opt.step()
        tensor(f"weight.{k}", w)
        tensor(f"bias.{k}", b)


optimizer_case("sgd", lambda ps: torch.optim.SGD(ps, lr=0.1), learning_rate=0.1)
optimizer_case("sgd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, dampening=0.3),
               learning_rate=0.05, momentum=0.9, dampening=0.3)
optimizer_case("sgd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.8, nesterov=True),
               learning_rate=0.05, momentum=0.8, nesterov="true")
optimizer_case("sgd", lambda ps: torch.optim.SGD(ps, lr=0.05, momentum=0.9, weight_decay=0.1),
               learning_rate=0.05, momentum=0.9, weight_decay=0.1)
optimizer_case("adam", lambda ps: torch.optim.Adam(ps, lr=0.05), learning_rate=0.05)
optimizer_case("adam", lambda ps: torch.optim.Adam(ps, lr=0.02, betas=(0.8, 0.99), eps=1e-6),
               learning_rate=0.02, beta1=0.8, beta2=0.99, eps=1e-6)
optimizer_case("adam", lambda ps: torch.optim.Adam(ps, lr=0.05, weight_decay=0.1),
               learning_rate=0.05, weight_decay=0.1)
