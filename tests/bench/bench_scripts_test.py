#!/usr/bin/python3
"""The benchmark scripts' own arithmetic, checked against the real binary
(bench/ is outside the test suite; its numbers are only as good as this):
  - the shard plan bench/run.py reads from `neurite validate` (its GEMM-only
    bound divides each step into those shards);
  - the GEMM-only bound of a step, against the sum written out by hand, and the
    ratio to PyTorch that it and the FMA-peak step allow;
  - the paired ratios of the 2t / 1t and --jobs rows (Suite.paired);
  - F's CPU-bound floor (bench/run.py, jobs2_floor; bench/f_bound.py uses it);
  - bench/f_bound.py's split of workload F into list items, which it runs as
    two half batches: 64 items, each a valid experiment of its own.
Exit 77 (CTest SKIP_RETURN_CODE) when NumPy or PyYAML is missing.

usage: bench_scripts_test.py NEURITE_BINARY SOURCE_DIR WORK_DIR
"""
import os
import shutil
import subprocess
import sys
from types import SimpleNamespace

try:
    import numpy  # noqa: F401  bench/peers/spec.py needs it
    import yaml  # noqa: F401
except ImportError:
    print("numpy or yaml is not installed: skipped")
    sys.exit(77)

NEURITE, SOURCE, WORK = sys.argv[1:4]
sys.path.insert(0, os.path.join(SOURCE, "bench"))
import f_bound  # noqa: E402
import run  # noqa: E402

failures = []


def check(condition, what, detail=""):
    print(("ok    " if condition else "FAIL  ") + what + ("" if condition or not detail else "\n" + detail))
    if not condition:
        failures.append(what)


def workload(name):
    return os.path.join(SOURCE, "bench", "workloads", name)


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)

# Shard plans, as neurite decides them (tests/training/trainer_test.cpp checks the rule itself).
for name, rows in (("a-moons.yaml", 32), ("c-mlp-sgd.yaml", 64), ("c-mlp-adam.yaml", 64),
                   ("d-wide.yaml", 256), ("lr-softmax.yaml", 128)):
    got = run.shard_rows(NEURITE, workload(name))
    check(got == rows, f"shard rows of {name}: {got}, expected {rows}")
uneven = os.path.join(WORK, "uneven.yaml")  # 100 rows in shards of 48: 48 + 48 + 4
with open(uneven, "w") as f:
    f.write("name: uneven\ndata: {source: moons, samples: 400}\nmodel: [{dense: {units: 2}}]\n"
            "loss: softmax_cross_entropy\noptimizer: {name: sgd, learning_rate: 0.1}\n"
            "training: {batch_size: 100, shard_rows: 48}\n")
check(run.shard_rows(NEURITE, uneven) == 48, "an explicit shard size that does not divide the batch")
try:
    run.shard_rows(NEURITE, os.path.join(SOURCE, "bench", "workloads", "f-batch", "moons-64.yaml"))
    check(False, "a file of 64 runs has no single shard plan")
except RuntimeError as e:
    check("no shard plan" in str(e), "a file of 64 runs has no single shard plan")

# GEMM-only bound: C's step at a flat 100 GFLOP/s for every product is its GEMM flops / 1e11 s.
c = {"id": "C", "spec": run.specs.load(workload("c-mlp-sgd.yaml"))[0], "features": 784}
sizes = [784, 256, 128, 10]
gemm = {"results": [dict(workload="C", backend="neurite", layer=layer, product=product, rows=128,
                         gflops_median=100.0, **{"in": sizes[layer], "out": sizes[layer + 1]})
                    for layer in range(3) for product in ("forward", "weight_grad", "input_grad")]}
bound = run.gemm_bound(c, gemm, 64)
# Per row: forward and weight gradient of each layer, input gradient of layers 1 and 2.
flops_per_row = 2 * (2 * (784 * 256 + 256 * 128 + 128 * 10) + 256 * 128 + 128 * 10)
want = 1e11 / flops_per_row
check(abs(bound["samples_per_s"] - want) < 1e-6 * want,
      f"C's GEMM-only bound at 100 GFLOP/s: {bound['samples_per_s']:.1f} samples/s, expected {want:.1f}")
check(abs(bound["step_gemm_gflops"] - 100.0) < 1e-9, "the bound's GEMM rate is the products' rate")
check(bound["shard_rows"] == 64 and bound["rates_rows"] == 128, "the bound notes its shard and rate rows")
del gemm["results"][-1]  # a product the GEMM bench did not measure: no bound rather than a wrong one
check(run.gemm_bound(c, gemm, 64) is None, "no bound without every product's rate")

# The ratio a step of nothing but GEMMs allows against a peer: the lower of the two figures.
check(run.gemm_step_ratio_bound(300.0, 200.0, 100.0)[0] == 2.0, "the GEMM-only bound caps when it is lower")
check(run.gemm_step_ratio_bound(300.0, 400.0, 100.0)[0] == 3.0, "the FMA-peak step caps when it is lower")
check(run.gemm_step_ratio_bound(300.0, None, 100.0) == (3.0, "one core at the FMA peak"),
      "without a GEMM-only bound, the FMA-peak step")

# Paired ratios: each repetition's ratio of medians, then their median and range.
def rows(engine, values_by_rep, with_rep=True):
    return [dict(workload="A", engine=engine, samples_per_s=v, **({"rep": rep} if with_rep else {}))
            for rep, values in enumerate(values_by_rep) for v in values]


fake = SimpleNamespace(args=SimpleNamespace(neurite_runs=3), raw=[])
fake.raw = (rows("neurite 1t", [[10, 11, 9], [20, 20, 20], [10, 10, 10]]) +
            rows("neurite 2t", [[20, 20, 30], [10, 10, 10], [12, 12, 12]]))
p = run.Suite.paired(fake, "A", "neurite 2t", "neurite 1t")  # 2.0, 0.5, 1.2
check(p["n"] == 3 and abs(p["median"] - 1.2) < 1e-12 and p["min"] == 0.5 and p["max"] == 2.0,
      "paired ratio: the median and range of the repetitions' ratios", str(p))
fake.raw = (rows("neurite 1t", [[10, 11, 9], [20, 20, 20]], with_rep=False) +
            rows("neurite 2t", [[20, 20, 30], [10, 10, 10]], with_rep=False))
p = run.Suite.paired(fake, "A", "neurite 2t", "neurite 1t")  # an older JSON: 3 runs per repetition
check(p["n"] == 2 and p["min"] == 0.5 and p["max"] == 2.0, "paired ratio without recorded repetitions", str(p))

# F's floor: the empty process, then the rest of --jobs 2's CPU time on two cores.
check(abs(run.jobs2_floor(0.004, 0.184, 0.004) - 0.094) < 1e-12, "jobs2_floor(0.004, 0.184, 0.004) = 0.094 s")

# f_bound's half batches: 64 items that are experiments of their own, 32 in each half.
with open(f_bound.F_FILE) as f:
    items = f_bound.split_items(f.read())
check(len(items) == 64, f"workload F splits into {len(items)} items, expected 64")
names = [yaml.safe_load(item)[0]["name"] for item in items]
check(len(set(names)) == 64 and names[0] == "f-h4-s1", "each item is one named experiment, in file order")
half = os.path.join(WORK, "odd.yaml")
with open(half, "w") as f:
    f.write("".join(items[0::2]))
r = subprocess.run([NEURITE, "validate", half], capture_output=True, text=True)
check(r.returncode == 0 and "32 valid run(s)" in r.stdout, "a half batch is 32 valid runs", r.stdout + r.stderr)

if failures:
    print(f"{len(failures)} check(s) failed")
    sys.exit(1)
print("all checks passed")
