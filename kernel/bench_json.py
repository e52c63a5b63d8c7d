#!/usr/bin/env python3
"""Turns the kernel benchmark's console output into build/bench/kernel.json.

usage: bench_json.py --log CONSOLE_LOG --out JSON [--config TEXT]
The console holds one "bench-json: {...}" line per cell (bench, user/bench.c); the JSON has the
figures of bench/_lib.py's format (key kernel.<name>, cycles) for the first cell and every
cell's raw numbers.
"""
import argparse
import json
import re
import sys

PAPER_CYCLES = {"quick_fault": 1380}  # 6.9 us at 200 MHz (paper section 5.2)
TITLES = {
    "null_syscall": "null system call (getpid)",
    "quick_fault": "local quick page fault (file page in the page cache)",
    "anon_fault": "anonymous page fault (zeroed frame)",
    "fork_exit_wait": "fork + exit + wait",
    "ctx_switch": "context switch (yield between two processes)",
    "pipe_rtt": "pipe round trip",
    "boot_to_init": "reset to init, cycles of the boot hart",
}


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--log", required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--config", default="")
    a = p.parse_args()
    cells = []
    for line in open(a.log, errors="replace"):
        m = re.search(r"bench-json: (\{.*\})", line)
        if m:
            cells.append(json.loads(m.group(1)))
    if not cells:
        sys.exit("bench_json: no bench-json line in %s" % a.log)
    first = cells[0]
    figures = []
    for k, title in TITLES.items():
        if k in first:
            f = {"key": "kernel." + k, "title": title, "value": first[k], "unit": "cycles",
                 "config": a.config}
            if k in PAPER_CYCLES:
                f["paper"] = PAPER_CYCLES[k]
            figures.append(f)
    out = {"benchmark": "kernel", "config": {"text": a.config, "harts": first.get("harts"),
                                             "cells": first.get("cells")},
           "figures": figures, "cells": cells}
    with open(a.out, "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    for fig in figures:
        print("%-55s %10d cycles" % (fig["title"], fig["value"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
