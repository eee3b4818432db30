#!/usr/bin/python3
"""Writes PyTorch reference values for the trainer's own features into
training_reference.txt: learning-rate schedules, loss reduction, per-layer
L1/L2 penalties and gradient clipping.

Run with torch 1.13 (Debian 12: apt-get install python3-torch):
    /usr/bin/python3 tests/reference/make_training_reference.py > tests/reference/training_reference.txt
tests/training/training_reference_test.cpp reads the fixture; the tests need no
Python. Format as make_reference.py: `case <kind> <name> [key=value ...]`
lines, then `<tensor> <rows> <cols> <values...>` lines (float32, row-major).

Schedules ("case schedule <name> ..."): `rates` is the learning rate of
epochs 0..19 as the optimizer holds it while training that epoch, with
scheduler.step() at the end of every epoch (ReduceLROnPlateau fed `metric`).

Training ("case training <name> ..."): a 2-3-2 tanh network trained for 3
full-batch SGD steps (lr 0.1) on 6 fixed rows with softmax cross-entropy;
`w0 b0 w2 b2` are the starting values, `*_after` the values after 3 steps,
`loss.k` the loss of step k (penalties included).
"""
import math

import torch

from reference_format import case, fmt, out, tensor

torch.manual_seed(0)


# -- learning-rate schedules -----------------------------------------------------------------
EPOCHS = 20
BASE = 0.1
S = torch.optim.lr_scheduler


def rates(make, metrics=None):
    p = torch.nn.Parameter(torch.zeros(1))
    opt = torch.optim.SGD([p], lr=BASE)
    sched = make(opt)
    seen = []
    for e in range(EPOCHS):
        seen.append(opt.param_groups[0]["lr"])
        opt.step()
        if metrics is None:
            sched.step()
        else:
            sched.step(metrics[e])
    return seen


def warm(make_main, epochs, start_factor):
    def make(opt):
        warmup = S.LinearLR(opt, start_factor=start_factor, end_factor=1.0, total_iters=epochs)
        return S.SequentialLR(opt, [warmup, make_main(opt)], milestones=[epochs])
    return make


def schedule_case(name, make, metrics=None, **settings):
    case("schedule", name, learning_rate=BASE, **settings)
    tensor("rates", torch.tensor(rates(make, metrics), dtype=torch.float64))
    if metrics is not None:
        tensor("metric", torch.tensor(metrics, dtype=torch.float64))


schedule_case("constant", lambda o: S.LambdaLR(o, lambda e: 1.0))
schedule_case("step", lambda o: S.StepLR(o, step_size=3, gamma=0.5), step_size=3, gamma=0.5)
schedule_case("multistep", lambda o: S.MultiStepLR(o, milestones=[2, 5, 11], gamma=0.3),
              milestones="[2,5,11]", gamma=0.3)
schedule_case("exponential", lambda o: S.ExponentialLR(o, gamma=0.9), gamma=0.9)
schedule_case("cosine", lambda o: S.CosineAnnealingLR(o, T_max=8, eta_min=0.01), t_max=8, eta_min=0.01)
schedule_case("cosine", lambda o: S.CosineAnnealingLR(o, T_max=25), t_max=25)
schedule_case("step", warm(lambda o: S.StepLR(o, step_size=4, gamma=0.5), 5, 0.1),
              step_size=4, gamma=0.5, warmup_epochs=5, warmup_start_factor=0.1)
schedule_case("constant", warm(lambda o: S.LambdaLR(o, lambda e: 1.0), 4, 1 / 3), warmup_epochs=4)
plateau = [1.0, 0.9, 0.95, 0.92, 0.91, 0.93, 0.9, 0.94, 0.89, 0.95,
           0.96, 0.97, 0.5, 0.6, 0.7, 0.8, 0.9, 1.0, 1.1, 1.2]
schedule_case("reduce_on_plateau", lambda o: S.ReduceLROnPlateau(o, factor=0.5, patience=2),
              plateau, monitor="train_loss", factor=0.5, patience=2)
schedule_case("reduce_on_plateau",
              lambda o: S.ReduceLROnPlateau(o, factor=0.2, patience=1, cooldown=2, min_lr=0.001,
                                            threshold=0.05, threshold_mode="abs"),
              plateau, monitor="train_loss", factor=0.2, patience=1, cooldown=2, min_lr=0.001,
              threshold=0.05, threshold_mode="abs")
accuracy = [0.5, 0.6, 0.6, 0.61, 0.6, 0.7, 0.7, 0.7, 0.7, 0.71,
            0.72, 0.72, 0.72, 0.72, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9]
schedule_case("reduce_on_plateau", lambda o: S.ReduceLROnPlateau(o, mode="max", factor=0.5, patience=1),
              accuracy, monitor="validation_accuracy", factor=0.5, patience=1)

# -- reduction, penalties, clipping: 3 SGD steps of a 2-3-2 tanh network ----------------------
x = (torch.rand(6, 2) * 4 - 2).float()
labels = torch.tensor([0, 1, 1, 0, 1, 0])
w0_init = (torch.rand(3, 2) - 0.5).float()
b0_init = (torch.rand(3) - 0.5).float()
w2_init = (torch.rand(2, 3) * 2 - 1).float()
b2_init = (torch.rand(2) - 0.5).float()


def training_case(name, reduction="mean", l1=(0.0, 0.0), l2=(0.0, 0.0), clip_norm=None, clip_value=None):
    w0, b0 = w0_init.clone().requires_grad_(True), b0_init.clone().requires_grad_(True)
    w2, b2 = w2_init.clone().requires_grad_(True), b2_init.clone().requires_grad_(True)
    opt = torch.optim.SGD([w0, b0, w2, b2], lr=0.1)
    settings = dict(reduction=reduction)
    if l1[0] or l2[0]:
        settings.update(l1_0=l1[0], l2_0=l2[0])
    if l1[1] or l2[1]:
        settings.update(l1_2=l1[1], l2_2=l2[1])
    if clip_norm:
        settings.update(clip_grad_norm=clip_norm)
    if clip_value:
        settings.update(clip_grad_value=clip_value)
    case("training", name, **settings)
    tensor("x", x)
    tensor("labels", labels.float())
    tensor("w0", w0), tensor("b0", b0), tensor("w2", w2), tensor("b2", b2)
    for k in range(3):
        z = torch.tanh(x @ w0.T + b0) @ w2.T + b2
        loss = torch.nn.functional.cross_entropy(z, labels, reduction=reduction)
        for (w, a, b) in ((w0, l1[0], l2[0]), (w2, l1[1], l2[1])):
            loss = loss + a * w.abs().sum() + b * (w * w).sum()
        opt.zero_grad()
        loss.backward()
        params = [w0, b0, w2, b2]
        if clip_norm:
            torch.nn.utils.clip_grad_norm_(params, clip_norm)
        if clip_value:
            torch.nn.utils.clip_grad_value_(params, clip_value)
        opt.step()
        tensor(f"loss.{k}", loss.detach())
    tensor("w0_after", w0), tensor("b0_after", b0), tensor("w2_after", w2), tensor("b2_after", b2)


training_case("plain")
training_case("sum", reduction="sum")
training_case("penalties", l1=(0.0, 0.01), l2=(0.05, 0.02))
training_case("clip_norm", clip_norm=0.05)
training_case("clip_value", clip_value=0.02)
training_case("everything", reduction="sum", l1=(0.02, 0.0), l2=(0.0, 0.01), clip_norm=0.3, clip_value=0.1)

# -- batch_norm (torch.nn.BatchNorm1d): one training step's forward/backward and
# running statistics, then an evaluation forward ---------------------------------------------
for momentum, affine in ((0.1, True), (0.3, False)):
    bn = torch.nn.BatchNorm1d(4, momentum=momentum, affine=affine)
    with torch.no_grad():
        bn.running_mean.copy_(torch.rand(4) - 0.5)
        bn.running_var.copy_(torch.rand(4) + 0.5)
        if affine:
            bn.weight.copy_(torch.rand(4) + 0.5)
            bn.bias.copy_(torch.rand(4) - 0.5)
    case("batch_norm", "batch_norm", momentum=momentum, affine="true" if affine else "false")
    if affine:
        tensor("weight", bn.weight.reshape(1, -1))
        tensor("bias", bn.bias.reshape(1, -1))
    tensor("running_mean", bn.running_mean.reshape(1, -1))
    tensor("running_var", bn.running_var.reshape(1, -1))
    x = (torch.rand(6, 4) * 4 - 1).requires_grad_(True)
    dy = torch.rand(6, 4) * 2 - 1
    bn.train()
    y = bn(x)
    (y * dy).sum().backward()
    tensor("x", x), tensor("dy", dy), tensor("y", y), tensor("dx", x.grad)
    if affine:
        tensor("dweight", bn.weight.grad.reshape(1, -1))
        tensor("dbias", bn.bias.grad.reshape(1, -1))
    tensor("running_mean_after", bn.running_mean.reshape(1, -1))
    tensor("running_var_after", bn.running_var.reshape(1, -1))
    bn.eval()
    x_eval = torch.rand(3, 4) * 2 - 1
    tensor("x_eval", x_eval)
    tensor("y_eval", bn(x_eval))
