#!/usr/bin/python3
"""Writes PyTorch reference values for the image and utility layers into
layers_reference.txt: conv2d, max_pool2d, avg_pool2d, flatten and dropout
(in eval mode, where it is the identity).

Run with torch 1.13 (Debian 12: apt-get install python3-torch):
    /usr/bin/python3 tests/reference/make_layers_reference.py > tests/reference/layers_reference.txt
tests/reference/layers_reference_test.cpp reads the fixture; the tests need no
Python. Format as make_reference.py: `case layer <name> [key=value ...]`
lines (the settings as an experiment file would give them), then
`<tensor> <rows> <cols> <values...>` lines (float32, row-major).

Each case records x (n, C*H*W: every row an image flattened channel-major,
as x.reshape(n, -1) of an NCHW tensor), the parameters (weight as
(out, in*k*k), i.e. torch's (out, in, k, k) reshaped; bias as (1, out)),
dy (a random upstream gradient shaped as y), y = layer(x), dx, and the
parameter gradients dweight, dbias of sum(dy * y). The weights are those
of torch's own initialisation. The dense initialisers are checked
statistically in tests/plugins/layers/dense_test.cpp, not here.
"""

import torch

from reference_format import case, fmt, out, tensor

torch.manual_seed(0)


def uniform(*shape, lo=-2.0, hi=2.0):
    return torch.rand(*shape, dtype=torch.float32) * (hi - lo) + lo


def layer_case(name, module, n, c, h, w, settings):
    """Runs `module` on a random (n, c, h, w) batch and records the case."""
    x = uniform(n, c, h, w).requires_grad_(True)
    y = module(x)
    dy = uniform(*y.shape, lo=-1.0, hi=1.0)
    (y * dy).sum().backward()
    case("layer", name, **settings)
    tensor("x", x.reshape(n, -1))
    weight = getattr(module, "weight", None)
    bias = getattr(module, "bias", None)
    if weight is not None:
        tensor("weight", weight.reshape(weight.shape[0], -1))
    if bias is not None:
        tensor("bias", bias.reshape(1, -1))
    tensor("dy", dy.reshape(n, -1))
    tensor("y", y.reshape(n, -1))
    tensor("dx", x.grad.reshape(n, -1))
    if weight is not None:
        tensor("dweight", weight.grad.reshape(weight.shape[0], -1))
    if bias is not None:
        tensor("dbias", bias.grad.reshape(1, -1))


def yes(b):
    return "true" if b else "false"


# conv2d: (n, in, out, k, stride, padding, dilation, bias, h, w)
conv_configs = [
    (2, 2, 3, 3, 1, 0, 1, True, 5, 5),    # 2 in channels, 3 out
    (2, 2, 3, 3, 2, 0, 1, True, 7, 7),    # stride 2
    (2, 2, 3, 3, 1, 1, 1, True, 5, 5),    # padding 1
    (2, 2, 3, 3, 1, 0, 2, True, 7, 7),    # dilation 2
    (2, 2, 3, 3, 1, 1, 1, False, 5, 5),   # no bias
    (3, 3, 4, 3, 2, 1, 2, True, 6, 9),    # everything at once, non-square image
    (2, 1, 6, 5, 1, 0, 1, True, 12, 12),  # LeNet's first layer shape, smaller image
]
for n, cin, cout, k, s, p, d, bias, h, w in conv_configs:
    conv = torch.nn.Conv2d(cin, cout, k, stride=s, padding=p, dilation=d, bias=bias)
    settings = dict(in_channels=cin, out_channels=cout, kernel_size=k, stride=s, padding=p, dilation=d,
                    use_bias=yes(bias))
    if h != w:
        settings.update(height=h, width=w)
    layer_case("conv2d", conv, n, cin, h, w, settings)

# max_pool2d: (n, channels, k, stride (0: k), padding, dilation, h, w). Random
# floats: no ties within a window.
for n, c, k, s, p, d, h, w in [
    (2, 2, 2, 0, 0, 1, 6, 6),   # LeNet's 2x2
    (2, 3, 3, 2, 1, 1, 7, 7),   # padding
    (2, 2, 2, 1, 0, 1, 5, 5),   # overlapping windows
    (2, 2, 3, 1, 1, 2, 6, 5),   # dilation, non-square
]:
    pool = torch.nn.MaxPool2d(k, stride=s if s else None, padding=p, dilation=d)
    settings = dict(channels=c, kernel_size=k, stride=s, padding=p, dilation=d)
    if h != w:
        settings.update(height=h, width=w)
    layer_case("max_pool2d", pool, n, c, h, w, settings)

# avg_pool2d: (n, channels, k, stride (0: k), padding, count_include_pad, h, w)
for n, c, k, s, p, include, h, w in [
    (2, 2, 2, 0, 0, True, 6, 6),
    (2, 3, 3, 2, 1, True, 7, 7),    # padding counted (torch's default)
    (2, 3, 3, 2, 1, False, 7, 7),   # padding not counted
    (2, 2, 2, 1, 1, True, 4, 5),    # overlapping, non-square
]:
    pool = torch.nn.AvgPool2d(k, stride=s if s else None, padding=p, count_include_pad=include)
    settings = dict(channels=c, kernel_size=k, stride=s, padding=p, count_include_pad=yes(include))
    if h != w:
        settings.update(height=h, width=w)
    layer_case("avg_pool2d", pool, n, c, h, w, settings)

# flatten: torch.nn.Flatten on NCHW is the row layout itself.
layer_case("flatten", torch.nn.Flatten(), 3, 2, 3, 4, {})

# dropout in eval mode: the identity.
drop = torch.nn.Dropout(p=0.3)
drop.eval()
layer_case("dropout", drop, 3, 1, 2, 5, dict(p=0.3))
