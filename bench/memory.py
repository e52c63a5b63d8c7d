"""memory: the coherent multi-node memory (issue 4, "Figures").

- Latencies in cycles, measured on the machine by bench/memory/memlat.c under `hive-sim --elf`
  on 2x1, 4x1, 8x1 and 16x1 (meshes 2x1, 2x2, 4x2, 4x4): hart 0 (node 0) reads mcycle just
  before and after one access (less an empty region), median of 15 samples, each on a line no
  cache held: L1 hit, clean miss by home node (local: home = node 0; remote: 1..6 mesh hops),
  dirty miss (the line modified in another node's cache; every reply comes from the home, so
  the path is requester-home-owner-home-requester), upgrade (a store to a line shared with
  node 1: invalidation, then the grant), AMO on an owned line, and amoadd.d on one line by every
  hart at once (cycles per AMO, mean of all harts).
- Under the coherence stress test (tests/mp/stress.elf, seed 1, 1000 operations per hart,
  8 shared lines) on 4x1, in its two layouts (spread over the homes; conflict: all lines at one
  home in one directory set): directory NACKs per request, directory evictions and the highest
  directory occupancy (hive-sim --stats, the SoC's stat_node counters), and the harness's
  per-hart counters (stall cycles per L1 miss).
- Simulated cycles per wall-clock second and per CPU-second of the whole hive-sim process for
  the spread stress run on 1x1, 4x1, 8x1 and 16x1.

A run that fails on a shape other than 4x1 (an exit status other than 0: a hang, a bus error)
is recorded with its exit status instead of its figures; on 4x1 it fails the benchmark.
A shape left out of MEM_BENCH_SHAPES (make bench passes it as --var mem_shapes) or whose model
is missing (not built: `make sim NODES=n CORES_PER_NODE=1`) is skipped and named in the JSON
(`config.not_measured`, `notes`); 4x1 is required.

Goals (issue 4): at most 2 cycles per mesh hop, a remote clean miss at one hop at most 2x a
local miss, at least 250 k simulated cycles per second for 4x1.
"""
import os
import re
import sys

from _lib import BenchError

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "mp"))
import mp as mptest  # noqa: E402  (the stress configuration words, hive-sim's exit statuses)

ABOUT = "coherent memory: miss latencies by hop distance, dirty/upgrade/AMO, NACKs, model speed"

LAT_SHAPES = ["2x1", "4x1", "8x1", "16x1"]
RATE_SHAPES = ["1x1", "4x1", "8x1", "16x1"]
MAIN_SHAPE = "4x1"
MAX_CYCLES = "10M"   # memlat needs 0.1-2 M cycles, the stress runs 0.4-3 M
# mp_cfg of the stress runs (tests/mp/stress.c): seed, operations per hart, lines, layout,
# private-eviction weight
STRESS_LAYOUTS = {"spread": {0: 1, 1: 1000, 2: 8, 3: 0, 4: 16},
                  "conflict": {0: 1, 1: 1000, 2: 8, 3: 1, 4: 16}}
DIR_ENTRIES = 1024   # DIR_SETS x DIR_WAYS per home (docs/coherence.md)
HOP_GOAL = 2
RATIO_GOAL = 2
RATE_GOAL = 250e3
LINE_RE = re.compile(r"^memlat (\w+) home=(\d+) owner=(\d+) hops=(\d+) median=(\d+) min=(\d+) "
                     r"max=(\d+) samples=(\d+)$")


def mesh_width(nodes):
    """rtl/noc/mesh.sv: MX."""
    return 4 if nodes >= 8 else 2 if nodes >= 2 else 1


def hops(nodes, a, b):
    w = mesh_width(nodes)
    return abs(a % w - b % w) + abs(a // w - b // w)


def parse(run, shape):
    out = []
    done = False
    for line in run.console().split("\n"):
        if line == "memlat done":
            done = True
        m = LINE_RE.match(line)
        if m:
            k = ("name", "home", "owner", "hops", "median", "min", "max", "samples")
            out.append(dict(zip(k, [m.group(1)] + [int(x) for x in m.groups()[1:]])))
    if not done:
        raise BenchError("memlat on %s: incomplete output:\n%s" % (shape, run.console()))
    nodes = int(shape.split("x")[0])
    for r in out:
        if r["hops"] != hops(nodes, 0, r["home"]):
            raise BenchError("memlat on %s: hop distance of home %d is %d, the mesh says %d"
                             % (shape, r["home"], r["hops"], hops(nodes, 0, r["home"])))
        if r["name"] == "dirty":
            # network traversals of the dirty miss: to the home, to the owner and back, back
            r["path"] = 2 * hops(nodes, 0, r["home"]) + 2 * hops(nodes, r["home"], r["owner"])
    return out


def pick(rows, name, **kw):
    return [r for r in rows if r["name"] == name and all(r[k] == v for k, v in kw.items())]


def median(values):
    v = sorted(values)
    return v[len(v) // 2]


def slope(points):
    """Least-squares slope of [(x, y)]."""
    n = len(points)
    mx = sum(x for x, _ in points) / n
    my = sum(y for _, y in points) / n
    den = sum((x - mx) ** 2 for x, _ in points)
    return sum((x - mx) * (y - my) for x, y in points) / den if den else 0.0


def by_hops(rows):
    """{hops: median over the homes at that distance} of the clean misses."""
    misses = pick(rows, "miss")
    return {h: median([r["median"] for r in misses if r["hops"] == h])
            for h in sorted({r["hops"] for r in misses})}


def have(ctx, shape):
    return os.path.exists(ctx.path(ctx.build, "sim", shape, "hive-sim"))


def stress_totals(stats):
    nodes = stats["nodes"]
    harts = stats["harts"]
    misses = sum(h["imiss"] + h["dmiss"] for h in harts)
    return {
        "cycles": stats["cycles"],
        "requests": sum(n["dir_requests"] for n in nodes),
        "nacks": sum(n["dir_nacks"] for n in nodes),
        "evictions": sum(n["dir_evictions"] for n in nodes),
        "proto_errors": sum(n["dir_proto_errors"] + n["l1_proto_errors"] for n in nodes),
        "occupancy_max": [n["dir_occupancy_max"] for n in nodes],
        "requests_by_node": [n["dir_requests"] for n in nodes],
        "nacks_by_node": [n["dir_nacks"] for n in nodes],
        "l1_misses": misses,
        "stall": sum(h["stall"] for h in harts),
        "instret": sum(h["instret"] for h in harts),
    }


def run(ctx):
    elf = ctx.path(ctx.build, "bench", "memory", "memlat.elf")
    stress = ctx.path(ctx.build, "tests", "mp", "stress.elf")
    for f in (elf, stress):
        if not os.path.exists(f):
            raise BenchError("%s missing: make bench-elfs" % f)
    if not have(ctx, MAIN_SHAPE):
        ctx.sim(MAIN_SHAPE)  # raises with the make command
    # make bench passes MEM_BENCH_SHAPES (bench/memory/memory.mk); 1x1 is core's shape
    wanted = ctx.vars.get("mem_shapes")
    wanted = set(wanted.split()) | {"1x1", MAIN_SHAPE} if wanted is not None else None
    not_measured = {}
    for s in sorted(set(LAT_SHAPES + RATE_SHAPES), key=lambda s: int(s[:-2])):
        if wanted is not None and s not in wanted:
            not_measured[s] = "left out (MEM_BENCH_SHAPES)"
        elif not have(ctx, s):
            not_measured[s] = "model not built (build/sim/%s/hive-sim)" % s
    lat_shapes = [s for s in LAT_SHAPES if s not in not_measured]
    rate_shapes = [s for s in RATE_SHAPES if s not in not_measured]

    def failed(shape, what, e):
        """A run on a shape other than MAIN_SHAPE that failed: recorded, not fatal."""
        if shape == MAIN_SHAPE:
            raise e
        lines = str(e).strip().splitlines()
        m = re.search(r": exit (\d+) \(want", lines[0])
        code = int(m.group(1)) if m else None
        bound = mptest.SIM_EXIT["MAX_CYCLES"]
        why = {bound: "exit %d, the cycle bound (%s) reached: a hang or a livelock" % (bound, MAX_CYCLES),
               99: "exit 99, an unexpected trap (a bus error)"}.get(
                   code, "exit %s" % code if code is not None else lines[0][-200:])
        details = [x.strip() for x in lines[1:] if "trap" in x or "FAIL" in x]
        if details:
            why += " (%s)" % "; ".join(details)[:200]
        not_measured[shape] = (not_measured.get(shape, "") + "; " if shape in not_measured
                               else "") + "%s failed: %s" % (what, why)

    lat = {}
    for shape in list(lat_shapes):
        try:
            r = ctx.run_sim(shape, ["--elf", elf, "--quiet", "--max-cycles", MAX_CYCLES],
                            "memlat-" + shape)
            lat[shape] = {"rows": parse(r, shape), "cycles": r.stats["cycles"],
                          "mem_latency": r.stats["config"]["mem_latency"],
                          "sim_revision": r.stats.get("revision")}
        except BenchError as e:
            failed(shape, "memlat", e)
            lat_shapes.remove(shape)

    # the stress runs: one ELF copy per layout with its configuration words (tests/mp/mp.py)
    os.makedirs(ctx.work, exist_ok=True)
    stress_elf = {}
    for layout, words in STRESS_LAYOUTS.items():
        stress_elf[layout] = os.path.join(ctx.work, "stress-%s.elf" % layout)
        mptest.patch_config(stress, stress_elf[layout], words)
    stress_runs = {}
    for layout in STRESS_LAYOUTS:
        r = ctx.run_sim(MAIN_SHAPE, ["--elf", stress_elf[layout], "--quiet", "--max-cycles",
                                     MAX_CYCLES], "stress-%s-%s" % (layout, MAIN_SHAPE))
        stress_runs[layout] = stress_totals(r.stats)
        if layout == "spread":
            main_rate_run = r
    rates = {}
    for shape in list(rate_shapes):
        try:
            r = main_rate_run if shape == MAIN_SHAPE else ctx.run_sim(
                shape, ["--elf", stress_elf["spread"], "--quiet", "--max-cycles", MAX_CYCLES],
                "stress-spread-" + shape)
        except BenchError as e:
            failed(shape, "the stress run", e)
            rate_shapes.remove(shape)
            continue
        rates[shape] = {"cycles": r.stats["cycles"], "sim_revision": r.stats.get("revision"), "wall_seconds": round(r.seconds, 3),
                        "cpu_seconds": round(r.cpu_seconds, 3),
                        "cycles_per_second": round(r.stats["cycles"] / r.seconds),
                        "cycles_per_cpu_second": round(r.stats["cycles"] / r.cpu_seconds)
                        if r.cpu_seconds > 0 else None,
                        "summary_khz": r.summary_khz()}
    for layout, s in stress_runs.items():
        if s["proto_errors"]:
            raise BenchError("stress (%s) on %s: %d protocol errors" % (layout, MAIN_SHAPE,
                                                                      s["proto_errors"]))

    m = lat[MAIN_SHAPE]["rows"]
    dram = lat[MAIN_SHAPE]["mem_latency"]
    samples = m[0]["samples"]
    cfg = "%s, DRAM latency %d cycles, median of %d samples" % (MAIN_SHAPE, dram, samples)
    local = pick(m, "miss", home=0)[0]["median"]
    remote = median([r["median"] for r in pick(m, "miss") if r["hops"] == 1])
    two_hop = median([r["median"] for r in pick(m, "miss") if r["hops"] == 2])
    big_shape = lat_shapes[-1]
    big = lat[big_shape]["rows"]
    far = max(pick(big, "miss"), key=lambda r: (r["hops"], r["median"]))
    hop_cost = slope([(r["hops"], r["median"]) for r in pick(big, "miss")]) / 2
    dirty4 = pick(m, "dirty", home=1, owner=3)[0]
    dirty_home = pick(m, "dirty", home=1, owner=1)[0]
    amo_c = pick(m, "amo_contended")[0]
    spread, conflict = stress_runs["spread"], stress_runs["conflict"]

    def words(layout):
        w = STRESS_LAYOUTS[layout]
        return "seed %d, %d operations per hart, %d lines, layout %d, eviction weight %d" % tuple(
            w[i] for i in range(5))

    def pct(a, b):
        return round(100.0 * a / b, 2) if b else 0.0

    figures = [
        {"key": "memory.l1_hit", "title": "L1 hit (load)", "value": pick(m, "l1_hit")[0]["median"],
         "unit": "cycles", "config": cfg},
        {"key": "memory.local_miss", "title": "Clean miss, home = own node", "value": local,
         "unit": "cycles", "config": cfg + " (the DRAM latency is included)", "readme": True},
        {"key": "memory.remote_miss", "title": "Clean miss, remote home 1 hop away",
         "value": remote, "unit": "cycles", "config": cfg, "readme": True},
        {"key": "memory.remote_miss_2hop", "title": "Clean miss, remote home 2 hops away",
         "value": two_hop, "unit": "cycles", "config": cfg},
        {"key": "memory.remote_miss_far", "title": "Clean miss, remote home %d hops away (%s)"
         % (far["hops"], big_shape), "value": far["median"], "unit": "cycles",
         "config": "%s (mesh %dx%d), home node %d, otherwise as above"
         % (big_shape, mesh_width(int(big_shape[:-2])),
            (int(big_shape[:-2]) + mesh_width(int(big_shape[:-2])) - 1)
            // mesh_width(int(big_shape[:-2])), far["home"])},
        {"key": "memory.cycles_per_hop", "title": "Cycles per mesh hop, one way (%s fit)"
         % big_shape, "value": round(hop_cost, 2), "unit": "cycles",
         "goal": {"op": "<=", "value": HOP_GOAL},
         "config": "half the least-squares slope of the clean miss over the hop distance to the "
                   "home, %s, every home" % big_shape, "readme": True},
        {"key": "memory.remote_local_ratio", "title": "Remote clean miss (1 hop) / local miss",
         "value": round(remote / local, 3), "unit": "", "goal": {"op": "<=", "value": RATIO_GOAL},
         "config": cfg, "readme": True},
        {"key": "memory.dirty_miss", "title": "Dirty miss: home 1 hop away, line modified in a "
         "third node's cache (%d hops)" % dirty4["path"], "value": dirty4["median"],
         "unit": "cycles", "readme": True,
         "config": cfg + "; home node 1, owner node 3; the recalled data comes from the owner's "
                         "cache, no DRAM read"},
        {"key": "memory.dirty_miss_home", "title": "Dirty miss: line modified in the home "
         "node's cache, home 1 hop away (%d hops)" % dirty_home["path"],
         "value": dirty_home["median"], "unit": "cycles", "config": cfg},
        {"key": "memory.upgrade_local", "title": "Upgrade S->M, home = own node",
         "value": pick(m, "upgrade", home=0)[0]["median"], "unit": "cycles",
         "config": cfg + "; one other sharer (node 1); GETM is granted with data (DATAM), so "
                         "the home reads DRAM"},
        {"key": "memory.upgrade_remote", "title": "Upgrade S->M, home 1 hop away",
         "value": pick(m, "upgrade", home=1)[0]["median"], "unit": "cycles", "config": cfg},
        {"key": "memory.amo_hit", "title": "amoadd.d on an owned line",
         "value": pick(m, "amo_hit")[0]["median"], "unit": "cycles", "config": cfg},
        {"key": "memory.amo_contended", "title": "amoadd.d, every hart on one line (mean per AMO)",
         "value": amo_c["median"], "unit": "cycles",
         "config": "%s, %d harts x %d AMOs, line homed at node 0; per-hart means %d..%d"
         % (MAIN_SHAPE, amo_c["owner"], amo_c["samples"], amo_c["min"], amo_c["max"])},
        {"key": "memory.stress_nack_rate", "title": "Directory NACKs per request, stress "
         "(spread layout)", "value": pct(spread["nacks"], spread["requests"]), "unit": "%",
         "config": "tests/mp/stress.elf (%s) on %s: %d requests, %d NACKs, %d cycles" % (
             words("spread"), MAIN_SHAPE, spread["requests"], spread["nacks"],
             spread["cycles"])},
        {"key": "memory.stress_nack_rate_conflict", "title": "Directory NACKs per request, "
         "stress (conflict layout: 8 lines in one directory set)",
         "value": pct(conflict["nacks"], conflict["requests"]), "unit": "%",
         "config": "tests/mp/stress.elf (%s) on %s: %d requests, %d NACKs, %d directory "
                   "evictions, %d cycles" % (words("conflict"), MAIN_SHAPE,
                                             conflict["requests"], conflict["nacks"],
                                             conflict["evictions"], conflict["cycles"])},
        {"key": "memory.stress_dir_occupancy", "title": "Highest directory occupancy under "
         "stress, busiest home (entries of %d)" % DIR_ENTRIES,
         "value": max(spread["occupancy_max"]), "unit": "",
         "config": "spread layout; by node %s: node 0 homes the program's code, stacks and "
                   "data, the shared lines are spread over all homes"
                   % "/".join(str(x) for x in spread["occupancy_max"])},
        {"key": "memory.stress_stall_per_miss", "title": "Stall cycles per L1 miss under "
         "stress (harness counters, all harts)",
         "value": round(spread["stall"] / spread["l1_misses"], 1) if spread["l1_misses"] else 0,
         "unit": "cycles",
         "config": "spread layout on %s: %d stall cycles / %d I+D misses (stall also counts "
                   "NACK retries, device accesses, mul/div)" % (MAIN_SHAPE, spread["stall"],
                                                                 spread["l1_misses"])},
    ]
    for shape in rate_shapes:
        v = rates[shape]
        f = {"key": "memory.sim_rate.%s" % shape, "value": v["cycles_per_second"],
             "unit": "cycles/s", "wall": True,
             "title": "Simulated cycles per wall-clock second, %s model (stress test)" % shape,
             "config": "whole hive-sim process, %d cycles in %.1f s" % (v["cycles"],
                                                                        v["wall_seconds"])}
        c = {"key": "memory.sim_rate_cpu.%s" % shape, "value": v["cycles_per_cpu_second"],
             "unit": "cycles/s", "wall": True,
             "title": "Simulated cycles per CPU-second (user + system), %s model" % shape,
             "config": "the same run, %.1f CPU s" % v["cpu_seconds"]}
        if shape == MAIN_SHAPE:
            f["goal"] = {"op": ">=", "value": RATE_GOAL}
            f["readme"] = c["readme"] = True
        figures += [f, c]

    tables = []
    shapes_hops = {s: by_hops(lat[s]["rows"]) for s in lat_shapes}
    all_hops = sorted({h for v in shapes_hops.values() for h in v})
    tables.append({
        "title": "Clean miss by hop distance to the home, every shape (cycles, median over the "
                 "homes at that distance)",
        "columns": ["hops"] + lat_shapes + ["goal (local + 2 x 2 cycles per hop)"],
        "rows": [[h] + [shapes_hops[s].get(h, "") for s in lat_shapes]
                 + [local + 2 * HOP_GOAL * h] for h in all_hops],
        "note": "Requester: hart 0 on node 0 (mesh corner). A miss crosses the mesh twice "
                "(request and grant), so the goal of %d cycles per hop allows %d cycles per hop "
                "of distance above the local miss." % (HOP_GOAL, 2 * HOP_GOAL)})
    summary_rows = []
    for s in lat_shapes:
        rows = lat[s]["rows"]
        d = pick(rows, "dirty")
        up = pick(rows, "upgrade")
        ac = pick(rows, "amo_contended")[0]
        summary_rows.append([
            s, pick(rows, "l1_hit")[0]["median"], pick(rows, "miss", home=0)[0]["median"],
            median([r["median"] for r in pick(rows, "miss") if r["hops"] == 1]),
            "%d (%d hop%s)" % (max(r["median"] for r in pick(rows, "miss")),
                              max(r["hops"] for r in pick(rows, "miss")),
                              "" if max(r["hops"] for r in pick(rows, "miss")) == 1 else "s"),
            "%d..%d" % (min(r["median"] for r in d), max(r["median"] for r in d)),
            "%d..%d" % (min(r["median"] for r in up), max(r["median"] for r in up)),
            pick(rows, "amo_hit")[0]["median"],
            "%d (%d harts)" % (ac["median"], ac["owner"])])
    tables.append({
        "title": "Latencies by shape (cycles, medians)",
        "columns": ["shape", "L1 hit", "local miss", "remote 1 hop", "farthest clean miss",
                    "dirty miss", "upgrade", "AMO owned", "AMO contended"],
        "rows": summary_rows,
        "note": "dirty and upgrade: the range over the homes and owners measured (on 8x1 and "
                "16x1 the owner is the home node or the last node)."})
    tables.append({
        "title": "Clean miss by home node, %s (cycles, from hart 0 on node 0)" % big_shape,
        "columns": ["home", "hops", "median", "min", "max"],
        "rows": [[r["home"], r["hops"], r["median"], r["min"], r["max"]]
                 for r in pick(big, "miss")]})
    tables.append({
        "title": "Dirty miss and upgrade, %s (cycles)" % MAIN_SHAPE,
        "columns": ["kind", "home", "owner / sharer", "hops to home", "network hops in all",
                    "median", "min", "max"],
        "rows": [[r["name"], r["home"], r["owner"], r["hops"], r.get("path", ""), r["median"],
                  r["min"], r["max"]] for r in m if r["name"] in ("dirty", "upgrade")],
        "note": "dirty: node `owner` stored the line last (it holds it modified); every reply "
                "comes from the home, so the data goes owner -> home -> requester (network hops "
                "in all: requester-home, home-owner and back, home-requester). No DRAM read is "
                "on that path, which is why a dirty miss is faster than a clean one here. "
                "upgrade: hart 0 and node 1 share the line, hart 0 stores."})
    tables.append({
        "title": "Stress test on %s: directory counters by home node" % MAIN_SHAPE,
        "columns": ["layout", "node", "requests", "NACKs", "NACK %", "occupancy max"],
        "rows": [[layout, n, s["requests_by_node"][n], s["nacks_by_node"][n],
                  "%.1f" % pct(s["nacks_by_node"][n], s["requests_by_node"][n]),
                  s["occupancy_max"][n]]
                 for layout, s in stress_runs.items() for n in range(len(s["requests_by_node"]))],
        "note": "spread: the 8 shared lines homed round-robin at every node; conflict: all 8 at "
                "node 1, 16 KiB apart (one L1 slot, one 4-way directory set: evictions). Node 0 "
                "also homes the program's code, stacks and data."})
    tables.append({
        "title": "Model speed (stress test, spread layout, whole hive-sim process)",
        "columns": ["shape", "cycles", "wall s", "CPU s", "cycles / wall s", "cycles / CPU s"],
        "rows": [[s, v["cycles"], v["wall_seconds"], v["cpu_seconds"], v["cycles_per_second"],
                  v["cycles_per_cpu_second"]] for s, v in rates.items()],
        "note": "The machine is shared (load average in the header): the wall-clock rate "
                "falls with the load, the CPU-second rate much less."})

    plot_series = [{"label": s, "x": list(shapes_hops[s]),
                    "values": list(shapes_hops[s].values())} for s in lat_shapes]
    plot_series.append({"label": "goal: local + %d cycles per hop each way" % HOP_GOAL,
                        "x": all_hops, "values": [local + 2 * HOP_GOAL * h for h in all_hops],
                        "dashed": True})
    plots = [{
        "file": "figures-memory-hops.png", "kind": "line",
        "title": "Clean miss latency by mesh hops to the home (DRAM %d cycles)" % dram,
        "xlabel": "mesh hops from the requester (node 0) to the home", "ylabel": "cycles",
        "series": plot_series,
    }]
    notes = []
    for s, why in not_measured.items():
        notes.append("%s not measured: %s" % (s, why))
    sim_revs = sorted({v["sim_revision"] for v in list(lat.values()) + list(rates.values())
                       if v.get("sim_revision")})
    config = {"latency_shapes": lat_shapes, "rate_shapes": rate_shapes, "main_shape": MAIN_SHAPE,
              "mem_latency": dram, "samples": samples,
              "sim_revision": ", ".join(sim_revs),
              "stress": "; ".join("%s: %s" % (k, words(k)) for k in STRESS_LAYOUTS)}
    if not_measured:
        config["not_measured"] = not_measured
    return {"config": config, "figures": figures, "tables": tables, "plots": plots,
            "notes": notes, "latency": lat, "rates": rates, "stress": stress_runs}
