#!/usr/bin/python3
"""Writes PyTorch reference values for the built-in losses into losses_reference.txt.

Run with torch 1.13 (Debian 12: apt-get install python3-torch), from the
repository root:
    /usr/bin/python3 tests/reference/make_losses_reference.py > tests/reference/losses_reference.txt
The fixture is committed; tests/reference/losses_reference_test.cpp compares the
loss plugins against it, so the tests need no Python. Everything is float32, as
in neurite. Format (as make_reference.py), one record per line:
    case loss <component> [key=value ...]     starts a case (settings as YAML text)
    <tensor> <rows> <cols> <values...>        a row-major float32 matrix
Each case holds pred, target (one-hot rows where PyTorch takes class indices),
sum = PyTorch's value with its reduction times its divisor (the plugins return
sums), dsum = the gradient of that sum, and divisor = the number PyTorch's
reduction divides by (reduction='mean'; 'batchmean' for kl_divergence), which
the test checks against rows * terms_per_sample. The script also asserts that
mean * divisor equals PyTorch's reduction='sum' (multi_margin: per-sample
values already divided by C; kl_divergence: 'batchmean' * rows = 'sum').
"""

import torch

from reference_format import case, fmt, out, tensor, uniform
import torch.nn.functional as F

torch.manual_seed(0)


def loss_case(name, pred, target, fn, divisor, settings=None, sum_fn=None):
    """fn(pred) -> PyTorch's value with its usual reduction ('mean' or
    'batchmean'); sum_fn(pred) -> the same with reduction='sum'."""
    pred = pred.clone().requires_grad_(True)
    value = fn(pred)
    value.backward()
    total = value.detach().double() * divisor
    if sum_fn is not None:  # the divisor is PyTorch's: mean * divisor == sum
        want = sum_fn(pred.detach()).double()
        assert abs(total - want) <= 1e-5 * max(1.0, abs(want)), (name, float(total), float(want))
    out.write(f"# {name}: torch value {value.item():.9g} / divisor {divisor}\n")
    case("loss", name, **(settings or {}))
    tensor("pred", pred)
    tensor("target", target)
    tensor("sum", total.float())
    tensor("dsum", pred.grad * divisor)  # gradient of the sum
    tensor("divisor", torch.tensor([[float(divisor)]]))


def one_hot(classes, n):
    return F.one_hot(classes, n).float()


# Regression losses on values. Row 0: an exact tie (gradient 0 for mae, as
# torch.sign(0)), +-1000 (linear pieces, large squares), a difference of
# exactly 0.5 and of exactly 2 (the joints of huber delta=0.5 and smooth_l1
# beta=2, where both pieces agree).
p = uniform(6, 5)
t = uniform(6, 5)
p[0] = torch.tensor([0.75, 1000.0, -1000.0, 1.5, 3.0])
t[0] = torch.tensor([0.75, 0.0, 0.0, 1.0, 1.0])
n = p.numel()
loss_case("mse", p, t, lambda x: F.mse_loss(x, t), n, sum_fn=lambda x: F.mse_loss(x, t, reduction="sum"))
for name in ("mae", "l1"):
    loss_case(name, p, t, lambda x: F.l1_loss(x, t), n, sum_fn=lambda x: F.l1_loss(x, t, reduction="sum"))
for delta in (1.0, 0.5):
    settings = {} if delta == 1.0 else {"delta": delta}
    loss_case("huber", p, t, lambda x: F.huber_loss(x, t, delta=delta), n, settings,
              lambda x: F.huber_loss(x, t, delta=delta, reduction="sum"))
for beta in (1.0, 2.0, 0.0):
    settings = {} if beta == 1.0 else {"beta": beta}
    loss_case("smooth_l1", p, t, lambda x: F.smooth_l1_loss(x, t, beta=beta), n, settings,
              lambda x: F.smooth_l1_loss(x, t, beta=beta, reduction="sum"))

# binary_cross_entropy on probabilities: 0 and 1 against both targets (the
# log clamp at -100 and the gradient's 1e-12 floor), soft targets.
prob = torch.sigmoid(uniform(6, 3, -3, 3))
prob[0] = torch.tensor([0.0, 1.0, 0.0])
prob[1, 0] = 1.0
labels = (uniform(6, 3) > 0).float()
labels[0] = torch.tensor([1.0, 0.0, 0.0])
labels[1, 0] = 1.0
loss_case("binary_cross_entropy", prob, labels, lambda x: F.binary_cross_entropy(x, labels), prob.numel(),
          sum_fn=lambda x: F.binary_cross_entropy(x, labels, reduction="sum"))
soft = torch.rand(6, 3)
prob_soft = torch.sigmoid(uniform(6, 3, -3, 3))
loss_case("binary_cross_entropy", prob_soft, soft, lambda x: F.binary_cross_entropy(x, soft), prob.numel(),
          sum_fn=lambda x: F.binary_cross_entropy(x, soft, reduction="sum"))

# binary_cross_entropy_with_logits: +-1000 and +-100 against both targets
# (stability), 0; hard and soft targets; pos_weight as a tensor broadcast over
# the columns, all equal (neurite's pos_weight is one scalar).
z = uniform(6, 4, -6, 6)
z[0] = torch.tensor([1000.0, -1000.0, 1000.0, -1000.0])
z[1] = torch.tensor([100.0, -100.0, 0.0, 0.0])
y = (uniform(6, 4) > 0).float()
y[0] = torch.tensor([1.0, 0.0, 0.0, 1.0])
y[1] = torch.tensor([0.0, 1.0, 1.0, 0.0])
y_soft = torch.rand(6, 4)
for w in (None, 2.5):
    pw = None if w is None else torch.full((4,), w)
    settings = {} if w is None else {"pos_weight": w}
    for target in (y, y_soft):
        loss_case("binary_cross_entropy_with_logits", z, target,
                  lambda x: F.binary_cross_entropy_with_logits(x, target, pos_weight=pw), z.numel(), settings,
                  lambda x: F.binary_cross_entropy_with_logits(x, target, pos_weight=pw, reduction="sum"))

# softmax_cross_entropy on logits with class-index targets (one-hot here),
# label_smoothing 0 and 0.1; a row of +-1000 (stability); and probability
# targets with label_smoothing (PyTorch's probability-target path).
logits = uniform(6, 4, -5, 5)
logits[0] = torch.tensor([1000.0, 0.0, -1000.0, 3.0])
logits[1] = torch.tensor([1000.0, 0.0, -1000.0, 3.0])
classes = torch.randint(0, 4, (6,))
classes[0], classes[1] = 0, 2
rows = logits.shape[0]
for eps in (0.0, 0.1):
    settings = {} if eps == 0.0 else {"label_smoothing": eps}
    loss_case("softmax_cross_entropy", logits, one_hot(classes, 4),
              lambda x: F.cross_entropy(x, classes, label_smoothing=eps), rows, settings,
              lambda x: F.cross_entropy(x, classes, label_smoothing=eps, reduction="sum"))
probs = torch.softmax(uniform(6, 4), dim=1)
loss_case("softmax_cross_entropy", logits, probs, lambda x: F.cross_entropy(x, probs, label_smoothing=0.1), rows,
          {"label_smoothing": 0.1}, lambda x: F.cross_entropy(x, probs, label_smoothing=0.1, reduction="sum"))

# nll on log_softmax outputs; row 0 has log-probabilities near -2000.
log_probs = torch.log_softmax(logits, dim=1)
loss_case("nll", log_probs, one_hot(classes, 4), lambda x: F.nll_loss(x, classes), rows,
          sum_fn=lambda x: F.nll_loss(x, classes, reduction="sum"))

# multi_margin: p=1 margin=1 (defaults) and p=2 margin=0.5. Scores up to +-3
# with hinge arguments kept 0.05 away from 0, except row 1, which has one
# exactly at 0 (no gradient there, as PyTorch's z > 0); row 0 has +-1000.
def off_the_hinges(x, classes, margin):
    x = x.clone()
    for r in range(x.shape[0]):
        yc = int(classes[r])
        for c in range(x.shape[1]):
            if c != yc and abs(margin - float(x[r, yc]) + float(x[r, c])) < 0.05:
                x[r, c] += 0.1
    return x


scores = uniform(6, 5, -3, 3)
mm_classes = torch.randint(0, 5, (6,))
mm_classes[0], mm_classes[1] = 1, 0
for pw, margin in ((1, 1.0), (2, 0.5)):
    x = off_the_hinges(scores, mm_classes, margin)
    x[0] = torch.tensor([1000.0, -1000.0, 0.5, -0.25, 2.0])
    x[1] = torch.tensor([1.0, 1.0 - margin, 0.25, -2.0, 1.5])  # column 1: z = margin - 1 + (1 - margin) = 0
    settings = {} if pw == 1 else {"p": pw, "margin": margin}
    loss_case("multi_margin", x, one_hot(mm_classes, 5),
              lambda v: F.multi_margin_loss(v, mm_classes, p=pw, margin=margin), rows, settings,
              lambda v: F.multi_margin_loss(v, mm_classes, p=pw, margin=margin, reduction="sum"))

# kl_divergence: input log-probabilities (log_softmax, row 0 near -2000),
# reduction='batchmean' (PyTorch's recommendation; divisor = rows); targets as
# probabilities with exact zeros (0 log 0 = 0), or as log-probabilities.
kl_input = torch.log_softmax(logits, dim=1)
kl_target = torch.softmax(uniform(6, 4, -3, 3), dim=1)
kl_target[0] = torch.tensor([0.0, 0.5, 0.0, 0.5])
kl_target[2, 1] = 0.0
kl_target = kl_target / kl_target.sum(dim=1, keepdim=True)
loss_case("kl_divergence", kl_input, kl_target, lambda x: F.kl_div(x, kl_target, reduction="batchmean"), rows,
          sum_fn=lambda x: F.kl_div(x, kl_target, reduction="sum"))
kl_log_target = torch.log_softmax(uniform(6, 4, -3, 3), dim=1)
loss_case("kl_divergence", kl_input, kl_log_target,
          lambda x: F.kl_div(x, kl_log_target, reduction="batchmean", log_target=True), rows,
          {"log_target": "true"},
          lambda x: F.kl_div(x, kl_log_target, reduction="sum", log_target=True))
