"""formal: the model checker's cost per configuration (issue 6, docs/formal.md).

Runs no tool itself: `make bench` depends on `make formal`, which runs rumur on every
configuration of tools/gen_murphi.py's CONFIGS and leaves build/formal/formal.json; the sweep
(`make formal-sweep`, hours, not part of `make bench`) leaves build/formal/sweep.json, shown
when present. States and rules fired are exact counts of the (symmetry-reduced) state space;
seconds are wall clock on this machine and depend on its load.
"""
import json
import os

from _lib import BenchError

ABOUT = "rumur on the Murphi model of the protocol: states, rules fired, seconds per configuration"


def _load(ctx, name):
    p = ctx.path(ctx.build, "formal", name)
    if not os.path.exists(p):
        return None
    with open(p) as f:
        return json.load(f)


def _label(c):
    cfg = c.get("config", {})
    fail = cfg.get("fail", "none")
    return ("%d nodes x %d line%s x %d values%s%s" % (
        cfg.get("nodes", 0), cfg.get("lines", 0), "s" if cfg.get("lines", 0) > 1 else "",
        cfg.get("values", 0), {"none": "", "fw": ", a firewall bit clears (fault)"}.get(
            fail, ", %s node fails" % fail),
        ", liveness" if cfg.get("liveness") else "")) + (
        "" if cfg.get("canon", 1) else ", without the state reduction (canon.m)") + (
        "" if cfg.get("firewall", 1) else ", no firewall") + (
        "" if cfg.get("evict", 1) else ", no directory eviction")


def _configs():
    """The names of make formal's configurations (tools/gen_murphi.py's CONFIGS)."""
    import sys
    sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
    import gen_murphi
    return list(gen_murphi.CONFIGS)


def run(ctx):
    res = _load(ctx, "formal.json")
    if res is None:
        raise BenchError("build/formal/formal.json missing: make formal")
    bad = [c["name"] for c in res["configs"] if c["status"] != "ok"]
    if bad:
        raise BenchError("rumur did not pass: %s (see build/formal/*.log)" % " ".join(bad))
    figures, rows = [], []
    for c in res["configs"]:
        key = c["name"].replace("-", "_")
        figures.append({"key": "formal.%s.states" % key, "title": "states explored, %s" % _label(c),
                        "value": c["states"], "unit": "states"})
        figures.append({"key": "formal.%s.seconds" % key, "title": "rumur run time, %s" % _label(c),
                        "value": c["seconds"], "unit": "s", "wall": True})
        rows.append([c["name"], _label(c), c["states"], c["rules_fired"], c["seconds"]])
    missing = [n for n in _configs() if n not in {c["name"] for c in res["configs"]}]
    tables = [{"title": "make formal: %s (no error found in any)"
               % ("every configuration" if not missing else "the configurations that have run"),
               "columns": ["configuration", "what", "states", "rules fired", "seconds"],
               "rows": rows}]
    notes = (["not run to the end yet (build/formal/formal.json has no result): %s"
              % ", ".join(missing)] if missing else [])
    sweep = _load(ctx, "sweep.json")
    if sweep:
        done = [c for c in sweep["configs"] if c["status"] == "ok"]
        srows = [[c["name"], _label(c), c["status"], c.get("states", ""), c.get("rules_fired", ""),
                  c.get("seconds", "")] for c in sweep["configs"]]
        tables.append({"title": "make formal-sweep: limit %d s per run" % sweep["timeout"],
                       "columns": ["configuration", "what", "result", "states", "rules fired",
                                   "seconds"], "rows": srows})
        if done:
            big = max(done, key=lambda c: c["states"])
            figures.append({"key": "formal.sweep_largest_states",
                            "title": "largest configuration finishing within %d s: %s"
                            % (sweep["timeout"], _label(big)),
                            "value": big["states"], "unit": "states", "readme": True})
    else:
        notes.append("make formal-sweep has not been run: no largest configuration recorded")
    return {"config": {"tool": res["tool"], "configs": [c["config"] for c in res["configs"]]},
            "figures": figures, "tables": tables, "notes": notes}
