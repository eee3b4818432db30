#!/usr/bin/python3
"""How cost grows with the work: samples/s of training against hidden width and
against batch size, neurite beside PyTorch, at 1 and 2 threads. Writes
bench/results/scaling-width.png, scaling-batch.png and scaling.json.

    bench/scaling.py [--neurite PATH] [--seconds S] [--reps N] [--quick]

- width:  784-H-H-10 ReLU, batch 128, SGD momentum 0.9, H = 8 ... 2048;
- batch:  784-256-128-10 ReLU (workload C), SGD momentum 0.9, batch 1 ... 1024.
Data: uniform features with random labels (source: random), one epoch.
neurite runs through its CLI (`--threads 1|2`); its sample count per point
comes from a short pilot run so that one point takes about S seconds; each
point is measured N times (default 3), in rounds, and its median plotted. PyTorch
(bench/peers/torch_bench.py) runs with its best setting from issue 8 (glibc
malloc tuned, foreach optimizers) and, for N threads, torch.set_num_threads(N)
and OPENBLAS_NUM_THREADS=N; it trains for S seconds.
Uses build/bin/neurite as it is: run bench/run.py (or scripts/bootstrap) first.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile

import yaml

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
PY = "/usr/bin/python3"
from run import MALLOC_TUNED  # noqa: E402  the suite's tuned glibc malloc, one definition


def experiment(hidden, batch, samples):
    model = []
    for h in hidden:
        model += [{"dense": {"units": h}}, {"activation": "relu"}]
    model.append({"dense": {"units": 10}})
    return {"name": "scaling", "seed": 1,
            "data": {"source": "random", "samples": int(samples), "features": 784, "classes": 10,
                     "split": {"train": 1.0}, "scale": "none"},
            "model": model, "loss": "softmax_cross_entropy",
            "optimizer": {"name": "sgd", "learning_rate": 0.01, "momentum": 0.9},
            "training": {"epochs": 1, "batch_size": int(batch), "shuffle": True}}


def write(tmp, exp):
    path = os.path.join(tmp, "scaling.yaml")
    with open(path, "w") as f:
        yaml.safe_dump(exp, f, sort_keys=False)
    return path


def neurite_rate(neurite, tmp, hidden, batch, threads, seconds):
    def run(samples):
        path = write(tmp, experiment(hidden, batch, samples))
        out = subprocess.run([neurite, "run", path, "--quiet", "--format", "json", "--threads", str(threads),
                              "--out", os.path.join(tmp, "out")], capture_output=True, text=True, check=True).stdout
        r = json.loads(out[out.index("["):])[0]
        return samples / r["wall_seconds"]

    pilot = run(max(4 * batch, 512))
    samples = min(max(int(pilot * seconds), 8 * batch), 100_000)
    return run(samples)


def torch_rate(tmp, hidden, batch, threads, seconds):
    path = write(tmp, experiment(hidden, batch, min(max(16 * batch, 4096), 60_000)))
    env = dict(os.environ, GLIBC_TUNABLES=MALLOC_TUNED, OPENBLAS_NUM_THREADS=str(threads))
    out = subprocess.run([PY, os.path.join(BENCH, "peers", "torch_bench.py"), path, "--threads", str(threads),
                          "--tuned", "--epochs", "100000", "--max-seconds", str(seconds)],
                         capture_output=True, text=True, env=env, check=True).stdout
    return json.loads(out)["samples_per_s"]


def sweep(args, tmp, name, points, shape):
    """Median samples/s per engine and point over args.reps rounds; each round
    measures every engine at every point once, so slow moments of the machine
    spread over all curves instead of bending one."""
    keys = [f"{engine} {threads}t" for engine in ("neurite", "torch") for threads in (1, 2)]
    samples = {key: [[] for _ in points] for key in keys}
    for _ in range(args.reps):
        for key in keys:
            engine, threads = key.split()[0], int(key.split()[1][:-1])
            for i, p in enumerate(points):
                hidden, batch = shape(p)
                if engine == "neurite":
                    r = neurite_rate(args.neurite, tmp, hidden, batch, threads, args.seconds)
                else:
                    r = torch_rate(tmp, hidden, batch, threads, args.seconds)
                samples[key][i].append(r)
                print(f"scaling: {name} {p:>5} {key:<10} {r:>12,.0f} samples/s", file=sys.stderr, flush=True)
    return {key: [statistics.median(v) for v in samples[key]] for key in keys}


def plot(points, results, xlabel, title, path):
    import matplotlib
    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    fig, ax = plt.subplots(figsize=(7, 4.5))
    styles = {"neurite 1t": ("tab:blue", "-"), "neurite 2t": ("tab:blue", "--"),
              "torch 1t": ("tab:orange", "-"), "torch 2t": ("tab:orange", "--")}
    for key, values in results.items():
        color, line = styles[key]
        ax.plot(points, values, marker="o", color=color, linestyle=line, label=key.replace("torch", "PyTorch"))
    ax.set_xscale("log", base=2)
    ax.set_xticks(points)
    ax.set_xticklabels([str(p) for p in points])
    ax.set_yscale("log")
    ax.set_xlabel(xlabel)
    ax.set_ylabel("training samples/s")
    ax.set_title(title, fontsize=10)
    ax.grid(True, which="both", alpha=0.3)
    ax.legend()
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--neurite", default=os.path.join(ROOT, "build", "bin", "neurite"))
    ap.add_argument("--seconds", type=float, default=1.0, help="training time per point (default 1)")
    ap.add_argument("--reps", type=int, default=3, help="rounds; each point's median is plotted (default 3)")
    ap.add_argument("--quick", action="store_true", help="fewer points, 0.3 s each, one round")
    args = ap.parse_args()
    widths = [8, 32, 128, 512, 2048]
    batches = [1, 4, 16, 64, 256, 1024]
    if args.quick:
        widths, batches, args.seconds, args.reps = [8, 128, 2048], [1, 32, 1024], 0.3, 1
    out_dir = os.path.join(BENCH, "results")
    os.makedirs(out_dir, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="neurite-scaling-") as tmp:
        width = sweep(args, tmp, "width", widths, lambda h: ([h, h], 128))
        batch = sweep(args, tmp, "batch", batches, lambda b: ([256, 128], b))
    commit = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    plot(widths, width, "hidden width H (784-H-H-10 ReLU, batch 128)",
         f"samples/s against width, neurite vs PyTorch 1.13 (commit {commit})",
         os.path.join(out_dir, "scaling-width.png"))
    plot(batches, batch, "batch size (784-256-128-10 ReLU)",
         f"samples/s against batch size, neurite vs PyTorch 1.13 (commit {commit})",
         os.path.join(out_dir, "scaling-batch.png"))
    with open(os.path.join(out_dir, "scaling.json"), "w") as f:
        json.dump({"commit": commit, "widths": widths, "width": width, "batches": batches, "batch": batch}, f,
                  indent=1)
    print("scaling: wrote bench/results/scaling-width.png, scaling-batch.png, scaling.json", file=sys.stderr)


if __name__ == "__main__":
    main()
