#!/usr/bin/python3
"""neurite benchmark suite: one command that builds neurite (Release, through
scripts/bootstrap) and measures every workload of bench/workloads/ in neurite
and its peers, interleaved, over several repetitions.

    bench/run.py [--quick] [--reps N] [--no-build] [--neurite PATH] [--only A,B,...]

Output: a Markdown table on stdout and in bench/results/latest.md, every
measurement in bench/results/latest.json. See bench/README.md.

Run it with /usr/bin/python3 (Debian's python3-torch, python3-sklearn); the
peers run as child processes of that interpreter, one per measurement, so that
environment settings (GLIBC_TUNABLES, OPENBLAS_NUM_THREADS) apply to them.
"""
import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
sys.path.insert(0, os.path.join(BENCH, "peers"))
PY = "/usr/bin/python3"
# Debian packages of the peers; installed (apt-get, through sudo unless root)
# when missing, as scripts/bootstrap does for neurite's own.
PEER_PACKAGES = ["python3-yaml", "python3-numpy", "python3-torch", "python3-sklearn", "python3-matplotlib",
                 "libfann-dev", "gcc"]


def ensure_packages():
    missing = [p for p in PEER_PACKAGES
               if "install ok installed" not in subprocess.run(["dpkg-query", "-W", "-f=${Status}", p],
                                                               capture_output=True, text=True).stdout]
    if not missing:
        return
    print(f"bench: installing {' '.join(missing)}", file=sys.stderr, flush=True)
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    env = dict(os.environ, DEBIAN_FRONTEND="noninteractive")
    subprocess.run(sudo + ["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(sudo + ["apt-get", "install", "-y", "-qq", "--no-install-recommends"] + missing, check=True,
                   env=env, stdout=subprocess.DEVNULL)


if __name__ == "__main__" and shutil.which("dpkg-query"):
    ensure_packages()
import yaml  # noqa: E402
import spec as specs  # noqa: E402
# Large blocks stay mapped (no page faults for a freed and reallocated batch)
# and on transparent huge pages, as neurite's large buffers are
# (neurite/plugin/large_buffer.hpp): hugetlb=1 gave PyTorch's LR +3%.
MALLOC_TUNED = ("glibc.malloc.mmap_threshold=67108864:glibc.malloc.trim_threshold=1073741824:"
                "glibc.malloc.hugetlb=1")

# The throughput workloads. `torch`/`sklearn`: epochs and rows of the training
# split the peer trains on (None: the file's), chosen so that one measurement
# takes about a second: throughput is per sample, and a peer 10-100x slower
# than neurite need not repeat all of neurite's epochs to be measured.
# `quick`: how --quick shrinks the file (a temporary copy) and the peers.
WORKLOADS = [
    dict(id="A", file="a-moons.yaml", what="moons MLP 2-16-2 tanh, batch 32, SGD",
         torch=dict(epochs=20), sklearn=dict(epochs=10),
         fann=dict(mode="incremental", hidden=16, samples=10000, epochs=30, lr=0.01, shuffle=1),
         quick=dict(file={"training.epochs": 20}, torch=dict(epochs=5), sklearn=dict(epochs=3),
                    fann=dict(epochs=10))),
    dict(id="B", file="b-wildml.yaml", what="WildML 2-3-2 tanh, full batch 200, SGD + weight decay",
         torch=dict(epochs=3000), sklearn=dict(epochs=3000),
         fann=dict(mode="batch", hidden=3, samples=200, epochs=20000, lr=0.01, shuffle=0),
         quick=dict(file={"training.epochs": 4000}, torch=dict(epochs=1000), sklearn=dict(epochs=1000),
                    fann=dict(epochs=4000))),
    dict(id="C", file="c-mlp-sgd.yaml", what="784-256-128-10 ReLU, batch 128, SGD momentum 0.9",
         torch=dict(epochs=1), sklearn=dict(epochs=1, max_samples=20000),
         quick=dict(file={"data.samples": 12800}, torch=dict(max_samples=12800),
                    sklearn=dict(max_samples=6400))),
    dict(id="C-adam", file="c-mlp-adam.yaml", what="784-256-128-10 ReLU, batch 128, Adam",
         torch=dict(epochs=1), sklearn=dict(epochs=1, max_samples=20000),
         quick=dict(file={"data.samples": 12800}, torch=dict(max_samples=12800),
                    sklearn=dict(max_samples=6400))),
    dict(id="D", file="d-wide.yaml", what="1024-2048-2048-10 ReLU, batch 256, SGD momentum 0.9",
         torch=dict(epochs=1, max_samples=3840), sklearn=dict(epochs=1, max_samples=1280),
         quick=dict(file={"data.samples": 1536}, torch=dict(max_samples=1536),
                    sklearn=dict(max_samples=512))),
    dict(id="LR", file="lr-softmax.yaml", what="softmax regression 784-10, batch 128, SGD",
         torch=dict(epochs=3), sklearn=dict(epochs=2),
         quick=dict(file={"training.epochs": 1, "data.samples": 30000}, torch=dict(epochs=1, max_samples=30000),
                    sklearn=dict(epochs=1, max_samples=30000))),
]
F_FILE = os.path.join(BENCH, "workloads", "f-batch", "moons-64.yaml")
STARTUP_FILE = os.path.join(BENCH, "workloads", "startup", "xor-1-epoch.yaml")

# PyTorch settings searched for its best figure: malloc (default or tuned) x
# (ATen threads, OpenBLAS threads) x optimizer path (default or foreach).
SEARCH_FULL = [dict(malloc=m, aten=a, blas=b, tuned=t)
               for m in (False, True) for (a, b) in ((1, 1), (1, 2), (2, 2)) for t in (False, True)]
# --quick measures the best setting the issue reports for 1 thread, without a search.
SEARCH_QUICK = [dict(malloc=True, aten=1, blas=1, tuned=True)]
TORCH_MAX_SECONDS = 3.0  # a slow PyTorch setting stops after this much training


def log(msg):
    print(msg, file=sys.stderr, flush=True)


def run_measured(cmd, env=None):
    """Like run_child, but reaps the child with os.wait4 to get its own peak RSS and CPU time
    (user + system, all its threads)."""
    start = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen(cmd, stdout=out, stderr=err, env=env, text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return dict(stdout=out.read(), stderr=err.read(), wall=wall, rc=proc.returncode,
                    rss_mib=usage.ru_maxrss / 1024.0, cpu=usage.ru_utime + usage.ru_stime)


def jobs2_floor(empty_wall, jobs2_cpu, empty_cpu):
    """The soonest --jobs 2 can end: the empty process (`neurite --version`) plus the rest of
    its CPU time spread over both cores with no idle moment. F's CPU bound is --jobs 1's wall
    time over this (here and in bench/f_bound.py)."""
    return empty_wall + (jobs2_cpu - empty_cpu) / 2


def json_from(text):
    start = min(i for i in (text.find("["), text.find("{")) if i >= 0)
    return json.loads(text[start:])


def git_commit():
    try:
        head = subprocess.run(["git", "-C", ROOT, "rev-parse", "--short", "HEAD"], capture_output=True,
                              text=True).stdout.strip()
        dirty = subprocess.run(["git", "-C", ROOT, "status", "--porcelain", "--untracked-files=no"],
                               capture_output=True, text=True).stdout.strip()
        return head + ("+dirty" if dirty else "")
    except OSError:
        return "unknown"


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    return dict(cpu=cpu, cores=os.cpu_count(), kernel=platform.release(),
                load_average=os.getloadavg(),
                env={k: os.environ.get(k) for k in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE",
                                                    "OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS",
                                                    "GLIBC_TUNABLES")})


def set_key(doc, dotted, value):
    node = doc
    keys = dotted.split(".")
    for k in keys[:-1]:
        node = node.setdefault(k, {})
    node[keys[-1]] = value


def quick_copy(path, overrides, tmpdir):
    """A copy of a workload file with `overrides` applied to every experiment."""
    with open(path) as f:
        doc = yaml.safe_load(f)
    for item in (doc if isinstance(doc, list) else [doc]):
        for k, v in overrides.items():
            set_key(item, k, v)
    out = os.path.join(tmpdir, os.path.basename(path))
    with open(out, "w") as f:
        yaml.safe_dump(doc, f, sort_keys=False)
    return out


class Suite:
    def __init__(self, args):
        self.args = args
        self.neurite = args.neurite
        self.tmp = tempfile.mkdtemp(prefix="neurite-bench-")
        self.samples = {}  # (workload, engine) -> [samples/s]
        self.extra = {}    # (workload, engine) -> dict of last details (rss, gflops, config)
        self.raw = []      # every measurement, for the JSON
        self.rep = None    # the repetition being measured (None: set-up and search)
        self.workloads = [w for w in WORKLOADS if not args.only or w["id"] in args.only]
        for w in self.workloads:
            w["path"] = os.path.join(BENCH, "workloads", w["file"])
            if args.quick:
                w["path"] = quick_copy(w["path"], w["quick"]["file"], self.tmp)
                for peer in ("torch", "sklearn", "fann"):
                    if peer in w:
                        w[peer] = {**w[peer], **w["quick"].get(peer, {})}
            w["spec"] = specs.load(w["path"])[0]
            d = w["spec"]["data"]
            w["features"] = int(d["features"]) if d["source"] == "random" else 2
            w["train_rows"] = min(int(round(int(d["samples"]) * d["split"]["train"])), int(d["samples"]))
            w["flops"] = specs.gemm_flops_per_sample(w["spec"], w["features"])
        self.f_path = quick_copy(F_FILE, {"training.epochs": 10}, self.tmp) if args.quick else F_FILE
        os.makedirs(os.path.join(self.tmp, "pair"))
        self.pair_path = quick_copy(os.path.join(BENCH, "workloads", "a-moons.yaml"),
                                    {"training.epochs": 100 if args.quick else 1000}, os.path.join(self.tmp, "pair"))
        self.fann = None
        self.gemm = None  # neurite_gemm_bench's JSON (GEMM-only bound, FMA peak), or None

    # -- building -------------------------------------------------------------------------
    def build(self):
        if not self.args.no_build:
            log("bench: building neurite (scripts/bootstrap, Release)")
            subprocess.run([os.path.join(ROOT, "scripts", "bootstrap")], check=True, stdout=sys.stderr)
        if not os.access(self.neurite, os.X_OK):
            sys.exit(f"bench: no neurite executable at {self.neurite}")
        if shutil.which("gcc") and os.path.exists("/usr/include/fann.h"):
            self.fann = os.path.join(self.tmp, "fann_bench")
            subprocess.run(["gcc", "-O3", "-Wall", "-Wextra", "-o", self.fann,
                            os.path.join(BENCH, "peers", "fann_bench.c"), "-lfann", "-lm"], check=True)
        else:
            log("bench: FANN peer skipped (needs gcc and libfann-dev)")

    def gemm_bench(self):
        """Runs neurite_gemm_bench once (neurite's GEMM kernels on every workload's shapes, and
        the FMA peak) for the GEMM-only bound; skipped with a note when it is absent or fails."""
        path = self.args.gemm_bench
        if not path or not os.access(path, os.X_OK):
            log(f"bench: GEMM-only bound skipped (no neurite_gemm_bench at {path}; build it in build-bench/)")
            return
        out = os.path.join(self.tmp, "gemm.json")
        log("bench: measuring GEMM rates and FMA peak (neurite_gemm_bench)")
        m = run_measured([path, "--rounds", str(self.args.gemm_rounds), "--sample-ms", "5", "--json", out])
        if m["rc"] != 0 or not os.path.exists(out):
            log(f"bench: neurite_gemm_bench failed, GEMM-only bound skipped: {m['stderr'][-2000:]}")
            return
        with open(out) as f:
            self.gemm = json.load(f)
        self.gemm["command"] = [path, "--rounds", str(self.args.gemm_rounds), "--sample-ms", "5"]
        self.gemm["seconds"] = m["wall"]

    # -- one measurement per engine ---------------------------------------------------------
    def record(self, wid, engine, sps, **details):
        details.setdefault("rep", self.rep)
        self.samples.setdefault((wid, engine), []).append(sps)
        self.extra.setdefault((wid, engine), {}).update(details)
        self.raw.append(dict(workload=wid, engine=engine, samples_per_s=sps, **details))

    def neurite_runs(self, w, threads):
        """neurite's runs take a fraction of a second on most workloads, where one run is at the
        mercy of the machine's moment: each repetition runs it --neurite-runs times."""
        for _ in range(self.args.neurite_runs):
            self.neurite_run(w, threads)

    def neurite_run(self, w, threads):
        out = os.path.join(self.tmp, "out")
        m = run_measured([self.neurite, "run", w["path"], "--quiet", "--format", "json",
                          "--threads", str(threads), "--out", out])
        if m["rc"] != 0:
            raise RuntimeError(f"neurite failed on {w['file']}: {m['stderr'][-2000:]}")
        r = json_from(m["stdout"])[0]
        samples = w["train_rows"] * int(r["epochs"])
        sps = samples / r["wall_seconds"]
        self.record(w["id"], f"neurite {threads}t", sps, seconds=r["wall_seconds"], samples=samples,
                    process_seconds=m["wall"], peak_rss_mib=m["rss_mib"], gflops=sps * w["flops"] / 1e9)

    def torch_env(self, cfg):
        env = dict(os.environ)
        if cfg.get("malloc"):
            env["GLIBC_TUNABLES"] = MALLOC_TUNED
        if cfg.get("blas"):
            env["OPENBLAS_NUM_THREADS"] = str(cfg["blas"])
        return env

    def torch_run(self, w, cfg, engine=None, record=True, sizes=None):
        p = sizes or w["torch"]
        cmd = [PY, os.path.join(BENCH, "peers", "torch_bench.py"), w["path"], "--threads", str(cfg["aten"]),
               "--max-seconds", str(TORCH_MAX_SECONDS)]
        if cfg.get("tuned"):
            cmd.append("--tuned")
        if p.get("epochs"):
            cmd += ["--epochs", str(p["epochs"])]
        if p.get("max_samples"):
            cmd += ["--max-samples", str(p["max_samples"])]
        m = run_measured(cmd, env=self.torch_env(cfg))
        if m["rc"] != 0:
            raise RuntimeError(f"torch peer failed on {w['file']}: {m['stderr'][-2000:]}")
        r = json_from(m["stdout"])
        if record:
            self.record(w["id"], engine, r["samples_per_s"], seconds=r["seconds"], samples=r["samples"],
                        peak_rss_mib=m["rss_mib"], gflops=r["samples_per_s"] * w["flops"] / 1e9,
                        config=describe(cfg), cores_used=r.get("cores_used"))
        return r["samples_per_s"]

    def sklearn_run(self, w):
        p = w["sklearn"]
        cmd = [PY, os.path.join(BENCH, "peers", "sklearn_bench.py"), w["path"]]
        if p.get("epochs"):
            cmd += ["--epochs", str(p["epochs"])]
        if p.get("max_samples"):
            cmd += ["--max-samples", str(p["max_samples"])]
        env = dict(os.environ, OPENBLAS_NUM_THREADS="1")
        m = run_measured(cmd, env=env)
        if m["rc"] != 0:
            raise RuntimeError(f"sklearn peer failed on {w['file']}: {m['stderr'][-2000:]}")
        r = json_from(m["stdout"])
        self.record(w["id"], "sklearn 1t", r["samples_per_s"], seconds=r["seconds"], samples=r["samples"],
                    peak_rss_mib=m["rss_mib"], gflops=r["samples_per_s"] * w["flops"] / 1e9, dtype=r["dtype"])

    def fann_run(self, w):
        f = w["fann"]
        m = run_measured([self.fann, f["mode"], str(f["hidden"]), str(f["samples"]), str(f["epochs"]),
                          str(f["lr"]), str(f["shuffle"]), "1"])
        if m["rc"] != 0:
            raise RuntimeError(f"FANN peer failed: {m['stderr']}")
        r = json_from(m["stdout"])
        self.record(w["id"], "FANN 1t", r["samples_per_s"], seconds=r["seconds"], samples=r["samples"],
                    peak_rss_mib=m["rss_mib"], gflops=r["samples_per_s"] * w["flops"] / 1e9)

    # -- the search for PyTorch's best setting ------------------------------------------------
    def search_torch(self):
        grid = SEARCH_QUICK if self.args.quick else SEARCH_FULL
        self.best = {}
        self.search_log = []
        if len(grid) == 1:
            self.best = {w["id"]: grid[0] for w in WORKLOADS}
            return
        log(f"bench: searching PyTorch settings ({len(grid)} settings x {len(self.workloads)} workloads)")
        # One process per setting measures every workload once, at the --quick sizes:
        # enough to rank settings that differ by 10% or more; the chosen one is then
        # measured in the repetitions like every other engine.
        plan = [dict(workload=w["path"], max_seconds=TORCH_MAX_SECONDS,
                     **{k.replace("-", "_"): v for k, v in {**w["torch"], **w["quick"].get("torch", {})}.items()})
                for w in self.workloads]
        plan_path = os.path.join(self.tmp, "search-plan.json")
        with open(plan_path, "w") as f:
            json.dump(plan, f)
        scores = {w["id"]: [] for w in self.workloads}
        for cfg in grid:
            cmd = [PY, os.path.join(BENCH, "peers", "torch_bench.py"), "--plan", plan_path,
                   "--threads", str(cfg["aten"])] + (["--tuned"] if cfg.get("tuned") else [])
            m = run_measured(cmd, env=self.torch_env(cfg))
            if m["rc"] != 0:
                raise RuntimeError(f"torch peer failed in the search: {m['stderr'][-2000:]}")
            for w, r in zip(self.workloads, json_from(m["stdout"])):
                scores[w["id"]].append((r["samples_per_s"], cfg))
                self.search_log.append(dict(workload=w["id"], config=describe(cfg), samples_per_s=r["samples_per_s"]))
        for w in self.workloads:
            sps, cfg = max(scores[w["id"]], key=lambda s: s[0])
            self.best[w["id"]] = cfg
            log(f"  {w['id']}: best {describe(cfg)} at {sps:,.0f} samples/s")

    # -- workload F and start-up ---------------------------------------------------------------
    def f_neurite(self, jobs, threads):
        out = os.path.join(self.tmp, "out-f")
        m = run_measured([self.neurite, "run", self.f_path, "--quiet", "--format", "json",
                          "--threads", str(threads), "--jobs", str(jobs), "--out", out])
        if m["rc"] != 0:
            raise RuntimeError(f"neurite failed on workload F (--jobs {jobs}): {m['stderr'][-2000:]}")
        runs = json_from(m["stdout"])
        rows = {e["name"]: min(int(round(int(e["data"]["samples"]) * e["data"]["split"]["train"])),
                               int(e["data"]["samples"])) for e in specs.load(self.f_path)}
        samples = sum(rows[r["experiment"]] * int(r["epochs"]) for r in runs)
        self.record("F", f"neurite --jobs {jobs} --threads {threads}", samples / m["wall"],
                    seconds=m["wall"], samples=samples, experiments=len(runs),
                    sum_wall_seconds=sum(r["wall_seconds"] for r in runs), peak_rss_mib=m["rss_mib"],
                    cpu_seconds=m["cpu"])

    def f_torch(self, cfg, engine):
        cmd = [PY, os.path.join(BENCH, "peers", "torch_bench.py"), self.f_path, "--batch",
               "--threads", str(cfg["aten"])] + (["--tuned"] if cfg.get("tuned") else [])
        m = run_measured(cmd, env=self.torch_env(cfg))
        if m["rc"] != 0:
            raise RuntimeError(f"torch peer failed on workload F: {m['stderr'][-2000:]}")
        r = json_from(m["stdout"])
        self.record("F", engine, r["samples_per_s"], seconds=r["seconds"], samples=r["samples"],
                    experiments=r["experiments"], process_seconds=m["wall"], peak_rss_mib=m["rss_mib"],
                    config=describe(cfg))

    def startup(self):
        m = run_measured([self.neurite, "run", STARTUP_FILE, "--quiet", "--threads", "1",
                          "--out", os.path.join(self.tmp, "out-s")])
        if m["rc"] != 0:
            raise RuntimeError(f"neurite failed on the start-up experiment: {m['stderr']}")
        self.record("start-up", "neurite run (1-epoch XOR)", m["wall"], seconds=m["wall"], peak_rss_mib=m["rss_mib"])
        # The floor of any neurite process (exec, loading the libraries, exit): F's CPU bound.
        m = run_measured([self.neurite, "--version"])
        self.record("start-up", "neurite --version", m["wall"], seconds=m["wall"], cpu_seconds=m["cpu"])
        m = run_measured([PY, "-c", "import torch"])
        self.record("start-up", "python3 -c 'import torch'", m["wall"], seconds=m["wall"], peak_rss_mib=m["rss_mib"])

    # -- the interleaved repetitions ------------------------------------------------------------
    def measure(self):
        reps = self.args.reps
        for rep in range(reps):
            self.rep = rep
            log(f"bench: repetition {rep + 1} of {reps}")
            for w in self.workloads:
                tasks = [lambda w=w: self.neurite_runs(w, 1), lambda w=w: self.neurite_runs(w, 2),
                         lambda w=w: self.torch_run(w, dict(aten=1), "torch default 1t"),
                         lambda w=w: self.torch_run(w, dict(aten=2), "torch default 2t"),
                         lambda w=w: self.torch_run(w, self.best[w["id"]], "torch best")]
                if "sklearn" in w and not self.args.no_sklearn:
                    tasks.append(lambda w=w: self.sklearn_run(w))
                if "fann" in w and self.fann:
                    tasks.append(lambda w=w: self.fann_run(w))
                shift = rep % len(tasks)  # rotate the order so no engine always runs first
                for task in tasks[shift:] + tasks[:shift]:
                    task()
                log(f"  {w['id']} done")
            if not self.args.only or "F" in self.args.only:
                if rep < self.f_reps():
                    best_small = self.best.get("A", dict(malloc=True, aten=1, blas=1, tuned=True))
                    for _ in range(self.args.neurite_runs):
                        self.f_neurite(1, 2)
                        self.f_neurite(2, 2)
                    self.f_torch(best_small, "torch best, one process")
                    log("  F done")
            self.startup()
            self.two_processes()

    def two_processes(self):
        """What two cores give on this machine: workload A (x10 epochs) in one single-thread neurite
        process alone, then in two at once. The two-process speed-up, 2 x alone / together (whole
        processes), bounds every two-way parallel gain here (--jobs 2, --threads 2)."""
        path = self.pair_path
        cmd = lambda out: [self.neurite, "run", path, "--quiet", "--threads", "1", "--out",
                           os.path.join(self.tmp, out)]
        alone = run_measured(cmd("out-p0"))["wall"]
        start = time.perf_counter()
        procs = [subprocess.Popen(cmd(f"out-p{i}"), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                 for i in (1, 2)]
        if any(p.wait() != 0 for p in procs):
            raise RuntimeError("neurite failed in the two-process measurement")
        together = time.perf_counter() - start
        self.record("two processes", "speed-up", 2.0 * alone / together, alone_seconds=alone,
                    together_seconds=together)

    def f_cpu_bound(self):
        """F's --jobs 2 cannot end sooner than the empty process (`neurite --version`) plus the
        rest of its CPU time spread over both cores with no idle moment (--jobs 1 already runs its
        archives, planning and library set-up on the second thread: its CPU time exceeds its wall
        time). Returns (jobs1 wall / that floor, how it was found) or None."""
        def median_of(engine, wid, key):
            v = [r[key] for r in self.raw if r["workload"] == wid and r["engine"] == engine and key in r]
            return statistics.median(v) if v else None
        j1 = median_of("neurite --jobs 1 --threads 2", "F", "seconds")
        cpu2 = median_of("neurite --jobs 2 --threads 2", "F", "cpu_seconds")
        empty = median_of("neurite --version", "start-up", "seconds")
        empty_cpu = median_of("neurite --version", "start-up", "cpu_seconds")
        if None in (j1, cpu2, empty, empty_cpu):
            return None
        floor = jobs2_floor(empty, cpu2, empty_cpu)
        return j1 / floor, (f"--jobs 2's CPU time {cpu2:.3f} s on both cores with no idle moment: "
                            f"{floor:.3f} s, against --jobs 1's {j1:.3f} s")

    def f_reps(self):
        return 1 if self.args.quick else min(self.args.reps, 3)

    # -- results ----------------------------------------------------------------------------------
    def stats(self, wid, engine):
        v = self.samples.get((wid, engine))
        if not v:
            return None
        return dict(median=statistics.median(v), min=min(v), max=max(v), n=len(v), values=v)

    def paired(self, wid, numerator, denominator):
        """numerator / denominator repetition by repetition: in each repetition the two engines ran
        back to back, so the ratio of that repetition's medians leaves out the machine's slower
        drifts (it switches between a fast and a slow mode for minutes at a time), which the
        ratio of the whole run's medians does not. Returns the median, min and max over the
        repetitions, or None. Measurements of a JSON written before repetitions were recorded
        count as one repetition per --neurite-runs measurements, in order."""
        def by_rep(engine):
            rows = [r for r in self.raw if r["workload"] == wid and r["engine"] == engine]
            groups = {}
            for k, r in enumerate(rows):
                rep = r.get("rep")
                groups.setdefault(rep if rep is not None else k // self.args.neurite_runs, []).append(
                    r["samples_per_s"])
            return groups
        num, den = by_rep(numerator), by_rep(denominator)
        ratios = [statistics.median(num[k]) / statistics.median(den[k]) for k in sorted(num) if k in den]
        if not ratios:
            return None
        return dict(median=statistics.median(ratios), min=min(ratios), max=max(ratios), n=len(ratios))

    def load(self, path):
        """Takes the measurements of an earlier run's JSON instead of measuring (--from-json)."""
        with open(path) as f:
            saved = json.load(f)
        self.search_log = saved.get("torch_search", [])
        self.gemm = saved.get("gemm")
        for m in saved["measurements"]:
            m = dict(m)
            self.record(m.pop("workload"), m.pop("engine"), m.pop("samples_per_s"), **m)
        return saved["meta"]

    def report(self, meta=None):
        meta = meta or dict(date=datetime.datetime.now().astimezone().isoformat(timespec="seconds"),
                            commit=git_commit(), mode="quick" if self.args.quick else "full", reps=self.args.reps,
                            machine=machine(), neurite=self.neurite)
        md = [f"### Benchmark run {meta['date']}, commit {meta['commit']} ({meta['mode']}, "
              f"{self.args.reps} repetitions)", "",
              f"Machine: {meta['machine']['cpu']}, {meta['machine']['cores']} cores, kernel "
              f"{meta['machine']['kernel']}; load average at the end {fmt_load(meta['machine']['load_average'])}; "
              f"OPENBLAS_CORETYPE={meta['machine']['env']['OPENBLAS_CORETYPE']}, "
              f"OPENBLAS_L2_SIZE={meta['machine']['env']['OPENBLAS_L2_SIZE']}.", ""]
        summary = []
        md += ["Samples/s of training (median over the repetitions). A ratio is neurite's median "
               "over the peer's median, except 2t / 1t: the median over the repetitions of each "
               "repetition's ratio (neurite ran at 1 and 2 threads back to back in each). torch best: "
               "PyTorch's fastest median in this run (the searched setting or a default one; which one "
               "is in the details).", "",
               "| workload | neurite 1t | neurite 2t | 2t / 1t | torch 1t | torch 2t | torch best | "
               "neurite 1t / torch best | FANN | neurite 1t / FANN | sklearn | neurite 1t / sklearn |",
               "|---|---|---|---|---|---|---|---|---|---|---|---|"]
        for w in self.workloads:
            n1, n2 = self.stats(w["id"], "neurite 1t"), self.stats(w["id"], "neurite 2t")
            t1, t2 = self.stats(w["id"], "torch default 1t"), self.stats(w["id"], "torch default 2t")
            # PyTorch's best figure is its fastest median in this run: the searched
            # setting, or its default when the one-shot search picked worse.
            searched = self.extra.get((w["id"], "torch best"), {}).get("config", "")
            candidates = [(s, c, e) for s, c, e in ((self.stats(w["id"], "torch best"), searched, "torch best"),
                                                    (t1, "default, ATen 1t", "torch default 1t"),
                                                    (t2, "default, ATen 2t", "torch default 2t")) if s]
            tb, tb_config, tb_engine = max(candidates, key=lambda sc: sc[0]["median"], default=(None, "", None))
            fa, sk = self.stats(w["id"], "FANN 1t"), self.stats(w["id"], "sklearn 1t")
            paired_2t_1t = self.paired(w["id"], "neurite 2t", "neurite 1t")
            row = dict(workload=w["id"], neurite_1t=n1, neurite_2t=n2, torch_1t=t1, torch_2t=t2, torch_best=tb,
                       torch_best_config=tb_config, torch_best_engine=tb_engine, fann=fa, sklearn=sk,
                       ratio_2t_1t=paired_2t_1t["median"] if paired_2t_1t else None, paired_2t_1t=paired_2t_1t,
                       ratio_2t_1t_of_medians=ratio(n2, n1), ratio_torch_best=ratio(n1, tb),
                       ratio_torch_1t=ratio(n1, t1), ratio_fann=ratio(n1, fa), ratio_sklearn=ratio(n1, sk))
            summary.append(row)
            md.append(f"| {w['id']} | {rate(n1)} | {rate(n2)} | {x(row['ratio_2t_1t'])} | {rate(t1)} | {rate(t2)} | "
                      f"{rate(tb)} | **{x(row['ratio_torch_best'])}** | {rate(fa)} | {x(row['ratio_fann'])} | "
                      f"{rate(sk)} | {x(row['ratio_sklearn'])} |")
        md += ["", "torch best came from: " + "; ".join(f"{r['workload']} {r['torch_best_config']}" for r in summary)
               + "."]
        md += ["", "Details: median [min – max] samples/s, achieved GEMM GFLOP/s at the median "
               "(exact GEMM flops per sample x samples/s), peak resident memory of the process.", "",
               "| workload | engine | samples/s | min – max | GEMM GFLOP/s | peak RSS MiB | setting |",
               "|---|---|---|---|---|---|---|"]
        for w in self.workloads:
            for engine in ("neurite 1t", "neurite 2t", "torch default 1t", "torch default 2t", "torch best",
                           "FANN 1t", "sklearn 1t"):
                s = self.stats(w["id"], engine)
                if not s:
                    continue
                e = self.extra[(w["id"], engine)]
                rss = max(r["peak_rss_mib"] for r in self.raw if r["workload"] == w["id"] and r["engine"] == engine)
                setting = e.get("config", "")
                if e.get("cores_used") is not None:  # CPU time / wall time of the training loop
                    setting += f"{', ' if setting else ''}{e['cores_used']:.1f} cores busy"
                if engine == "sklearn 1t":
                    setting = f"MLPClassifier, {e.get('dtype')}"
                md.append(f"| {w['id']} | {engine} | {rate(s)} | {rate_range(s)} | "
                          f"{s['median'] * w['flops'] / 1e9:.1f} | {rss:.0f} | {setting} |")
        md += ["", "Workload sizes: " + "; ".join(
            f"{w['id']} {w['what']}, {w['train_rows']:,} rows x {w['spec']['training']['epochs']} epoch(s) "
            f"in neurite" for w in self.workloads), ""]
        data_mib = {w["id"]: w["train_rows"] * w["features"] * 4 / 2**20 for w in self.workloads}
        md += ["Memory: peak RSS of `neurite run --threads 1` against the bytes of its data (float32 "
               "features).", "", "| workload | data MiB | neurite peak RSS MiB | RSS - data MiB |", "|---|---|---|---|"]
        for w in self.workloads:
            rss = [r["peak_rss_mib"] for r in self.raw if r["workload"] == w["id"] and r["engine"] == "neurite 1t"]
            if rss:
                md.append(f"| {w['id']} | {data_mib[w['id']]:.1f} | {max(rss):.0f} | {max(rss) - data_mib[w['id']]:.0f} |")
        f_rows = [(e, self.stats("F", e)) for e in ("neurite --jobs 1 --threads 2", "neurite --jobs 2 --threads 2",
                                                   "torch best, one process")]
        if any(s for _, s in f_rows):
            j1 = self.stats("F", "neurite --jobs 1 --threads 2")
            j2 = self.stats("F", "neurite --jobs 2 --threads 2")
            tb = self.stats("F", "torch best, one process")
            md += ["", "Workload F: 64 moons experiments (whole `neurite run` process; PyTorch: the loop over "
                   "the 64 trainings in one process, without `import torch`).", "",
                   "| engine | samples/s | min – max | seconds (median) | setting |", "|---|---|---|---|---|"]
            for e, s in f_rows:
                if s:
                    secs = statistics.median(r["seconds"] for r in self.raw if r["workload"] == "F" and r["engine"] == e)
                    md.append(f"| {e} | {rate(s)} | {rate_range(s)} | {secs:.2f} | "
                              f"{self.extra[('F', e)].get('config', '')} |")
            jobs = self.paired("F", "neurite --jobs 2 --threads 2", "neurite --jobs 1 --threads 2")
            spread = f" [{x(jobs['min'])} – {x(jobs['max'])} over {jobs['n']} repetitions]" if jobs else ""
            md += ["", f"--jobs 2 / --jobs 1: **{x(jobs['median'] if jobs else None)}**{spread} (each "
                   f"repetition's ratio, then their median; the ratio of the medians is {x(ratio(j2, j1))}); "
                   f"--jobs 2 / PyTorch: **{x(ratio(j2, tb))}**."]
        ns = self.stats("start-up", "neurite run (1-epoch XOR)")
        ts = self.stats("start-up", "python3 -c 'import torch'")
        if ns and ts:
            md += ["", f"Start-up: whole `neurite run` of a 1-epoch XOR experiment {ns['median'] * 1000:.0f} ms "
                   f"[{ns['min'] * 1000:.0f} – {ns['max'] * 1000:.0f}]; `python3 -c 'import torch'` "
                   f"{ts['median'] * 1000:.0f} ms [{ts['min'] * 1000:.0f} – {ts['max'] * 1000:.0f}]; "
                   f"ratio **{ns['median'] / ts['median']:.3f}** (target at most 0.1)."]
        bounds = self.gemm_section(md, summary)
        md += self.targets(summary, ns, ts, bounds)
        text = "\n".join(md) + "\n"
        os.makedirs(os.path.join(BENCH, "results"), exist_ok=True)
        with open(os.path.join(BENCH, "results", "latest.md"), "w") as f:
            f.write(text)
        with open(os.path.join(BENCH, "results", "latest.json"), "w") as f:
            json.dump(dict(meta=meta, summary=summary, torch_search=self.search_log, measurements=self.raw,
                           gemm=self.gemm, gemm_bound=bounds,
                           workloads=[dict(id=w["id"], file=w["file"], what=w["what"], train_rows=w["train_rows"],
                                           epochs=w["spec"]["training"]["epochs"], gemm_flops_per_sample=w["flops"],
                                           torch=w["torch"], sklearn=w.get("sklearn"), fann=w.get("fann"))
                                      for w in self.workloads]),
                      f, indent=1)
        print(text)


    def gemm_section(self, md, summary):
        """The GEMM-only bound and the FMA peak per workload (issue 8); returns them by workload."""
        if not self.gemm:
            md += ["", "GEMM-only bound and FMA peak: not measured (no neurite_gemm_bench; see --gemm-bench)."]
            return {}
        peak = fma_peak(self.gemm)
        rows = {r["workload"]: r for r in summary}
        bounds = {}
        md += ["", "GEMM-only bound: the samples/s of a training step that were nothing but its GEMMs (forward "
               "and weight gradient of every dense layer, input gradient of all but the first), each at the "
               "median GFLOP/s `neurite_gemm_bench` measured for neurite's kernels on that shape "
               f"({self.gemm.get('rounds')} rounds). FMA peak: best burst of one core's FMA loop, "
               "AVX-512 or AVX2. Achieved GEMM GFLOP/s: neurite 1t samples/s x exact GEMM flops per sample.",
               "", "| workload | shard rows | neurite 1t | GEMM-only bound | neurite / bound | "
               "GEMM GFLOP/s in the bound | achieved GEMM GFLOP/s | FMA peak GFLOP/s | achieved / peak |",
               "|---|---|---|---|---|---|---|---|---|"]
        approx = False
        for w in self.workloads:
            b = gemm_bound(w, self.gemm, shard_rows(self.neurite, w["path"]))
            if not b:
                continue
            n1 = rows.get(w["id"], {}).get("neurite_1t")
            achieved = n1["median"] * w["flops"] / 1e9 if n1 else None
            b.update(neurite_1t=n1["median"] if n1 else None, achieved_gflops=achieved, fma_peak_gflops=peak,
                     ratio_bound=n1["median"] / b["samples_per_s"] if n1 else None,
                     ratio_peak=achieved / peak if achieved is not None and peak else None)
            bounds[w["id"]] = b
            shards = -(-b["batch"] // b["shard_rows"])
            mark = ""
            if b["rates_rows"] != b["shard_rows"]:
                mark, approx = "*", True
            pct = lambda v: f"{100 * v:.0f}%" if v is not None else "–"
            md.append(f"| {w['id']} | {b['shard_rows']} x {shards} | {rate(n1)} | {si(b['samples_per_s'])}{mark} | "
                      f"**{pct(b['ratio_bound'])}** | {b['step_gemm_gflops']:.1f} | "
                      f"{achieved:.1f} | {peak:.1f} | **{pct(b['ratio_peak'])}** |"
                      if achieved is not None and peak else
                      f"| {w['id']} | {b['shard_rows']} x {shards} | – | {si(b['samples_per_s'])}{mark} | – | "
                      f"{b['step_gemm_gflops']:.1f} | – | {peak or 0:.1f} | – |")
        if approx:
            md += ["", "\\* neurite trains this workload in shards smaller than the batch; neurite_gemm_bench "
                   "measures the full-batch shapes only, so the bound takes the full-batch rate of each product "
                   "for its shard's."]
        return bounds

    def targets(self, summary, startup_neurite, startup_torch, bounds=None):
        """The targets of issue 8 that this suite measures, with this run's figures and, where the
        machine itself caps a figure, that cap (the "bound" column)."""
        rows = {r["workload"]: r for r in summary}
        bounds = bounds or {}
        peak = fma_peak(self.gemm) if self.gemm else None
        pair = self.stats("two processes", "speed-up")
        pair_bound = (pair["median"], f"two processes: {pair['median']:.2f}x") if pair else None
        checks = []

        def check(label, value, goal, at_least=True, bound=None, spread=None):
            """bound: (highest value this machine allows, how it was found) or None. spread: a
            paired ratio (Suite.paired), whose median is the value and whose range is shown."""
            if spread:
                value = spread["median"]
            if value is None:
                return
            ok = value >= goal if at_least else value <= goal
            met = "yes" if ok else "**no**"
            cap = ""
            if bound:
                cap = f"{bound[0]:.2f} ({bound[1]})"
                if not ok and bound[0] < goal:
                    met = "**out of reach**"
            shown = f"{value:.2f}" + (f" [{spread['min']:.2f} – {spread['max']:.2f}]" if spread else "")
            checks.append(f"| {label} | {shown} | {'>=' if at_least else '<='} {goal} | {met} | {cap} |")

        def torch_bound(wid):
            """The ratio neurite 1t would reach if its step were nothing but GEMMs: at one core's FMA
            peak, and (tighter) at the rates this run measured for the step's products with neurite's
            GEMM library (the GEMM-only bound). The lower of the two caps the ratio."""
            w = next((w for w in self.workloads if w["id"] == wid), None)
            tb = rows[wid]["torch_best"]
            if not (w and tb and peak):
                return None
            cores = self.extra.get((wid, rows[wid]["torch_best_engine"]), {}).get("cores_used")
            bound, how = gemm_step_ratio_bound(peak * 1e9 / w["flops"], bounds.get(wid, {}).get("samples_per_s"),
                                               tb["median"])
            return (bound, how + (f"; torch best used {cores:.1f} cores" if cores else ""))

        for wid, goal in (("A", 60), ("B", 12), ("LR", 3), ("C", 2), ("C-adam", 2), ("D", 1.3)):
            if wid in rows:
                check(f"{wid}: neurite 1t / PyTorch best", rows[wid]["ratio_torch_best"], goal,
                      bound=torch_bound(wid) if wid in ("LR", "C", "C-adam", "D") else None)
        if "A" in rows:
            check("A: neurite 1t / FANN", rows["A"]["ratio_fann"], 6)
        for wid, goal in (("C", 1.5), ("C-adam", 1.5), ("D", 1.7), ("A", 1.0), ("B", 1.0)):
            if wid in rows:
                check(f"{wid}: neurite 2t / 1t", None, goal, bound=pair_bound, spread=rows[wid]["paired_2t_1t"])
        check("F: --jobs 2 / --jobs 1", None, 1.8, bound=self.f_cpu_bound() or pair_bound,
              spread=self.paired("F", "neurite --jobs 2 --threads 2", "neurite --jobs 1 --threads 2"))
        j2 = self.stats("F", "neurite --jobs 2 --threads 2")
        check("F: --jobs 2 / PyTorch best", ratio(j2, self.stats("F", "torch best, one process")), 50)
        if startup_neurite and startup_torch:
            check("start-up: neurite run / import torch", startup_neurite["median"] / startup_torch["median"], 0.1,
                  at_least=False)
        for w in self.workloads:
            if w["id"] != "C":
                continue
            rss = [r["peak_rss_mib"] for r in self.raw if r["workload"] == "C" and r["engine"] == "neurite 1t"]
            if rss:
                check("C: peak RSS - data bytes (MiB)", max(rss) - w["train_rows"] * w["features"] * 4 / 2**20, 48,
                      at_least=False)
        if "C" in bounds:
            check("C: neurite 1t / GEMM-only bound", bounds["C"]["ratio_bound"], 0.8)
        if "D" in bounds:
            b = bounds["D"]
            check("D: achieved GEMM GFLOP/s / FMA peak", b["ratio_peak"], 0.8,
                  bound=(b["step_gemm_gflops"] / b["fma_peak_gflops"], "the GEMMs alone, at the rates measured")
                  if b.get("fma_peak_gflops") else None)
        if not checks:
            return []
        out = ["", "Targets of issue 8 measured here (the GEMM-only bound and the FMA peak: "
               "neurite_gemm_bench, bench/gemm/, run by this script). The bound column is the highest value "
               "this machine allows, where the machine caps it: for neurite 1t against PyTorch, the ratio a "
               "step made of nothing but GEMMs would reach, at the rates measured for its products with "
               "neurite's GEMM library (the GEMM-only bound) or, where lower, at one core's measured FMA "
               "peak; for two-way "
               "parallel gains, the speed-up of two independent single-thread neurite processes over one "
               "(workload A x10, whole processes); for D's share of the peak, its GEMMs alone at the rates "
               "measured for their shapes. **out of reach**: the goal is above the bound. The 2t / 1t and "
               "--jobs rows show the median of each repetition's ratio and, in brackets, their range.", "",
               "| target | measured | goal | met | bound on this machine |", "|---|---|---|---|---|"] + checks
        if pair:
            out += ["", f"Two processes: {pair['median']:.2f}x [{pair['min']:.2f} – {pair['max']:.2f}] over "
                    f"{pair['n']} repetitions."]
        return out


def describe(cfg):
    parts = [f"ATen {cfg['aten']}t"]
    if cfg.get("blas"):
        parts.append(f"OpenBLAS {cfg['blas']}t")
    if cfg.get("malloc"):
        parts.append("malloc tuned")
    if cfg.get("tuned"):
        parts.append("foreach")
    return ", ".join(parts)


def ratio(a, b):
    return a["median"] / b["median"] if a and b else None


def x(r):
    return f"{r:.2f}x" if r is not None else "–"


def si(v):
    if v >= 1e6:
        return f"{v / 1e6:.2f}M"
    if v >= 1e3:
        return f"{v / 1e3:.1f}k"
    return f"{v:.0f}"


def rate(s):
    return si(s["median"]) if s else "–"


def rate_range(s):
    return f"{si(s['min'])} – {si(s['max'])}" if s else "–"


def fmt_load(load):
    return " / ".join(f"{v:.1f}" for v in load)


# -- GEMM-only bound and FMA peak (issue 8), from build-bench/bin/neurite_gemm_bench ---------------
# How neurite cuts a workload's mini-batch into data-parallel shards, as neurite itself
# decides it (plan_shards() in framework/src/training/trainer.cpp): `neurite validate` prints
# each run's plan, "batch 128 in 2 shards of 64 rows" or "batch 32 in 1 shard".
SHARD_PLAN = re.compile(r"\)  batch (\d+) in (?:1 shard|(\d+) shards of (?:at most )?(\d+) rows)$")


def shard_rows(neurite, path):
    """The rows per shard neurite trains the (single-run) experiment file `path` with."""
    r = subprocess.run([neurite, "validate", path], capture_output=True, text=True)
    plans = [SHARD_PLAN.search(line) for line in r.stdout.splitlines() if line.startswith("ok  ")]
    if r.returncode != 0 or len(plans) != 1 or not plans[0]:
        raise RuntimeError(f"neurite validate {path}: no shard plan in {r.stdout!r} {r.stderr[-2000:]!r}")
    batch, _, rows = plans[0].groups()
    return int(rows) if rows else int(batch)


def dense_sizes(spec, features):
    sizes = [features]
    for kind, p in spec["layers"]:
        if kind == "dense":
            sizes.append(int(p["units"]))
    return sizes


def gemm_bound(w, gemm, rows_per_shard):
    """The samples/s of a training step that were nothing but its GEMMs, at the median GFLOP/s
    neurite_gemm_bench measured for neurite's kernels on each product of each dense layer.

    A step's GEMMs: per dense layer forward and weight_grad, plus input_grad for every layer but
    the first (neurite does not compute dL/dx of the data). With S-row shards, a step runs each
    product ceil(batch / S) times on S rows (the last shard shorter); its flops are those of the
    whole batch, so step time = sum over products of 2 x batch x in x out / rate(product).
    The rate is the one measured for that product at the shard row count; neurite_gemm_bench
    measures every layer at the workload's full batch rows only, so when the shard is smaller
    than the batch (C, C-adam) the full-batch rate stands in for the shard's (noted in the
    report as rates_rows != shard_rows)."""
    bench_id = "C" if w["id"] == "C-adam" else w["id"]  # same network and batch
    rates = {(r["layer"], r["product"]): r for r in gemm["results"]
             if r["workload"] == bench_id and r["backend"] == "neurite"}
    sizes = dense_sizes(w["spec"], w["features"])
    batch = int(w["spec"]["training"]["batch_size"])
    seconds, flops, rates_rows = 0.0, 0.0, None
    for layer in range(len(sizes) - 1):
        products = ("forward", "weight_grad") + (("input_grad",) if layer > 0 else ())
        for prod in products:
            r = rates.get((layer, prod))
            if not r or r["in"] != sizes[layer] or r["out"] != sizes[layer + 1]:
                return None  # the bench does not know this shape
            f = 2.0 * batch * sizes[layer] * sizes[layer + 1]
            flops += f
            seconds += f / (r["gflops_median"] * 1e9)
            rates_rows = r["rows"]
    return dict(samples_per_s=batch / seconds, step_gemm_gflops=flops / seconds / 1e9, batch=batch,
                shard_rows=rows_per_shard, rates_rows=rates_rows)


def gemm_step_ratio_bound(at_peak_sps, gemm_only_sps, peer_sps):
    """The highest ratio to a peer's samples/s that a step made of nothing but its GEMMs allows:
    at one core's FMA peak (at_peak_sps), or, when the GEMM-only bound is known (gemm_only_sps:
    the GEMMs at the rates measured with neurite's library) and lower, at that. Returns the
    ratio and how it was found."""
    at_peak = at_peak_sps / peer_sps
    if gemm_only_sps is None:
        return at_peak, "one core at the FMA peak"
    return (min(gemm_only_sps / peer_sps, at_peak),
            f"its GEMMs alone at the rates measured; one core at the FMA peak: {at_peak:.2f}")


def fma_peak(gemm):
    """The core's FMA peak, GFLOP/s: the best burst of the AVX-512 and AVX2 loops (on a shared
    machine the best burst is the closest to the real peak; neurite_gemm_bench's own reading)."""
    bursts = [v for isa in ("avx512", "avx2") for v in gemm.get("fma_peak_gflops", {}).get(isa, [])]
    return max(bursts) if bursts else None


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--quick", action="store_true", help="smaller workloads, 2 repetitions, short PyTorch search")
    ap.add_argument("--reps", type=int, help="repetitions (default 5, --quick 2)")
    ap.add_argument("--no-build", action="store_true", help="do not run scripts/bootstrap")
    ap.add_argument("--neurite", default=os.path.join(ROOT, "build", "bin", "neurite"),
                    help="neurite executable (default: build/bin/neurite)")
    ap.add_argument("--only", type=lambda s: s.split(","), help="comma-separated workload ids (A,B,C,C-adam,D,LR,F)")
    ap.add_argument("--no-sklearn", action="store_true", help="leave scikit-learn out")
    ap.add_argument("--neurite-runs", type=int, default=3,
                    help="neurite runs of each workload per repetition (default 3; its runs are short)")
    default_gemm = os.path.join(ROOT, "build-bench", "bin", "neurite_gemm_bench")
    ap.add_argument("--gemm-bench", metavar="PATH", default=default_gemm if os.path.exists(default_gemm) else None,
                    help="neurite_gemm_bench for the GEMM-only bound and the FMA peak (default: "
                         "build-bench/bin/neurite_gemm_bench if it exists; '' to skip)")
    ap.add_argument("--gemm-rounds", type=int, default=5, help="rounds of neurite_gemm_bench (default 5)")
    ap.add_argument("--from-json", metavar="FILE",
                    help="measure nothing: write the report again from an earlier run's JSON")
    args = ap.parse_args()
    if args.from_json:
        with open(args.from_json) as f:
            saved = json.load(f)
        args.quick = saved["meta"]["mode"] == "quick"
        args.reps = saved["meta"]["reps"]
        args.only = [w["id"] for w in saved["workloads"]] + ["F"]
        suite = Suite(args)
        try:
            suite.report(suite.load(args.from_json))
        finally:
            shutil.rmtree(suite.tmp, ignore_errors=True)
        return
    if args.reps is None:
        args.reps = 2 if args.quick else 5
    suite = Suite(args)
    start = time.perf_counter()
    try:
        suite.build()
        suite.gemm_bench()
        suite.search_torch()
        suite.measure()
        suite.report()
    finally:
        shutil.rmtree(suite.tmp, ignore_errors=True)
    log(f"bench: done in {time.perf_counter() - start:.0f} s")


if __name__ == "__main__":
    main()
