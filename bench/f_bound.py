#!/usr/bin/python3
"""Workload F's parallel bound: the 64 experiments of bench/workloads/f-batch run
three ways, alternating, over several repetitions (whole processes, wall time):

  jobs1     one `neurite run --jobs 1 --threads 2` of all 64;
  jobs2     one `neurite run --jobs 2 --threads 2` of all 64;
  split     two `neurite run --jobs 1 --threads 1` side by side, of the odd and the
            even experiments (32 each): what a user gets by splitting the batch by hand;
  half      one of those two alone (how much running both cores slows each);
  dry       `neurite run --dry-run --jobs 2 --threads 2` of all 64: the process
            without its batch phase (start-up, plugins, planning, exit);
  empty     `neurite --version`: the floor of any neurite process (exec, loading
            the libraries, exit).

From these: the batch phase alone (a run's wall time less dry's) at --jobs 1 and
2, its ratio, and the most the whole can reach if everything outside the batch
phase cost only the empty process's time:
  bound = (empty + batch1) / (empty + batch2).
And the CPU bound: --jobs 2's CPU time (user + system, all threads) spread
over both cores with no idle moment, after the empty process's own time:
  cpu bound = jobs1 / (empty + (cpu_jobs2 - cpu_empty) / 2).
No schedule of the same work on 2 cores beats it.

    bench/f_bound.py [--reps N] [--neurite PATH] [--out DIR]

--out is where the archives go (default: a temporary directory on disk; give a
directory under /dev/shm to leave the disk's flushes out). Prints medians and
minima in seconds and the ratios to jobs1. See bench/README.md (F).
"""
import argparse
import os
import statistics
import subprocess
import tempfile
import time

from run import jobs2_floor  # noqa: E402  one definition of F's CPU bound

BENCH = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(BENCH)
F_FILE = os.path.join(BENCH, "workloads", "f-batch", "moons-64.yaml")


def split_items(text):
    """The file's list items, each with its lines (the file is a plain block list)."""
    items, current = [], None
    for line in text.splitlines(keepends=True):
        if line.startswith("- "):
            current = [line]
            items.append(current)
        elif current is not None:
            current.append(line)
    return ["".join(item) for item in items]


def timed(commands):
    """Wall seconds of `commands` started together, until the last one ends, and
    the CPU seconds (user + system, all threads) they used."""
    start = time.perf_counter()
    procs = [subprocess.Popen(c, stdout=subprocess.DEVNULL) for c in commands]
    cpu = 0.0
    for p in procs:
        _, status, usage = os.wait4(p.pid, 0)
        p.returncode = os.waitstatus_to_exitcode(status)
        if p.returncode != 0:
            raise SystemExit(f"f_bound: {' '.join(p.args)} failed")
        cpu += usage.ru_utime + usage.ru_stime
    return time.perf_counter() - start, cpu


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--reps", type=int, default=21)
    ap.add_argument("--neurite", default=os.path.join(ROOT, "build", "bin", "neurite"))
    ap.add_argument("--out", help="directory for the archives (default: a temporary one on disk)")
    args = ap.parse_args()

    with tempfile.TemporaryDirectory(prefix="neurite-f-bound-") as tmp:
        out = args.out or os.path.join(tmp, "out")
        items = split_items(open(F_FILE).read())
        halves = []
        for name, part in (("odd", items[0::2]), ("even", items[1::2])):
            path = os.path.join(tmp, f"{name}.yaml")
            with open(path, "w") as f:
                f.write("".join(part))
            halves.append(path)

        def run(path, jobs, threads, sub):
            return [args.neurite, "run", path, "--quiet", "--jobs", str(jobs), "--threads", str(threads),
                    "--out", os.path.join(out, sub)]

        ways = {
            "jobs1": [run(F_FILE, 1, 2, "jobs1")],
            "jobs2": [run(F_FILE, 2, 2, "jobs2")],
            "split": [run(halves[0], 1, 1, "odd"), run(halves[1], 1, 1, "even")],
            "half": [run(halves[0], 1, 1, "odd")],
            "dry": [[args.neurite, "run", F_FILE, "--dry-run", "--jobs", "2", "--threads", "2",
                     "--out", os.path.join(out, "dry")]],
            "empty": [[args.neurite, "--version"]],
        }
        seconds = {way: [] for way in ways}
        cpu = {way: [] for way in ways}
        for _ in range(args.reps):
            for way, commands in ways.items():
                wall, used = timed(commands)
                seconds[way].append(wall)
                cpu[way].append(used)

    base = statistics.median(seconds["jobs1"])
    print(f"F, {len(items)} experiments, {args.reps} alternating repetitions, archives in "
          f"{args.out or 'a temporary directory'}")
    for way, values in seconds.items():
        median = statistics.median(values)
        print(f"  {way:6s} median {median:.4f} s  min {min(values):.4f} s  jobs1 / this {base / median:.2f}x  "
              f"CPU {statistics.median(cpu[way]):.4f} s")
    med = {way: statistics.median(values) for way, values in seconds.items()}
    batch1, batch2 = med["jobs1"] - med["dry"], med["jobs2"] - med["dry"]
    print(f"  batch phase: --jobs 1 {batch1:.4f} s, --jobs 2 {batch2:.4f} s, ratio {batch1 / batch2:.2f}x; "
          f"outside it {med['dry']:.4f} s (the empty process {med['empty']:.4f} s)")
    print(f"  bound with everything outside the batch phase at the empty process's cost: "
          f"{(med['empty'] + batch1) / (med['empty'] + batch2):.2f}x")
    # --jobs 2 cannot end sooner than the empty process's start and exit plus
    # the rest of its CPU time spread over both cores with no idle moment.
    cpu2, cpu_empty = statistics.median(cpu["jobs2"]), statistics.median(cpu["empty"])
    floor2 = jobs2_floor(med["empty"], cpu2, cpu_empty)
    print(f"  CPU bound: --jobs 2 used {cpu2:.4f} s of CPU (--jobs 1: {statistics.median(cpu['jobs1']):.4f} s); "
          f"on 2 cores with no idle moment beyond the empty process it would take {floor2:.4f} s: "
          f"jobs1 / that = {base / floor2:.2f}x")


if __name__ == "__main__":
    main()
