"""kernel: the cell kernel's figures (issue 8, "Figures"; docs/kernel.md).

`build/kernel/kernel-bench.elf` is the cell kernel whose /etc/rc runs only `user/bench.c`, which
measures with `rdcycle` in user mode, the median of 5 repetitions of each: null system call
(getpid), local quick page fault (a page of a shared file mapping already in the page cache:
the paper's 6.9 us = 1380 cycles), anonymous page fault, fork + exit + wait, context switch
(two processes yielding), pipe round trip, and the boot hart's cycles from reset to kernel
entry and to init's first instruction; it prints one `bench-json: {...}` line per cell.

It runs in every cell of the default machine, 4x1 as 4 cells of 1 hart, and on the same model
as 1 cell of 4 harts: the figures are those of cell 0 of the default machine, every cell's
numbers are kept, and a table sets the two configurations side by side.
"""
import json
import os
import re

from _lib import BenchError

ABOUT = "cell kernel: system call, page faults, fork, context switch, pipe, boot to init"

SHAPE = "4x1"
CONFIGS = [4, 1]          # cells of SHAPE: the default machine first
MAX_CYCLES = "300M"
NAMES = [
    ("null_syscall", "null system call (getpid)"),
    ("quick_fault", "local quick page fault (file page in the page cache)"),
    ("anon_fault", "anonymous page fault (zeroed frame)"),
    ("fork_exit_wait", "fork + exit + wait"),
    ("ctx_switch", "context switch (yield between two processes)"),
    ("pipe_rtt", "pipe round trip"),
    ("kernel_entry", "reset to kernel entry (boot hart)"),
    ("boot_to_init", "reset to init (boot hart)"),
]
KEYS = {"quick_fault": "kernel.pagefault_local"}   # the paper's figure (tools/figures.py)


def label(cells):
    return "%s-%dcell%s" % (SHAPE, cells, "s" if cells > 1 else "")


def measure(ctx, elf, cells):
    run = ctx.run_sim(SHAPE, ["--cells", str(cells), "--payload", elf, "--max-cycles",
                              MAX_CYCLES], "kernel-" + label(cells))
    out = []
    for k, c in enumerate(run.stats["cells"]):
        lines = re.findall(r"^bench-json: (\{.*\})$", c["console"], re.M)
        if len(lines) != 1:
            raise BenchError("%s: cell %d printed %d bench-json lines:\n%s"
                             % (label(cells), k, len(lines), c["console"][-3000:]))
        d = json.loads(lines[0])
        m = re.search(r"^hive kernel: cell \d+ of \d+ \(nodes (\d+)-\d+ of \d+\), boot hart (\d+)",
                      c["console"], re.M)
        if m:
            d["home_node"], d["boot_hart"] = int(m.group(1)), int(m.group(2))
        if d.get("cell") != k or d.get("cells") != cells:
            raise BenchError("%s: cell %d reports cell %s of %s" % (label(cells), k,
                                                                     d.get("cell"), d.get("cells")))
        for n, _ in NAMES:
            if not isinstance(d.get(n), int) or d[n] <= 0:
                raise BenchError("%s: cell %d: no figure %s in %s" % (label(cells), k, n, d))
        out.append(d)
    return run, out


def run(ctx):
    elf = ctx.path(ctx.build, "kernel", "kernel-bench.elf")
    if not os.path.exists(elf):
        raise BenchError("%s missing: make %s/kernel/kernel-bench.elf" % (elf, ctx.build))
    runs = {}
    stats = None
    for cells in CONFIGS:
        r, res = measure(ctx, elf, cells)
        runs[label(cells)] = {"cycles": r.stats["cycles"], "wall_seconds": round(r.seconds, 1),
                              "cells": res}
        stats = stats or r.stats
    mem_latency = stats["config"]["mem_latency"]
    main, other = label(CONFIGS[0]), label(CONFIGS[1])
    cfg = "%s as 4 cells of 1 hart, cell 0; DRAM latency %d cycles" % (SHAPE, mem_latency)
    c0 = runs[main]["cells"][0]
    figures = []
    for n, title in NAMES:
        f = {"key": KEYS.get(n, "kernel." + n), "title": title, "value": c0[n],
             "unit": "cycles", "config": cfg, "readme": n in ("null_syscall", "quick_fault",
                                                               "fork_exit_wait")}
        figures.append(f)
    o0 = runs[other]["cells"][0]
    for n, title in NAMES:
        figures.append({"key": "kernel.%s.%s" % (other, n), "title": title + ", 1 cell of 4 "
                        "harts", "value": o0[n], "unit": "cycles",
                        "config": "%s as 1 cell of 4 harts; DRAM latency %d cycles"
                                  % (SHAPE, mem_latency)})

    def span(vals):
        lo, hi = min(vals), max(vals)
        return "{:,}".format(lo) if lo == hi else "{:,} - {:,}".format(lo, hi)

    tables = [{
        "title": "1 cell of 4 harts against 4 cells of 1 hart (%s, cycles)" % SHAPE,
        "columns": ["figure", "4 cells of 1 hart (cell 0)", "4 cells: range over cells",
                    "1 cell of 4 harts", "1 cell / 4 cells"],
        "rows": [[title, c0[n], span([c[n] for c in runs[main]["cells"]]), o0[n],
                  "%.2f" % (o0[n] / c0[n])] for n, title in NAMES],
        "note": "Both on the same 4x1 model. Within a cell of 1 hart every process runs on "
                "that hart; in the cell of 4 harts the benchmark's processes may run on "
                "different harts (the context switch is then a yield, and fork, wait and "
                "the pipe cross harts: IPIs and coherence misses), and the kernel's memory "
                "spans 4 nodes. OpenSBI boots 4 harts in one instance in the 1-cell case. "
                "In the 1-cell run OpenSBI entered the kernel on hart %s while the cell's home "
                "node (kernel image, first frames handed out) is node %s%s."
                % (o0.get("boot_hart", "?"), o0.get("home_node", "?"),
                   ": the benchmark starts on a hart that reaches that memory remotely"
                   if o0.get("boot_hart") is not None and o0.get("home_node") is not None and
                   o0["boot_hart"] // int(SHAPE.split("x")[1]) != o0["home_node"] else ""),
    }, {
        "title": "Every cell's figures (cycles)",
        "columns": ["configuration", "cell"] + [n for n, _ in NAMES],
        "rows": [[lab, c["cell"]] + [c[n] for n, _ in NAMES]
                 for lab, r in runs.items() for c in r["cells"]],
        "note": "Medians of 5 repetitions, measured by rdcycle in user mode (user/bench.c).",
    }]
    config = {"shape": SHAPE, "configs": [label(c) for c in CONFIGS],
              "mem_latency": mem_latency, "sim_revision": stats["revision"],
              "asids": bool(c0.get("asids"))}
    return {"config": config, "figures": figures, "tables": tables, "runs": runs}
