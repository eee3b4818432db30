#!/usr/bin/python3
"""PyTorch peer: trains a neurite workload (the YAML file itself) with PyTorch
on the CPU and prints one JSON object with the training time and samples/s.

    /usr/bin/python3 bench/peers/torch_bench.py WORKLOAD.yaml [--threads N] [--tuned]
        [--epochs E] [--max-samples M] [--max-seconds S] [--batch]
    /usr/bin/python3 bench/peers/torch_bench.py --plan PLAN.json [--threads N] [--tuned]

run.py starts one process per measurement, so that environment settings
(GLIBC_TUNABLES, OPENBLAS_NUM_THREADS) apply from the start.
  --threads N      torch.set_num_threads(N) (ATen's intra-op threads); 0 keeps the default
  --tuned          optimizers with foreach=True and zero_grad(set_to_none=True)
  --epochs E       train E epochs instead of the file's (throughput is per sample)
  --max-samples M  train on the first M rows of the training split only
  --max-seconds S  stop at the first mini-batch boundary after S seconds of training
                   (samples/s counts the rows actually trained; bounds slow settings)
  --plan FILE      a JSON list of {"workload", "epochs", "max_samples", "max_seconds"}: one
                   measurement each in this process, printed as a JSON list (run.py's search
                   of settings: one process per setting rather than per measurement)
  --batch          train every experiment of the file one after another (workload F),
                   each with its own data, model and test evaluation; the time covers
                   the whole loop (data, model, training, test), not `import torch`
Only the training loop is timed otherwise: the same span as neurite's wall_seconds.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import spec as specs  # noqa: E402

import_start = time.perf_counter()
import torch  # noqa: E402
import_seconds = time.perf_counter() - import_start

ACTIVATIONS = {"tanh": torch.nn.Tanh, "relu": torch.nn.ReLU, "sigmoid": torch.nn.Sigmoid,
               "identity": torch.nn.Identity, "softmax": lambda: torch.nn.Softmax(dim=1)}


def build_model(spec, features):
    modules, width = [], features
    for kind, p in spec["layers"]:
        if kind == "activation":
            modules.append(ACTIVATIONS[p]())
            continue
        layer = torch.nn.Linear(width, int(p["units"]), bias=bool(p.get("use_bias", True)))
        init = p.get("init", "default")  # default: nn.Linear's own init, as neurite's dense
        if init == "xavier_uniform":
            torch.nn.init.xavier_uniform_(layer.weight)
        elif init == "xavier_normal":
            torch.nn.init.xavier_normal_(layer.weight)
        elif init == "kaiming_uniform":
            torch.nn.init.kaiming_uniform_(layer.weight, nonlinearity="relu")
        elif init == "kaiming_normal":
            torch.nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        elif init == "zeros":
            torch.nn.init.zeros_(layer.weight)
        if p.get("bias_init") == "zeros" and layer.bias is not None:
            torch.nn.init.zeros_(layer.bias)
        modules.append(layer)
        width = int(p["units"])
    return torch.nn.Sequential(*modules)


def build_optimizer(spec, params, tuned):
    o = spec["optimizer"]
    extra = {"foreach": True} if tuned else {}
    if o["name"] == "sgd":
        return torch.optim.SGD(params, lr=o["learning_rate"], momentum=o.get("momentum", 0.0),
                               dampening=o.get("dampening", 0.0), nesterov=o.get("nesterov", False),
                               weight_decay=o.get("weight_decay", 0.0), **extra)
    if o["name"] == "adam":
        return torch.optim.Adam(params, lr=o.get("learning_rate", 0.001),
                                betas=(o.get("beta1", 0.9), o.get("beta2", 0.999)),
                                eps=o.get("eps", 1e-8), weight_decay=o.get("weight_decay", 0.0), **extra)
    raise ValueError(f"peer does not know optimizer '{o['name']}'")


def build_loss(spec):
    if spec["loss"] == "softmax_cross_entropy":
        return torch.nn.CrossEntropyLoss(), lambda y: y
    if spec["loss"] == "binary_cross_entropy":
        return torch.nn.BCELoss(), lambda y: y.float().unsqueeze(1)
    if spec["loss"] == "mse":
        return torch.nn.MSELoss(), lambda y: y.float().unsqueeze(1)
    raise ValueError(f"peer does not know loss '{spec['loss']}'")


def train(spec, x, y, epochs, tuned, max_seconds=None):
    """Trains; returns (seconds of the training loop, samples trained, final batch loss, model)."""
    torch.manual_seed(spec["seed"])
    model = build_model(spec, x.shape[1])
    opt = build_optimizer(spec, model.parameters(), tuned)
    loss_fn, target = build_loss(spec)
    X = torch.from_numpy(x)
    Y = target(torch.from_numpy(y))
    n, bs, shuffle = len(y), int(spec["training"]["batch_size"]), spec["training"]["shuffle"]
    gen = torch.Generator().manual_seed(spec["seed"])
    loss = torch.zeros(())
    trained = 0
    deadline = float("inf") if max_seconds is None else time.perf_counter() + max_seconds
    start, cpu_start = time.perf_counter(), time.process_time()
    for _ in range(epochs):
        if time.perf_counter() > deadline:
            break
        order = torch.randperm(n, generator=gen) if shuffle else None
        for b in range(0, n, bs):
            if time.perf_counter() > deadline:
                break
            if order is None:
                xb, yb = X[b:b + bs], Y[b:b + bs]
            else:
                idx = order[b:b + bs]
                xb, yb = X[idx], Y[idx]
            loss = loss_fn(model(xb), yb)
            opt.zero_grad(set_to_none=tuned)
            loss.backward()
            opt.step()
            trained += len(xb)
    seconds = time.perf_counter() - start
    train.cpu_seconds = time.process_time() - cpu_start  # all of the process's threads
    return seconds, trained, float(loss), model


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("workload", nargs="?")
    ap.add_argument("--plan")
    ap.add_argument("--threads", type=int, default=0)
    ap.add_argument("--tuned", action="store_true")
    ap.add_argument("--epochs", type=int)
    ap.add_argument("--max-samples", type=int)
    ap.add_argument("--max-seconds", type=float)
    ap.add_argument("--batch", action="store_true")
    a = ap.parse_args()
    if a.threads:
        torch.set_num_threads(a.threads)
    out = {"peer": "torch", "torch": torch.__version__, "threads": torch.get_num_threads(),
           "tuned": a.tuned, "import_seconds": import_seconds}
    if a.plan:
        with open(a.plan) as f:
            plan = json.load(f)
        print(json.dumps([{**out, **measure(item["workload"], item.get("epochs"), item.get("max_samples"),
                                            item.get("max_seconds"), a.tuned)} for item in plan]))
        return
    experiments = specs.load(a.workload)
    if a.batch:
        start = time.perf_counter()
        samples, train_seconds, correct, tested = 0, 0.0, 0, 0
        for spec in experiments:
            xtr, ytr, xte, yte, _ = specs.prepare(spec)
            secs, n, _, model = train(spec, xtr, ytr, int(spec["training"]["epochs"]), a.tuned)
            with torch.no_grad():
                pred = model(torch.from_numpy(xte)).argmax(dim=1).numpy()
            correct += int((pred == yte).sum())
            tested += len(yte)
            samples += n
            train_seconds += secs
        seconds = time.perf_counter() - start
        out.update(experiments=len(experiments), samples=samples, seconds=seconds,
                   train_seconds=train_seconds, samples_per_s=samples / seconds,
                   test_accuracy=correct / max(tested, 1))
    else:
        out.update(measure(a.workload, a.epochs, a.max_samples, a.max_seconds, a.tuned))
    print(json.dumps(out))


def measure(path, epochs, max_samples, max_seconds, tuned):
    """Trains the first experiment of `path`; returns its figures."""
    spec = specs.load(path)[0]
    xtr, ytr, _, _, _ = specs.prepare(spec)
    if max_samples:
        xtr, ytr = xtr[:max_samples], ytr[:max_samples]
    epochs = epochs or int(spec["training"]["epochs"])
    secs, n, loss, _ = train(spec, xtr, ytr, epochs, tuned, max_seconds)
    return dict(workload=path, samples=n, seconds=secs, samples_per_s=n / secs, epochs=epochs, final_loss=loss,
                cores_used=train.cpu_seconds / secs)


if __name__ == "__main__":
    main()
