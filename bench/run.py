#!/usr/bin/env python3
"""Runs the benchmarks (`make bench`; docs/figures.md).

The registry is the directory: every bench/<name>.py (not this file, not _*.py) is the
benchmark <name>. It defines ABOUT (one line) and run(ctx) -> dict (bench/_lib.py lists the
keys); this runner adds the envelope and writes build/bench/<name>.json, then prints the
benchmark's figures and tables. A benchmark that fails (BenchError: a run failed, a result did
not check) writes no JSON (an old one is removed) and makes the runner exit 1 after the others.

usage: run.py [--build DIR] [--payload ELF] [--jobs N] [--var KEY=VALUE]... [--note TEXT]
              [--list] [NAME...]
"""
import argparse
import datetime
import importlib
import json
import os
import sys
import time
import traceback

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(HERE)
sys.path.insert(0, HERE)

import _lib  # noqa: E402

FORMAT = "hive-bench/1"


def registry():
    names = []
    for f in sorted(os.listdir(HERE)):
        if f.endswith(".py") and f != "run.py" and not f.startswith("_"):
            names.append(f[:-3])
    return names


def load(name):
    mod = importlib.import_module(name)
    if not hasattr(mod, "run") or not hasattr(mod, "ABOUT"):
        raise SystemExit("bench/%s.py: a benchmark defines ABOUT and run(ctx)" % name)
    return mod


def write_json(path, data):
    tmp = path + ".tmp"
    with open(tmp, "w") as f:
        json.dump(data, f, indent=1, sort_keys=False)
        f.write("\n")
    os.replace(tmp, path)


def report(name, data):
    figs = data.get("figures", [])
    rows = []
    for fig in figs:
        g = fig.get("goal")
        met = fig.get("goal_met")
        rows.append([fig["key"], fig["title"], _lib.fmt_value(fig["value"], fig.get("unit", "")),
                     "%s %s" % (g["op"], _lib.fmt_value(g["value"], fig.get("unit", "")))
                     if g else "",
                     "" if met is None else ("met" if met else "MISSED")])
    _lib.print_table("%s: %s (revision %s)" % (name, data["about"], data["revision"]),
                     ["key", "figure", "value", "goal", ""], rows)
    for t in data.get("tables", []):
        _lib.print_table("%s: %s" % (name, t["title"]), t["columns"], t["rows"], t.get("note"))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[1])
    ap.add_argument("--build", default="build", help="build directory, relative to the repo")
    ap.add_argument("--payload", default=None, help="S-mode payload ELF (make payload)")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--var", action="append", default=[], metavar="KEY=VALUE",
                    help="a value from the build for the benchmarks (e.g. compiler flags)")
    ap.add_argument("--note", default="",
                    help="a remark kept with the results (e.g. how the tree differs from the "
                         "revision); tools/figures.py shows it")
    ap.add_argument("--list", action="store_true", help="list the benchmarks and exit")
    ap.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    a = ap.parse_args()

    names = registry()
    if a.list:
        for n in names:
            print("%-12s %s" % (n, load(n).ABOUT))
        return 0
    for n in a.names:
        if n not in names:
            raise SystemExit("run.py: no benchmark %r (have: %s)" % (n, " ".join(names)))
    todo = a.names or names

    variables = dict(v.split("=", 1) for v in a.var)
    payload = os.path.abspath(a.payload) if a.payload else os.path.join(
        REPO, a.build, "firmware", "payload.elf")
    ctx = _lib.Context(REPO, a.build, payload, a.jobs, variables)
    os.makedirs(ctx.out, exist_ok=True)
    host = _lib.machine()
    failed = []
    for name in todo:
        mod = load(name)
        path = os.path.join(ctx.out, name + ".json")
        print("bench: %s: %s" % (name, mod.ABOUT), flush=True)
        t0 = time.monotonic()
        try:
            result = mod.run(ctx)
        except _lib.BenchError as e:
            print("bench: %s FAILED: %s" % (name, e), file=sys.stderr)
            failed.append(name)
            if os.path.exists(path):
                os.remove(path)
            continue
        except Exception:
            traceback.print_exc()
            failed.append(name)
            if os.path.exists(path):
                os.remove(path)
            continue
        data = {
            "format": FORMAT,
            "benchmark": name,
            "about": mod.ABOUT,
            "revision": _lib.git_revision(REPO),
            "date": datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
            "machine": host,
            "bench_seconds": round(time.monotonic() - t0, 1),
        }
        if a.note:
            data["note"] = a.note
        data.update(result)
        for fig in data.get("figures", []):
            fig["goal_met"] = _lib.goal_met(fig)
        write_json(path, data)
        report(name, data)
        print("bench: wrote %s" % os.path.relpath(path, REPO), flush=True)
    if failed:
        print("bench: failed: %s" % " ".join(failed), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
