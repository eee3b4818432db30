"""Reads a neurite experiment file (the subset bench/workloads/ uses) into plain
data, and makes the same kind of data with numpy, for the Python peers.

The peers do not reproduce neurite's data bit for bit (neurite has its own
random streams); they make data of the same distribution and shape, split and
scale it the same way, and train on it with the same architecture,
initialisation, loss, optimizer and batch order semantics:
  - every epoch visits the training split once, in a fresh random order when
    `shuffle` is true (in order otherwise), in mini-batches of `batch_size`
    rows, the last one possibly smaller;
  - losses are means over the batch (PyTorch's reduction='mean').
"""
import math

import numpy as np
import yaml


def load(path):
    """The experiments of a neurite YAML file, as a list of dicts (defaults filled in)."""
    with open(path) as f:
        doc = yaml.safe_load(f)
    items = doc if isinstance(doc, list) else [doc]
    return [normalise(item) for item in items]


def normalise(item):
    data = dict(item["data"])
    data.setdefault("samples", 1000)
    data.setdefault("noise", 0.0)
    data.setdefault("factor", 0.8)
    data.setdefault("features", 2)
    data.setdefault("classes", 2)
    data.setdefault("scale", "standard")
    split = {"train": 0.7, "validation": 0.15, "test": 0.15}
    if "split" in data:
        split = {"train": 0.0, "validation": 0.0, "test": 0.0, **data["split"]}
    data["split"] = split
    layers = []
    for entry in item["model"]:
        (kind, value), = entry.items()
        if kind == "dense":
            layers.append(("dense", dict(value)))
        elif kind == "activation":
            layers.append(("activation", value if isinstance(value, str) else value["name"]))
        else:
            raise ValueError(f"peer does not know model entry '{kind}'")
    loss = item["loss"] if isinstance(item["loss"], str) else item["loss"]["name"]
    opt = item["optimizer"]
    opt = {"name": opt} if isinstance(opt, str) else dict(opt)
    training = {"epochs": 100, "batch_size": 32, "shuffle": True, **item.get("training", {})}
    return {"name": item["name"], "seed": int(item.get("seed", 0)), "data": data,
            "layers": layers, "loss": loss, "optimizer": opt, "training": training}


def make_data(data, seed):
    """Features (float32) and integer labels of the whole data set."""
    rng = np.random.default_rng(seed)
    n, source = int(data["samples"]), data["source"]
    if source == "random":
        x = rng.random((n, int(data["features"])), dtype=np.float32)
        y = rng.integers(0, int(data["classes"]), n)
        return x, y, int(data["classes"])
    n_out = n // 2
    n_in = n - n_out
    if source == "moons":  # scikit-learn make_moons
        t_out = np.linspace(0, math.pi, n_out)
        t_in = np.linspace(0, math.pi, n_in)
        x = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)],
                       np.c_[1 - np.cos(t_in), 1 - np.sin(t_in) - 0.5]])
    elif source == "circles":
        t_out = np.linspace(0, 2 * math.pi, n_out, endpoint=False)
        t_in = np.linspace(0, 2 * math.pi, n_in, endpoint=False)
        x = np.vstack([np.c_[np.cos(t_out), np.sin(t_out)],
                       data["factor"] * np.c_[np.cos(t_in), np.sin(t_in)]])
    elif source == "xor":
        corners = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
        x = corners[np.arange(n) % 4]
        y = (x[:, 0] != x[:, 1]).astype(np.int64)
        x = x + data["noise"] * rng.standard_normal(x.shape)
        return x.astype(np.float32), y, 2
    else:
        raise ValueError(f"peer does not know data source '{source}'")
    y = np.r_[np.zeros(n_out, dtype=np.int64), np.ones(n_in, dtype=np.int64)]
    x = x + data["noise"] * rng.standard_normal(x.shape)
    return x.astype(np.float32), y, 2


def prepare(spec):
    """(train_x, train_y, test_x, test_y, classes): shuffled, split by the ratios
    (rounded as neurite rounds them), standardised with the training statistics."""
    data = spec["data"]
    x, y, classes = make_data(data, spec["seed"])
    n = len(y)
    order = np.random.default_rng(spec["seed"] + 1).permutation(n)
    n_train = min(int(round(n * data["split"]["train"])), n)
    n_val = min(int(round(n * data["split"]["validation"])), n - n_train)
    tr, te = order[:n_train], order[n_train + n_val:]
    xtr, ytr, xte, yte = x[tr], y[tr], x[te], y[te]
    if data["scale"] == "standard":
        mean = xtr.mean(axis=0)
        std = xtr.std(axis=0)
        std[std == 0] = 1
        xtr = (xtr - mean) / std
        xte = (xte - mean) / std
    return (np.ascontiguousarray(xtr, dtype=np.float32), ytr,
            np.ascontiguousarray(xte, dtype=np.float32), yte, classes)


def gemm_flops_per_sample(spec, features):
    """Multiply-add flops (2 per MAC) of one training sample's GEMMs: forward
    and weight gradient for every dense layer, input gradient for all but the
    first (nothing needs dL/dx of the data)."""
    flops, width, first = 0, features, True
    for kind, p in spec["layers"]:
        if kind != "dense":
            continue
        units = int(p["units"])
        flops += 2 * width * units * (2 if first else 3)
        width, first = units, False
    return flops
