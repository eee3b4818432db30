#!/usr/bin/python3
"""Round trip of `neurite export`: trains the three models of tests/data/model/
(a CSV table with categories, imputation, batch_norm and dropout; moons with
one logit column; sine regression), exports each as npy, json and csv, then
re-implements preprocessing and the forward pass with NumPy from model.json
alone (docs/export.md) and checks it against `neurite predict` to 1e-5.
If PyTorch imports, the same weights in torch.nn modules must agree too.
Exit 77 (CTest SKIP_RETURN_CODE) when NumPy is missing.

usage: export_round_trip.py NEURITE_BINARY TESTS_DATA_MODEL_DIR WORK_DIR
"""
import csv
import json
import os
import shutil
import subprocess
import sys

try:
    import numpy as np
except ImportError:
    print("numpy is not installed: skipped")
    sys.exit(77)

MISSING = {"", "NA", "N/A", "n/a", "NaN", "nan", "NAN", "?", "NULL", "null"}
CASES = [("parcels", "parcels.yaml", "parcels_new.csv"),
         ("moons-logits", "moons.yaml", "moons_points.csv"),
         ("sine", "sine.yaml", "sine_points.csv")]


def neurite(binary, *args):
    done = subprocess.run([binary, *args], capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"neurite {' '.join(args)} exited {done.returncode}: {done.stderr}")
    return done.stdout


def features(model, path):
    """The rows of `path` prepared as model.json's preprocessing says."""
    prep = model["preprocessing"]
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f, skipinitialspace=True))
    x = []
    for row in rows:
        if not prep["columns"]:  # generated data: the features by position
            x.append([float(v) for v in list(row.values())[:model["inputs"]]])
            continue
        out = []
        for col in prep["columns"]:
            value = row[col["name"]].strip()
            if col["categorical"]:
                value = col["fill_category"] if value in MISSING else value
                out += [1.0 if value == c else 0.0 for c in col["categories"]]
            else:
                out.append(col["fill_number"] if value in MISSING else float(value))
        x.append(out)
    x = np.asarray(x, dtype=np.float32)
    if prep["shift"]:
        x = (x - np.asarray(prep["shift"], np.float32)) / np.asarray(prep["divisor"], np.float32)
    return x


def forward(model, tensors, x):
    """dense: y = x W^T + b (torch.nn.Linear); batch_norm in evaluation mode."""
    for layer in model["layers"]:
        t = {p["name"]: tensors[f"{layer['index']}.{layer['type']}.{p['name']}"] for p in layer["tensors"]}
        kind, cfg = layer["type"], layer["config"]
        if kind == "dense":
            x = x @ t["weight"].T + (t["bias"] if "bias" in t else 0)
        elif kind == "batch_norm":
            x = (x - t["running_mean"]) / np.sqrt(t["running_var"] + np.float32(cfg["eps"]))
            if "weight" in t:
                x = x * t["weight"] + t["bias"]
        elif kind == "dropout":
            pass  # evaluation mode
        elif kind == "tanh":
            x = np.tanh(x)
        elif kind == "relu":
            x = np.maximum(x, 0)
        elif kind == "leaky_relu":
            x = np.maximum(x, 0) + np.float32(cfg["negative_slope"]) * np.minimum(x, 0)
        elif kind == "sigmoid":
            x = 1 / (1 + np.exp(-x))
        else:
            sys.exit(f"the test's forward pass has no '{kind}'")
    return x


def probabilities(model, z):
    rule = model["probabilities"]
    if rule == "none":
        return z
    if rule == "softmax":
        e = np.exp(z - z.max(axis=1, keepdims=True))
        p = e / e.sum(axis=1, keepdims=True)
    elif rule == "sigmoid":
        p = 1 / (1 + np.exp(-z))
    elif rule == "exp":
        p = np.exp(z)
    else:
        p = np.clip(z, 0, 1)
    if z.shape[1] == 1 and len(model["class_names"]) == 2:
        p = np.hstack([1 - p, p])
    return p


def predicted(model, z):
    if model["predicted_class"] == "argmax":
        return z.argmax(axis=1)
    threshold = float(model["predicted_class"].split()[1])  # "threshold 0": class 1 when output > 0
    return (z[:, 0] > threshold).astype(int)


def torch_forward(model, tensors, x):
    """The same weights in torch.nn modules (docs/export.md)."""
    import torch
    modules = []
    for layer in model["layers"]:
        t = {p["name"]: torch.from_numpy(tensors[f"{layer['index']}.{layer['type']}.{p['name']}"])
             for p in layer["tensors"]}
        kind, cfg = layer["type"], layer["config"]
        if kind == "dense":
            m = torch.nn.Linear(t["weight"].shape[1], t["weight"].shape[0], bias="bias" in t)
            m.weight.data = t["weight"]
            if "bias" in t:
                m.bias.data = t["bias"].reshape(-1)
        elif kind == "batch_norm":
            m = torch.nn.BatchNorm1d(t["running_mean"].shape[1], eps=cfg["eps"], affine="weight" in t)
            m.running_mean.data = t["running_mean"].reshape(-1)
            m.running_var.data = t["running_var"].reshape(-1)
            if "weight" in t:
                m.weight.data, m.bias.data = t["weight"].reshape(-1), t["bias"].reshape(-1)
        elif kind == "dropout":
            m = torch.nn.Dropout(cfg["p"])
        elif kind == "leaky_relu":
            m = torch.nn.LeakyReLU(cfg["negative_slope"])
        else:
            m = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid}[kind]()
        modules.append(m)
    net = torch.nn.Sequential(*modules).eval()
    with torch.no_grad():
        return net(torch.from_numpy(x)).numpy()


def check(name, got, want, tolerance=1e-5):
    worst = float(np.max(np.abs(got - want)))
    print(f"  {name}: max abs difference {worst:.2e}")
    if not worst <= tolerance:
        sys.exit(f"{name}: differs by {worst} (> {tolerance})")


def main():
    binary, data_dir, work = sys.argv[1:4]
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    try:
        import torch  # noqa: F401
        have_torch = True
    except ImportError:
        have_torch = False
    for run, experiment, points in CASES:
        print(run)
        neurite(binary, "run", os.path.join(data_dir, experiment), "--quiet", "--out", work)
        result = os.path.join(work, run + ".neurite")
        out = {fmt: os.path.join(work, f"{run}-{fmt}") for fmt in ("npy", "csv")}
        for fmt, directory in out.items():
            neurite(binary, "export", result, "--format", fmt, "-o", directory)
        model = json.load(open(os.path.join(out["npy"], "model.json")))
        # Three lines of docs/export.md: every tensor by "<index>.<type>.<name>".
        tensors = {f"{l['index']}.{l['type']}.{t['name']}": np.load(os.path.join(out["npy"], t["file"]))
                   for l in model["layers"] for t in l["tensors"]}
        inline = json.loads(neurite(binary, "export", result, "--format", "json"))
        for layer in inline["layers"]:
            for t in layer["tensors"]:
                key = f"{layer['index']}.{layer['type']}.{t['name']}"
                from_json = np.asarray(t["values"], np.float32).reshape(t["shape"])
                from_csv = np.loadtxt(os.path.join(out["csv"], key + ".csv"), delimiter=",",
                                      dtype=np.float32, ndmin=2)
                assert tensors[key].dtype == np.float32 and tensors[key].flags["C_CONTIGUOUS"], key
                assert list(tensors[key].shape) == t["shape"], key
                assert np.array_equal(tensors[key], from_json), key + ": json values differ from npy"
                assert np.array_equal(tensors[key], from_csv), key + ": csv values differ from npy"
        with open(os.path.join(work, run + "-predictions.csv"), "w") as f:
            f.write(neurite(binary, "predict", result, os.path.join(data_dir, points)))
        with open(os.path.join(work, run + "-predictions.csv"), newline="") as f:
            rows = list(csv.reader(f))
        header, body = rows[0], rows[1:]
        x = features(model, os.path.join(data_dir, points))
        z = forward(model, tensors, x)
        first = 1 if model["task"] == "regression" else 2
        want = np.asarray([[float(v) for v in r[first:]] for r in body], np.float32)
        check("numpy forward vs neurite predict", probabilities(model, z), want)
        if model["task"] == "classification":
            names = [model["class_names"][k] for k in predicted(model, z)]
            assert names == [r[1] for r in body], "predicted classes differ"
            assert header[2:] == ["p_" + c for c in model["class_names"]], header
        if have_torch:
            check("torch forward vs neurite predict", probabilities(model, torch_forward(model, tensors, x)), want)
    print("ok" + ("" if have_torch else " (PyTorch not installed: torch check skipped)"))


if __name__ == "__main__":
    main()
